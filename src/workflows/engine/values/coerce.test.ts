import { describe, expect, test } from 'vitest';
import type { FieldType } from '../../model/flow.schema.js';
import { coerceToField } from './coerce.js';

type Row = [value: unknown, type: FieldType, list: boolean, expected: unknown];

const rows: Row[] = [
  // to text
  [42, 'string', false, '42'],
  [true, 'string', false, 'true'],
  [{ a: 1 }, 'string', false, '{"a":1}'],
  [['x'], 'string', false, '["x"]'],
  [null, 'string', false, null],
  [undefined, 'number', false, null],
  // to number
  ['80', 'number', false, 80],
  [' 2.5 ', 'number', false, 2.5],
  ['', 'number', false, null],
  [true, 'number', false, 1],
  ['abc', 'number', false, 'abc'], // cannot be read as a number: left for the card to judge
  [Number.NaN, 'number', false, null],
  // to true/false
  ['true', 'boolean', false, true],
  ['FALSE', 'boolean', false, false],
  [0, 'boolean', false, false],
  [3, 'boolean', false, true],
  ['', 'boolean', false, null],
  ['maybe', 'boolean', false, 'maybe'],
  // to date: ISO text
  ['2024-03-01', 'Date', false, '2024-03-01T00:00:00.000Z'],
  [0, 'Date', false, '1970-01-01T00:00:00.000Z'],
  ['not a date', 'Date', false, 'not a date'],
  ['', 'Date', false, null], // loose nulls
  // to object: JSON text is read (auto-transform)
  ['{"a":[1,2]}', 'object', false, { a: [1, 2] }],
  [' [1] ', 'object', false, [1]],
  ['plain', 'object', false, 'plain'],
  ['{broken', 'object', false, '{broken'],
  ['', 'object', false, null],
  [{ typed: true }, { name: { type: 'string' } }, false, { typed: true }],
  // lists
  [['1', '2'], 'number', true, [1, 2]],
  ['["a","b"]', 'string', true, ['a', 'b']],
  ['single', 'string', true, ['single']],
  [null, 'string', true, null],
  // types the engine does not read pass through
  ['abc', 'flo', false, 'abc'],
];

describe("Okta's loose coercions into a field's declared type", () => {
  test.each(rows)('%o as %o (list %s) → %o', (value, type, list, expected) => {
    expect(coerceToField(value, { type, list })).toEqual(expected);
  });
});
