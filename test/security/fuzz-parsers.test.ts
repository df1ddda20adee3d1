import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { FilterSyntaxError, parseFilter } from '../../src/platform/filter.js';
import { compileFilter } from '../../src/hooks/event/filter/evaluate.js';
import { ExpressionError } from '../../src/hooks/event/filter/expression.js';
import { evaluateFormula, FormulaError } from '../../src/workflows/cards/math/formula.js';
import { parseClaimExpression } from '../../src/oauth/claim-expression.js';
import { evaluateExpression } from '../../src/saml/expressions.js';
import { parseHookReply } from '../../src/hooks/inline/hook-reply.js';
import { builtInInlineHookTypes as inlineHookTypes } from '../../src/hooks/inline/hook-types.js';
import { FlopackError, readFlopack } from '../../src/workflows/flopack/index.js';
import { compilePattern, PatternError } from '../../src/platform/linear-regex.js';
import { safeReturnPath } from '../../src/platform/http/return-path.js';

/*
 * Property-based fuzzing of the parsers that read outside input (issue 13, "Also"): whatever the text,
 * each answers with its own error type (which the API turns into a 400) or a value; never a TypeError,
 * a RangeError (stack overflow) or a hang. Bounded: RUNS cases per property per test run.
 */

const RUNS = 200;

/** Text made of the grammar's own tokens (most random strings fail at the first character) or anything at all. */
function grammar(tokens: string[], maxTokens = 60): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(fc.constantFrom(...tokens), { maxLength: maxTokens }).map((parts) => parts.join(' ')),
    fc.array(fc.constantFrom(...tokens), { maxLength: maxTokens }).map((parts) => parts.join('')),
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
  );
}

function onlyThrows(run: () => unknown, ...allowed: Array<new (...args: never[]) => Error>): void {
  try {
    run();
  } catch (error) {
    if (!allowed.some((type) => error instanceof type)) throw error;
  }
}

const FILTER_TOKENS = ['(', ')', 'and', 'or', 'not', 'eq', 'ne', 'sw', 'co', 'ew', 'pr', 'gt', 'lt', '"x"', '"', '\\', '"a\\"b"', 'status', 'profile.login',
  'profile.__proto__', 'constructor', 'toString', 'lastUpdated', '1', '-2.5', 'true', 'null', 'target.id', 'actor.id', 'name', '"2024-01-01T00:00:00.000Z"'];

const EL_TOKENS = ['event', '.', 'eventType', 'target', '?.', '[', ']', '[0]', "'a'", "''", '"b"', '==', '!=', 'eq', 'gt', '&&', '||', '!', 'and', 'or', 'not', '(', ')',
  '{', '}', ',', '.?[', '.^[', '.$[', '.![', '#this', '#root', 'size()', 'contains(', 'String.stringContains(', 'Arrays.contains(', 'null', '1', '2.5', 'true',
  "'", '__proto__', 'constructor', 'prototype', 'toString()', 'length()'];

const FORMULA_TOKENS = ['+', '-', '*', '/', '^', '%', '(', ')', '{{{a}}}', '{{b}}', '{{{', '}}}', '1', '2.5', '1e308', '.5', 'sqrt(', 'max(', 'min(', 'abs(',
  'round(', ',', 'pi', 'e', 'x', 'constructor', '__proto__'];

describe('SCIM-style filters and searches (users, groups, System Log, apps)', () => {
  test('parseFilter answers a tree or a FilterSyntaxError', () => {
    fc.assert(fc.property(grammar(FILTER_TOKENS), (text) => onlyThrows(() => parseFilter(text), FilterSyntaxError)), { numRuns: RUNS });
  });

  test('nesting 100,000 deep is a FilterSyntaxError, not a stack overflow', () => {
    expect(() => parseFilter(`${'('.repeat(100_000)}id pr${')'.repeat(100_000)}`)).toThrow(FilterSyntaxError);
    expect(() => parseFilter(`${'not '.repeat(3000)}id pr`)).toThrow(FilterSyntaxError);
  });
});

