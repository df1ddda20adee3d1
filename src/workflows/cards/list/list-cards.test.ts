import { describe, expect, test } from 'vitest';
import type { CardDeclaration, CardFieldSpec } from '../../engine/card.js';
import { callCard } from '../test-kit.js';
import at from './at.card.js';
import collapse from './collapse.card.js';
import construct from './construct.card.js';
import difference from './difference.card.js';
import filterBy from './filterBy.card.js';
import findBy from './findBy.card.js';
import flatten from './flatten.card.js';
import includes from './includes.card.js';
import intersection from './intersection.card.js';
import join from './join.card.js';
import length from './length.card.js';
import pluck from './pluck.card.js';
import push from './push.card.js';
import sample from './sample.card.js';
import shift from './shift.card.js';
import sortBy from './sortBy.card.js';
import union from './union.card.js';
import uniqueBy from './uniqueBy.card.js';

async function run(card: CardDeclaration, values: Record<string, unknown>, override: Partial<Record<string, Partial<CardFieldSpec>>> = {}) {
  const inputs = card.inputs.map((field) => ({ ...field, ...override[field.key], value: Object.hasOwn(values, field.key) ? values[field.key] : null }));
  return (await callCard(card, { inputs, random: () => 0 })).outputs;
}

const users = [
  { id: '00u1', profile: { login: 'ada@atko.email' }, status: 'ACTIVE', logins: 12 },
  { id: '00u2', profile: { login: 'bob@atko.email' }, status: 'SUSPENDED', logins: 3 },
  { id: '00u3', profile: { login: 'cy@example.com' }, status: 'ACTIVE', logins: 7 },
];

describe('Construct, At, Length, Pluck', () => {
  test('Construct lists its inputs in order', async () => {
    const { outputs } = await callCard(construct, {
      inputs: [
        { key: 'y9Ww0lejK', type: 'object', value: { a: 1 } },
        { key: 'SMTP', type: 'string', value: 'SMTP:jane@x.com' },
        { key: 'none', type: 'string', value: null },
      ],
    });
    expect(outputs).toEqual({ list: [{ a: 1 }, 'SMTP:jane@x.com', null] });
  });

  test.each([
    [{ list: ['69', '173', '127', '24'], index: 0 }, '69'],
    [{ list: ['69', '173', '127', '24'], index: 3 }, '24'],
    [{ list: ['a', 'b'], index: -1 }, 'b'],
    [{ list: ['a', 'b'], index: 5 }, null],
    [{ list: null, index: 0 }, null],
  ])('At %o → %o', async (values, expected) => {
    expect(await run(at, values, { list: { type: 'string' } })).toEqual({ item: expected });
  });

  test('Length, Pluck (keys and dotted paths)', async () => {
    expect(await run(length, { list: users })).toEqual({ length: 3 });
    expect(await run(length, { list: null })).toEqual({ length: 0 });
    expect(await run(pluck, { list: users, key: 'id' })).toEqual({ values: ['00u1', '00u2', '00u3'] });
    expect(await run(pluck, { list: users, key: 'profile.login' })).toEqual({ values: ['ada@atko.email', 'bob@atko.email', 'cy@example.com'] });
    expect(await run(pluck, { list: [{ 'Row ID': 'r1' }, {}], key: 'Row ID' })).toEqual({ values: ['r1', null] });
  });

  test('a list input that is not a list fails, naming it', async () => {
    await expect(run(length, { list: { a: 1 } }, { list: { list: false } })).rejects.toThrow(/input 'list' must be a list, not an object/);
  });
});

describe('Filter (list:filterBy) and Find (list:findBy)', () => {
  test.each([
    [{ list: users, path: 'status', operator: '==', comparison: 'ACTIVE' }, ['00u1', '00u3']],
    [{ list: users, path: 'status', operator: '!=', comparison: 'ACTIVE' }, ['00u2']],
    [{ list: users, path: 'logins', operator: '>', comparison: '5' }, ['00u1', '00u3']],
    [{ list: users, path: 'profile.login', operator: 'in', comparison: 'ada@atko.email,cy@example.com' }, ['00u1', '00u3']],
    [{ list: users, path: 'profile.login', operator: 'is not empty', comparison: '' }, ['00u1', '00u2', '00u3']],
  ])('Filter %o', async (values, expectedIds) => {
    const { list } = await run(filterBy, values);
    expect((list as Array<{ id: string }>).map((user) => user.id)).toEqual(expectedIds);
  });

  test('Filter with a list to compare against (a template filters factor reasons with `in`)', async () => {
    const reasons = [{ details: { reason: 'asn' } }, { details: { reason: 'device' } }, { details: { reason: 'ip_address' } }];
    const { list } = await run(filterBy, { list: reasons, path: 'details.reason', operator: 'in', comparison: ['asn', 'ip_address', 'user_agent'] }, { comparison: { type: 'object', list: true } });
    expect(list).toEqual([reasons[0], reasons[2]]);
  });

  test('Find gives the first match and its index, or nothing and -1', async () => {
    const factors = [{ factorType: 'sms' }, { factorType: 'push' }, { factorType: 'push', id: 2 }];
    expect(await run(findBy, { list: factors, path: 'factorType', operator: '==', comparison: 'push' })).toEqual({ item: { factorType: 'push' }, index: 1 });
    expect(await run(findBy, { list: factors, path: 'factorType', operator: '==', comparison: 'email' })).toEqual({ item: null, index: -1 });
  });
});

