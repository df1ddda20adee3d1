import { describe, expect, it } from 'vitest';
import { compileFilter } from './evaluate.js';
import { ExpressionError, parseExpression } from './expression.js';

/** A LogEvent as Tollgate writes it for "user added to group". */
const membershipAdd = {
  uuid: '6e1b3f3c-0000-4000-8000-000000000001',
  eventType: 'group.user_membership.add',
  displayMessage: 'Add user to group membership',
  severity: 'INFO',
  actor: { id: '00uadmin0000000000001', type: 'User', alternateId: 'admin@localhost', displayName: 'Admin' },
  outcome: { result: 'SUCCESS', reason: null },
  target: [
    { id: '00ujane00000000000001', type: 'User', alternateId: 'jane@atko.email', displayName: 'Jane Doe' },
    { id: '00gsales0000000000001', type: 'UserGroup', alternateId: 'unknown', displayName: 'Sales' },
  ],
  debugContext: { debugData: { requestId: 'req1', changedAttributes: 'firstName,lastName', count: 3 } },
};

const cases: Array<[string, boolean]> = [
  // Okta's documented examples.
  ["event.target.?[type eq 'UserGroup'].size()>0 && event.target.?[displayName eq 'Sales'].size()>0", true],
  ["event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size()> 0", true],
  ["event.target.?[type eq 'UserGroup'].size()>0 && event.target.?[displayName eq 'Marketing'].size()>0", false],
  ["event.eventType eq 'group.user_membership.add'", true],
  ["event.eventType eq 'Admin'", false],
  ["event.outcome.result eq 'SUCCESS'", true],
  ["event.outcome.result ne 'SUCCESS'", false],
  ["event.actor.alternateId eq 'admin@localhost' || event.actor.type eq 'PublicClientApp'", true],
  ["event.debugData.changedAttributes.contains('lastName')", true],
  ["String.stringContains(event.debugData.changedAttributes, 'email')", false],
  // Selection flavours, projection, indexes and #this.
  ["event.target.^[type eq 'User'].alternateId eq 'jane@atko.email'", true],
  ["event.target.$[#this.type == 'User'] == null", false],
  ["event.target.![displayName].contains('Sales')", true],
  ["{'Sales', 'HR'}.contains(event.target.^[type eq 'UserGroup'].displayName)", true],
  ["event.target[1].id.startsWith('00g')", true],
  ["event['eventType'] == 'group.user_membership.add'", true],
  ['event.target.?[type == "UserGroup"].isEmpty()', false],
  // Operators, words and case.
  ['event.debugData.count gt 2 AND event.debugData.count le 3', true],
  ['not (event.debugData.count >= 4)', true],
  ['!(event.severity == "INFO")', false],
  ["event.displayMessage.toLowerCase().startsWith('add user')", true],
  ["event.actor.displayName.equalsIgnoreCase('ADMIN')", true],
  // Missing members are null; unlike types never compare true.
  ['event.client.ipAddress == null', true],
  ["event.nothing.deeper eq 'x'", false],
  ["event.debugData.count eq '3'", true],
  ['event.debugData.count > "2"', false],
  ['event.target.size() > 1', true],
  ["'it''s' eq \"it's\"", true],
  // Non-boolean results never pass.
  ['event.eventType', false],
  ['event.target.size()', false],
];

describe('event hook filter expressions', () => {
  it.each(cases)('%s → %s', (expression, expected) => {
    expect(compileFilter(expression).matches(membershipAdd)).toBe(expected);
  });

  it('reports bad expressions with a position, before any event arrives', () => {
    const problems: Array<[string, RegExp]> = [
      ["event.target.?[type eq 'UserGroup' && displayName eq 'Sales'", /Expected '\]'/],
      ["event.eventType eq 'unterminated", /Unterminated string/],
      ["user.profile.email eq 'x'", /Unknown variable 'user'/],
      ['event.target.sizes() > 0', /Unknown method 'sizes\(\)'/],
      ['event.target.size(1) > 0', /size\(\) takes 0 arguments/],
      ['Math.random()', /Unknown function 'Math.random'/],
      ["event.eventType eq 'a' eq 'b'", /cannot be chained/],
      ['event.eventType ==', /ends too early/],
      ['#env', /Unknown variable '#env'/],
      ["event.eventType; process.exit()", /Unexpected character ';'/],
      ['', /empty/],
      ['('.repeat(100) + 'true' + ')'.repeat(100), /nested too deeply/],
    ];
    for (const [expression, message] of problems) {
      let error: unknown;
      try { compileFilter(expression); } catch (e) { error = e; }
      expect(error, expression).toBeInstanceOf(ExpressionError);
      expect((error as Error).message, expression).toMatch(message);
      expect((error as Error).message, expression).toMatch(/at position \d+/);
    }
  });

  it('parses into a tree (no code is generated or evaluated)', () => {
    expect(parseExpression("event.target.?[type eq 'UserGroup'].size() > 0")).toEqual({
      kind: 'compare', op: 'gt',
      left: {
        kind: 'method', name: 'size', args: [], pos: 36,
        target: {
          kind: 'select', mode: 'all',
          target: { kind: 'member', name: 'target', nullSafe: false, target: { kind: 'name', name: 'event', pos: 0 } },
          predicate: { kind: 'compare', op: 'eq', left: { kind: 'name', name: 'type', pos: 15 }, right: { kind: 'literal', value: 'UserGroup' } },
        },
      },
      right: { kind: 'literal', value: 0 },
    });
  });

  it('never lets a crafted member name reach the prototype', () => {
    expect(compileFilter('event.constructor == null').matches(membershipAdd)).toBe(true);
    expect(compileFilter("event['__proto__'] == null").matches(membershipAdd)).toBe(true);
    expect(compileFilter('event.target.constructor == null').matches(membershipAdd)).toBe(true);
  });
});
