import { describe, expect, test } from 'vitest';
import { applyConversion, ConversionError } from './convert.js';

type Row = [convert: string, value: unknown, expected: unknown];

const rows: Row[] = [
  ['parse', '{"data":{"userProfile":{"login":"a@b.c"}}}', { data: { userProfile: { login: 'a@b.c' } } }],
  ['parse', '[1,2]', [1, 2]],
  ['parse', '', null],
  ['parse', { already: 'object' }, { already: 'object' }],
  ['stringify', { commands: [] }, '{"commands":[]}'],
  ['stringify', [1, 'a'], '[1,"a"]'],
  ['stringify', 'text stays', 'text stays'],
  ['stringify', null, null],
  ['toString', 42, '42'],
  ['toString', { a: 1 }, '{"a":1}'],
  ['toString', null, null],
  ['wrapArray', 'x', ['x']],
  ['wrapArray', ['x'], ['x']],
  ['wrapArray', null, []],
  ['parseFloat', '3.14abc', 3.14],
  ['parseFloat', 'abc', null],
  ['parseFloat', 7, 7],
  ['booleanToString', true, 'true'],
  ['booleanToString', false, 'false'],
  ['isoString', '2024-03-01T10:00:00+02:00', '2024-03-01T08:00:00.000Z'],
  ['dateTime', '2024-03-01', '2024-03-01T00:00:00.000Z'],
  ['dateTime', 1700000000000, '2023-11-14T22:13:20.000Z'],
  ['isoString', '', null], // loose nulls: an empty Date field converts to nothing
];

describe("Okta's conversions on a wire", () => {
  test.each(rows)('%s of %o → %o', (convert, value, expected) => {
    expect(applyConversion(value, convert)).toEqual(expected);
  });

  test('forceWrapArray puts the converted value in a list', () => {
    expect(applyConversion('{"a":1}', 'parse', true)).toEqual([{ a: 1 }]);
    expect(applyConversion('[{"a":1}]', 'parse', true)).toEqual([{ a: 1 }]);
    expect(applyConversion('x', undefined, true)).toEqual(['x']);
  });

  test('no conversion passes the value unchanged', () => {
    const value = { a: 1 };
    expect(applyConversion(value, undefined)).toBe(value);
  });

  test.each([
    ['parse', '{not json', /not valid JSON/],
    ['dateTime', 'yesterday-ish', /is not a date/],
    ['reverse', 'x', /unknown conversion 'reverse'/],
  ])('%s of %o fails clearly', (convert, value, message) => {
    expect(() => applyConversion(value, convert)).toThrow(ConversionError);
    expect(() => applyConversion(value, convert)).toThrow(message);
  });
});