describe('Expression Language (event hook filters, claims, SAML attributes)', () => {
  test('event hook filters compile or answer an ExpressionError; a compiled one evaluates to a boolean', () => {
    const event = { eventType: 'user.lifecycle.create', target: [{ id: '00u1', type: 'User' }], debugData: { a: '1' } };
    fc.assert(fc.property(grammar(EL_TOKENS), (text) => onlyThrows(() => {
      expect(typeof compileFilter(text).matches(event)).toBe('boolean');
    }, ExpressionError)), { numRuns: RUNS });
  });

  test('deep nesting in a filter expression is an ExpressionError', () => {
    for (const text of [`${'('.repeat(2000)}true${')'.repeat(2000)}`, `${'!'.repeat(4000)}true`, `event${'[0]'.repeat(1300)}`, `${'{'.repeat(2000)}`]) {
      onlyThrows(() => compileFilter(text), ExpressionError);
    }
  });

  test('claim expressions parse to terms or an error', () => {
    fc.assert(fc.property(grammar(['user.', 'user.email', 'app.clientId', '+', '"a"', "'b'", '"', 'isMemberOfGroupName(', ')', '1', 'true', '\\', ' ']), (text) => {
      const parsed = parseClaimExpression(text);
      expect(Array.isArray(parsed) || typeof parsed.error === 'string').toBe(true);
    }), { numRuns: RUNS });
  });

  test('SAML attribute expressions evaluate without throwing', () => {
    const scope = { user: { email: 'a@example.com' }, appuser: {}, userName: 'a' };
    fc.assert(fc.property(grammar(['user.', 'user.email', 'appuser.x', 'user.__proto__', 'user.constructor', '+', '"a"', "'b'", '"', '${', '}', ' ']), (text) => {
      evaluateExpression(text, scope);
    }), { numRuns: RUNS });
  });
});

describe('Formula (Compute card)', () => {
  test('a formula is a finite number or a FormulaError', () => {
    fc.assert(fc.property(grammar(FORMULA_TOKENS), (text) => onlyThrows(() => {
      expect(Number.isFinite(evaluateFormula(text, () => 2))).toBe(true);
    }, FormulaError)), { numRuns: RUNS });
  });

  test('deep nesting in a formula is a FormulaError', () => {
    for (const text of [`${'('.repeat(100_000)}1${')'.repeat(100_000)}`, `${'-'.repeat(100_000)}1`, `${'sqrt('.repeat(50_000)}4${')'.repeat(50_000)}`, `2${'^2'.repeat(100_000)}`]) {
      onlyThrows(() => evaluateFormula(text, () => 1), FormulaError);
    }
  });
});

describe('regular expressions from outside', () => {
  test('a pattern compiles on RE2 or is a PatternError', () => {
    fc.assert(fc.property(grammar(['(', ')', '(?:', '(?=', '(?<n>', '\\1', '\\k<n>', '[', ']', '[^', '*', '+', '?', '{2}', '{1,', '|', '.', '^', '$', '\\d', '\\w', '\\', 'a', 'b', '\\u00e9', '\\p{L}']), (text) => {
      onlyThrows(() => compilePattern(text).test('aab'), PatternError);
    }), { numRuns: RUNS });
  });
});

describe('inline hook replies', () => {
  test('every hook type answers a reply or the reason it is invalid', () => {
    const reply = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v)),
      fc.record({
        commands: fc.array(fc.record({ type: fc.constantFrom(...inlineHookTypes.flatMap((t) => Object.keys(t.commands)), 'x', '__proto__'), value: fc.jsonValue({ maxDepth: 4 }) }), { maxLength: 3 }),
        error: fc.option(fc.jsonValue({ maxDepth: 3 })),
        debugContext: fc.option(fc.jsonValue({ maxDepth: 3 })),
      }).map((v) => JSON.stringify(v)),
    );
    fc.assert(fc.property(fc.constantFrom(...inlineHookTypes), reply, (definition, body) => {
      const parsed = parseHookReply(definition, body);
      expect('reply' in parsed || typeof parsed.invalid === 'string').toBe(true);
    }), { numRuns: RUNS });
  });

  test.each(['__proto__', 'constructor', 'toString'])('a command type %s is not a command of any hook type (fuzzing found it crashing)', (type) => {
    for (const definition of inlineHookTypes) {
      const parsed = parseHookReply(definition, JSON.stringify({ commands: [{ type, value: null }] }));
      expect(parsed).toMatchObject({ invalid: expect.stringContaining(`'${type}' is not a command of`) });
    }
  });
});

describe('flopack import', () => {
  test('any JSON is read as a flopack or answers a FlopackError', () => {
    const flos = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 5 }), { maxKeys: 3 });
    const file = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }),
      fc.record({ type: fc.constant('flopack'), version: fc.oneof(fc.constant('1.0.0'), fc.jsonValue({ maxDepth: 1 })), data: fc.record({ flos, tables: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }) }),
    );
    fc.assert(fc.property(file, (json) => onlyThrows(() => readFlopack(json), FlopackError)), { numRuns: RUNS });
  });
});

describe('redirect parameters', () => {
  // Same-origin only (the leading-tab open redirect) is item 3's, tested in a real browser there.
  test('safeReturnPath answers a path or nothing, and never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 80 }), grammar(['/', '//', '\\', '\t', ' ', '\r', '\n', 'evil.example', '%2F', '%09', 'http:', 'javascript:', '@', '?', '#', 'app'])), (text) => {
      const path = safeReturnPath(text, 'http://localhost:8080');
      expect(path === undefined || (path.startsWith('/') && !path.startsWith('//'))).toBe(true);
    }), { numRuns: RUNS });
  });
});
