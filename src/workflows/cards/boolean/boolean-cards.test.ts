import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import and from './and.card.js';
import compare from './compare.card.js';
import or from './or.card.js';
import xor from './xor.card.js';

describe('Compare (boolean:compare)', () => {
  test.each([
    // The CIDR template compares IP numbers it received as text: same-length digits order as numbers do.
    ['1168998168', '>=', '1168982016', 'string', true],
    [80, '>', 9, 'number', true],
    ['80', '>', '9', 'string', false],
    ['ACTIVE', '==', 'ACTIVE', 'string', true],
    ['STAGED', '!=', 'ACTIVE', 'string', true],
    ['', 'is empty', '', 'string', true],
  ])('%o %s %o (%s) → %s', async (a, operator, b, type, expected) => {
    const { outputs } = await callCard(compare, {
      inputs: [
        { key: 'left-operand', type, value: a },
        { key: 'operator', type: 'string', value: operator },
        { key: 'right-operand', type, value: b },
      ],
    });
    expect(outputs).toEqual({ result: expected });
  });
});

describe('And, Or, Or (Exclusive)', () => {
  const truthTable: Array<[unknown, unknown]> = [
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ];
  test.each(truthTable)('a=%s b=%s', async (a, b) => {
    const inputs = [
      { key: 'a', type: 'boolean' as const, value: a },
      { key: 'b', type: 'boolean' as const, value: b },
    ];
    expect((await callCard(and, { inputs })).outputs).toEqual({ output: a === true && b === true });
    expect((await callCard(or, { inputs })).outputs).toEqual({ output: a === true || b === true });
    expect((await callCard(xor, { inputs })).outputs).toEqual({ output: a !== b });
  });

  test('loose values: "TRUE" and 1 are true, nothing is false, other text fails', async () => {
    const inputs = (a: unknown, b: unknown) => [
      { key: 'a', type: 'string' as const, value: a },
      { key: 'b', type: 'string' as const, value: b },
    ];
    expect((await callCard(and, { inputs: inputs('TRUE', '1') })).outputs).toEqual({ output: true });
    expect((await callCard(or, { inputs: inputs(null, 'false') })).outputs).toEqual({ output: false });
    await expect(callCard(and, { inputs: inputs('maybe', true) })).rejects.toThrow(/input 'a' must be true or false, not text 'maybe'/);
  });
});
