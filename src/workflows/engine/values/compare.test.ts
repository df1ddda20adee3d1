import { describe, expect, test } from 'vitest';
import { compare, COMPARISON_OPERATORS, isEmpty, type Operand } from './compare.js';

const text = (value: unknown): Operand => ({ value, type: 'string' });
const number = (value: unknown): Operand => ({ value, type: 'number' });
const bool = (value: unknown): Operand => ({ value, type: 'boolean' });
const date = (value: unknown): Operand => ({ value, type: 'Date' });
const object = (value: unknown): Operand => ({ value, type: 'object' });
const list = (value: unknown, type = 'string'): Operand => ({ value, type, list: true });

type Row = [a: Operand, operator: string, b: Operand, expected: boolean];

// Okta's documented examples first (truefalse_compare.htm), then typed and loose cases.
const rows: Row[] = [
  // Comparison follows the declared types: as numbers 80 > 9, as text "80" < "9".
  [number(80), '>', number(9), true],
  [text('80'), '>', text('9'), false],
  [text('80'), '<', text('9'), true],
  [number('80'), '>', text('9'), true], // either side a number: numbers
  [text('B'), '<', text('a'), true], // text sorts by character code
  [number(5), '>=', number(5), true],
  [number(4), '<=', number(5), true],
  [number(6), '<=', number(5), false],
  [number(null), '>', number(1), false], // nothing is not ordered
  [date('2024-01-02T00:00:00Z'), '>', date('2024-01-01T23:59:59Z'), true],
  [date('2024-01-02'), '==', date('2024-01-02T00:00:00.000Z'), true],
  [text('b'), '>=', text('a'), true],
  // == and != (loose)
  [text('Red'), '==', text('Red'), true],
  [text('red'), '==', text('Red'), false],
  [number(80), '==', text('80'), true],
  [number(80), '==', text('80.0'), true],
  [text(null), '==', text(''), true], // loose nulls: unset text equals empty text
  [number(null), '==', number(0), false],
  [bool(false), '==', text('false'), true], // loose booleans
  [bool(true), '==', text('TRUE'), true],
  [bool(null), '==', bool(false), true],
  [bool(true), '!=', bool(false), true],
  [text('a'), '!=', text('a'), false],
  [object({ a: 1, b: [1, 2] }), '==', object({ b: [1, 2], a: 1 }), true],
  [object({ a: 1 }), '!=', object({ a: 2 }), true],
  [list(['x', 'y']), '==', list(['x', 'y']), true],
  // === and !== : equal and the same type
  [number(80), '===', text('80'), false],
  [number(80), '===', number(80), true],
  [text('80'), '!==', number(80), true],
  [object({ a: 1 }), '===', object({ a: 1 }), true],
  // % a multiple of: 12, 0 and -4 are multiples of 4; 2, 3 and 7 are not.
  [number(12), '%', number(4), true],
  [number(0), '%', number(4), true],
  [number(-4), '%', number(4), true],
  [number(2), '%', number(4), false],
  [number(3), '%', number(4), false],
  [number(7), '%', number(4), false],
  [text('12'), '%', text('4'), true],
  [number(0.3), '%', number(0.1), true],
  [number(5), '%', number(0), false],
  [number('abc'), '%', number(2), false],
  // in / not in: "test" is in "this is a test", but there is no "i" in "team".
  [text('test'), 'in', text('this is a test'), true],
  [text('i'), 'in', text('team'), false],
  [text('i'), 'not in', text('team'), true],
  [text('validationToken'), 'in', text('validationToken=abc'), true],
  [text('b'), 'in', list(['a', 'b']), true],
  [number(2), 'in', list([1, 2, 3], 'number'), true],
  [text('2'), 'in', list([1, 2, 3], 'number'), true],
  [text('z'), 'not in', list(['a', 'b']), true],
  [text(null), 'in', text('abc'), false],
  // has / doesn't have (key)
  [object({ test: 123 }), 'has', text('test'), true],
  [object({ test: 123 }), 'has', text('other'), false],
  [object({ test: 123 }), "doesn't have", text('other'), true],
  [object(null), "doesn't have", text('x'), true],
  [object({}), 'has', text('toString'), false],
  [list(['a', 'b']), 'has', text('1'), true],
  // is empty / is not empty (value b is not used)
  [text(''), 'is empty', text('ignored'), true],
  [text(null), 'is empty', text(''), true],
  [text(' '), 'is empty', text(''), false],
  [object({}), 'is empty', text(''), true],
  [list([]), 'is empty', text(''), true],
  [number(0), 'is empty', text(''), false],
  [text('x'), 'is not empty', text(''), true],
  [object({ a: null }), 'is not empty', text(''), true],
];

describe("Okta's comparison operators", () => {
  test.each(rows)('%o %s %o → %s', (a, operator, b, expected) => {
    expect(compare(operator, a, b)).toBe(expected);
  });

  test('every operator of the export choices is covered', () => {
    const used = new Set(rows.map((row) => row[1]));
    expect(COMPARISON_OPERATORS.filter((operator) => !used.has(operator))).toEqual([]);
  });

  test('an operator Okta does not have fails instead of guessing', () => {
    expect(() => compare('contains', text('a'), text('abc'))).toThrow(/unknown comparison 'contains'/);
  });

  test('is empty treats nothing, empty text, lists and objects alike', () => {
    expect([null, undefined, '', [], {}].every(isEmpty)).toBe(true);
    expect([0, false, ' ', [null], { a: 1 }].some(isEmpty)).toBe(false);
  });
});
