import { describe, expect, it } from 'vitest';
import { evaluateClaimExpression, filterGroups, parseClaimExpression, type Term } from './claim-expression.js';

const input = { profile: { email: 'a@example.com', firstName: 'Ann', level: 3 }, userId: '00u1', clientId: 'cid', groupNames: ['Everyone', 'Admins', 'admins-eu'] };
const evaluate = (text: string) => evaluateClaimExpression(parseClaimExpression(text) as Term[], input);

describe('custom claim expressions (a subset of Okta EL)', () => {
  it('evaluates attributes, literals, concatenation, the client id and group membership', () => {
    expect(evaluate('user.email')).toBe('a@example.com');
    expect(evaluate('user.level')).toBe(3);
    expect(evaluate('"Hi " + user.firstName + \'!\'')).toBe('Hi Ann!');
    expect(evaluate('app.clientId')).toBe('cid');
    expect(evaluate('isMemberOfGroupName("admins")')).toBe(true);
    expect(evaluate('true')).toBe(true);
    expect(evaluate('user.missing')).toBeUndefined();
    expect(evaluate('"x" + user.missing')).toBeUndefined();
  });

  it('refuses what it cannot evaluate', () => {
    for (const text of ['user.email.toUpperCase()', 'user["email"]', '1 - 2', 'String.len(user.email)', '"a" +']) {
      expect(parseClaimExpression(text), text).toHaveProperty('error');
    }
  });

  it('filters groups as Okta does', () => {
    expect(filterGroups(input.groupNames, 'STARTS_WITH', 'ADMIN')).toEqual(['Admins', 'admins-eu']);
    expect(filterGroups(input.groupNames, 'EQUALS', 'admins')).toEqual(['Admins']);
    expect(filterGroups(input.groupNames, 'CONTAINS', 'ver')).toEqual(['Everyone']);
    expect(filterGroups(input.groupNames, 'REGEX', 'admins.*')).toEqual(['admins-eu']);
    expect(filterGroups(input.groupNames, 'REGEX', '(')).toEqual([]);
  });
});