describe('Sort, Remove Duplicates, Union, Intersection, Difference', () => {
  test('Sort orders by the value at the path, ascending and stable; numbers before text, nothing last', async () => {
    const events = [{ published: '2024-03-02', n: 1 }, { published: '2024-01-05', n: 2 }, { n: 3 }, { published: '2024-03-02', n: 4 }];
    expect(((await run(sortBy, { list: events, path: 'published' }))['sorted list'] as Array<{ n: number }>).map((event) => event.n)).toEqual([2, 1, 4, 3]);
    expect(await run(sortBy, { list: [10, 9, 'b', 'a', 100], path: '' })).toEqual({ 'sorted list': [9, 10, 100, 'a', 'b'] });
  });

  test('Remove Duplicates keeps the first of each value at the path', async () => {
    const rows = [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 1, name: 'c' }];
    expect(await run(uniqueBy, { list: rows, path: 'id' })).toEqual({ 'unique list': [rows[0], rows[1]] });
    expect(await run(uniqueBy, { list: [{ a: 1, b: 2 }, { b: 2, a: 1 }, 'x', 'x'], path: '' })).toEqual({ 'unique list': [{ a: 1, b: 2 }, 'x'] });
  });

  test.each([
    [union, ['a', 'b', 'a'], ['b', 'c'], { union: ['a', 'b', 'c'] }],
    [intersection, ['a', 'b', 'c', 'b'], ['b', 'c', 'd'], { list: ['b', 'c'] }],
    [difference, ['a', 'b', 'c'], ['b'], { list: ['a', 'c'] }],
    [intersection, [{ id: 1 }, { id: 2 }], [{ id: 2 }], { list: [{ id: 2 }] }],
    [difference, [{ id: 1 }, { id: 2 }], null, { list: [{ id: 1 }, { id: 2 }] }],
  ])('%#: %o and %o → %o', async (card, list1, list2, expected) => {
    expect(await run(card, { list1, list2 })).toEqual(expected);
  });
});

describe('Flatten, Collapse, Includes', () => {
  test('Flatten one level', async () => {
    expect(await run(flatten, { lists: [[1, 2], [3], [], [[4]], 5] })).toEqual({ list: [1, 2, 3, [4], 5] });
  });

  test('Collapse a list of objects into one; the last key wins', async () => {
    expect(await run(collapse, { list: [{ a: 1 }, { b: 2 }, null, { a: 3 }] })).toEqual({ output: { a: 3, b: 2 } });
    await expect(run(collapse, { list: [{ a: 1 }, 'text'] })).rejects.toThrow(/item 1 of the list is not an object/);
  });

  test.each([
    [['ada', 'bob'], 'bob', true],
    [['ada', 'bob'], 'cy', false],
    [[1, 2, 3], '2', true],
    [[{ id: 1 }], { id: 1 }, true],
    [[], 'x', false],
  ])('Includes %o %o → %s', async (list, value, expected) => {
    expect(await run(includes, { list, value }, { value: { type: typeof value === 'object' ? 'object' : 'string' } })).toEqual({ result: expected });
  });
});

describe('Add to End, Get First Item, Sample, List to Text', () => {
  test('Add to End and Get First Item leave the input list alone', async () => {
    const list = ['a', 'b'];
    expect(await run(push, { list, item: 'c' })).toEqual({ list: ['a', 'b', 'c'] });
    expect(await run(shift, { list })).toEqual({ list: ['b'], item: 'a' });
    expect(await run(shift, { list: [] })).toEqual({ list: [], item: null });
    expect(list).toEqual(['a', 'b']);
  });

  test('Sample draws distinct items from the host random source', async () => {
    expect(await run(sample, { list: ['a', 'b', 'c'], amount: 2 })).toEqual({ samples: ['a', 'b'] });
    expect(await run(sample, { list: ['a', 'b'], amount: 10 })).toEqual({ samples: ['a', 'b'] });
    await expect(run(sample, { list: ['a'], amount: -1 })).rejects.toThrow(/whole number of items/);
  });

  test.each([
    [['a', 'b', 'c'], ',', 'a,b,c'],
    [['jane@x.com', 'bob@x.com'], '","', 'jane@x.com","bob@x.com'],
    [['a', null, 3], '||', 'a||||3'],
    [[], ',', ''],
  ])('List to Text %o with %o → %o', async (list, delimiter, expected) => {
    expect(await run(join, { list, delimiter })).toEqual({ string: expected });
  });
});
