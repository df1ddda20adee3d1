import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import clearEmpty from './clearEmpty.card.js';
import expand from './expand.card.js';
import keys from './keys.card.js';
import merge from './merge.card.js';
import set from './set.card.js';
import values from './values.card.js';

const object = (value: unknown, key = 'object') => ({ key, type: 'object' as const, value });

describe('Set (object:set)', () => {
  test.each([
    [{ a: 1 }, 'b', 2, { a: 1, b: '2' }], // the value field is text, as Okta's Set declares it
    [{ a: 1 }, 'a', 'x', { a: 'x' }],
    [{ profile: { email: 'a@x' } }, 'profile.login', 'jane', { profile: { email: 'a@x', login: 'jane' } }],
    [{}, 'groups.0.id', '00g1', { groups: [{ id: '00g1' }] }],
    [null, 'a', 'one', { a: 'one' }],
  ])('%o with %s = %o → %o', async (input, path, value, expected) => {
    const inputs = [object(input), { key: 'path', type: 'string' as const, value: path }, { key: 'value', type: 'string' as const, value }];
    const call = callCard(set, { inputs, outputs: [{ key: 'output', type: 'object' }] });
    expect((await call).outputs).toEqual({ output: expected });
  });

  test('does not change the object it was given, and refuses prototype keys', async () => {
    const original = { a: { b: 1 } };
    await callCard(set, { inputs: [object(original), { key: 'path', type: 'string', value: 'a.b' }, { key: 'value', type: 'number', value: 2 }] });
    expect(original).toEqual({ a: { b: 1 } });
    await expect(callCard(set, { inputs: [object({}), { key: 'path', type: 'string', value: '__proto__.x' }, { key: 'value', type: 'string', value: 'y' }] })).rejects.toThrow(
      /cannot be used as a key/,
    );
  });
});

describe('Merge (object:merge)', () => {
  test("help.okta.com's example: the last object's value wins", async () => {
    const first = { email: 'jane.doe@example.com', id: 123 };
    const second = { email: 'john.doe@example.com', first: 'John', last: 'Doe' };
    expect((await callCard(merge, { inputs: [object(first, 'start'), object(second, 'sink')] })).outputs).toEqual({ output: { email: 'john.doe@example.com', id: 123, first: 'John', last: 'Doe' } });
    expect((await callCard(merge, { inputs: [object(second, 'start'), object(first, 'sink')] })).outputs).toEqual({ output: { email: 'jane.doe@example.com', first: 'John', last: 'Doe', id: 123 } });
  });

  test('more objects, nothing skipped, a non-object refused', async () => {
    const inputs = [object({ a: 1 }, 'start'), object(null, 'sink'), object({ b: 2 }, 'object 3'), object({ a: 3 }, 'object 4')];
    expect((await callCard(merge, { inputs })).outputs).toEqual({ output: { a: 3, b: 2 } });
    await expect(callCard(merge, { inputs: [object({ a: 1 }, 'start'), { key: 'sink', type: 'string', value: 'text' }] })).rejects.toThrow(/input 'sink' must be an object/);
  });
});

describe('Keys, Values, Clear Empty', () => {
  test('keys and values in key order', async () => {
    const input = { id: '00u1', status: 'ACTIVE', profile: { login: 'jane' } };
    expect((await callCard(keys, { inputs: [object(input)] })).outputs).toEqual({ keys: ['id', 'status', 'profile'] });
    expect((await callCard(values, { inputs: [object(input)] })).outputs).toEqual({ values: ['00u1', 'ACTIVE', { login: 'jane' }] });
    expect((await callCard(keys, { inputs: [object(null)] })).outputs).toEqual({ keys: [] });
  });

  test.each([
    [false, { a: 1, b: null, c: '', d: [], e: {}, f: 0, g: false, h: { x: null } }, { a: 1, f: 0, g: false, h: { x: null } }],
    [true, { a: 1, h: { x: null, y: 'keep' }, i: { x: '' }, list: [{ z: null, w: 1 }] }, { a: 1, h: { y: 'keep' }, list: [{ w: 1 }] }],
  ])('recursive %s: %o → %o', async (recursive, input, expected) => {
    const { outputs } = await callCard(clearEmpty, { inputs: [object(input), { key: 'recursive', type: 'boolean', value: recursive }] });
    expect(outputs).toEqual({ output: expected });
  });
});

describe("Okta's hidden expand card (object:expand)", () => {
  test("each output group picks the value at its list of keys, as the event templates export it", async () => {
    const user = { ID: '00u1', 'Display Name': 'Jane Doe', outcome: { result: 'SUCCESS' } };
    const { outputs } = await callCard(expand, {
      inputs: [object(user)],
      outputs: [
        { key: 'key', group: 'g1', type: 'string', list: true, value: ['ID'] },
        { key: 'value', group: 'g1', type: 'string' },
        { key: 'key', group: 'g2', type: 'string', list: true, value: ['Display Name'] },
        { key: 'value', group: 'g2', type: 'string' },
        { key: 'key', group: 'g3', type: 'string', list: true, value: ['outcome', 'result'] },
        { key: 'value', group: 'g3', type: 'string' },
        { key: 'key', group: 'g4', type: 'string', list: true, value: ['missing'] },
        { key: 'value', group: 'g4', type: 'string' },
      ],
    });
    expect(outputs).toEqual({
      'g1.key': ['ID'],
      'g1.value': '00u1',
      'g2.key': ['Display Name'],
      'g2.value': 'Jane Doe',
      'g3.key': ['outcome', 'result'],
      'g3.value': 'SUCCESS',
      'g4.key': ['missing'],
      'g4.value': null,
    });
  });
});
