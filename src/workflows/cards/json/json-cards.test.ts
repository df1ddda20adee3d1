import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import parse from './parse.card.js';
import stringify from './stringify.card.js';

describe('JSON Parse (json:parse)', () => {
  test.each([
    ['{"commands":[{"type":"t"}]}', 'object', false, { commands: [{ type: 't' }] }],
    ['[{"a":1},{"a":2}]', 'object', true, [{ a: 1 }, { a: 2 }]],
    ['', 'object', false, null],
    ['"text"', 'string', false, 'text'],
  ])('%o → %o', async (text, type, list, expected) => {
    const { outputs } = await callCard(parse, { inputs: [{ key: 'string', type: 'string', value: text }], outputs: [{ key: 'output', type, list }] });
    expect(outputs).toEqual({ output: expected });
  });

  test('text that is not JSON fails the card', async () => {
    await expect(callCard(parse, { inputs: [{ key: 'string', type: 'string', value: '{"a":' }] })).rejects.toThrow(/input 'string': the text is not valid JSON/);
  });
});

describe('JSON Stringify (json:stringify)', () => {
  test.each([
    [{ b: 1, a: [true, null] }, '{"b":1,"a":[true,null]}'],
    [[1, 2], '[1,2]'],
    [null, null],
    ['{"already":"json"}', '{"already":"json"}'], // JSON text reaching the object input is read first
  ])('%o → %o', async (value, expected) => {
    const { outputs } = await callCard(stringify, { inputs: [{ key: 'object', type: 'object', value }] });
    expect(outputs).toEqual({ output: expected });
  });
});
