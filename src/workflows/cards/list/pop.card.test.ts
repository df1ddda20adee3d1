import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import pop from './pop.card.js';

describe('Get Last Item (list:pop)', () => {
  test.each([
    [['jane', 'atko.email'], { list: ['jane'], item: 'atko.email' }],
    [['only'], { list: [], item: 'only' }],
    [[], { list: [], item: null }],
    [null, { list: [], item: null }],
    ['a single value', { list: [], item: 'a single value' }], // loose: a value reaching a list input is a one-item list
  ])('%o → %o', async (list, expected) => {
    const { outputs } = await callCard(pop, { inputs: [{ key: 'list', type: 'string', list: true, value: list }] });
    expect(outputs).toEqual(expected);
  });
});
