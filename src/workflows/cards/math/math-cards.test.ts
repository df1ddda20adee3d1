import { describe, expect, test } from 'vitest';
import type { CardDeclaration } from '../../engine/card.js';
import { callCard } from '../test-kit.js';
import add from './add.card.js';
import ceil from './ceil.card.js';
import divide from './divide.card.js';
import expression from './expression.card.js';
import multiply from './multiply.card.js';
import random from './random.card.js';
import round from './round.card.js';
import subtract from './subtract.card.js';

async function run(card: CardDeclaration, values: Record<string, unknown>, extra: { random?: () => number } = {}) {
  const inputs = card.inputs.map((field) => ({ ...field, value: Object.hasOwn(values, field.key) ? values[field.key] : null }));
  return (await callCard(card, { inputs, ...extra })).outputs;
}

describe('arithmetic', () => {
  test.each([
    [add, { a: 2, b: 3 }, { output: 5 }],
    [add, { a: '2.5', b: 1 }, { output: 3.5 }],
    [subtract, { a: 10, b: 1 }, { output: 9 }],
    [multiply, { a: 1656375171, b: 1000 }, { output: 1656375171000 }],
    [multiply, { a: -2, b: 0.5 }, { output: -1 }],
    [divide, { a: 1, b: 8 }, { output: 0.125, percentage: '12.5%' }],
    [divide, { a: 2, b: 3, decimals: 2 }, { output: 0.67, percentage: '66.67%' }],
    [divide, { a: 10, b: 4, decimals: 0 }, { output: 3, percentage: '250%' }],
    // Okta: "Number of decimal points" of the quotient; 0 is a whole number, halves toward +∞ as Round.
    [divide, { a: -10, b: 4, decimals: 0 }, { output: -2, percentage: '-250%' }],
    [divide, { a: 1, b: 3, decimals: 0 }, { output: 0, percentage: '33%' }],
    [divide, { a: -1, b: 8, decimals: 2 }, { output: -0.12, percentage: '-12.5%' }],
    // Okta: 10.4 → 10, 10.5 → 11; negative halves (reference silent) toward +∞, as JavaScript's Math.round.
    [round, { a: 10.4 }, { output: 10 }],
    [round, { a: 10.5 }, { output: 11 }],
    [round, { a: 2.5 }, { output: 3 }],
    [round, { a: -2.5 }, { output: -2 }],
    [round, { a: -0.5 }, { output: 0 }],
    [round, { a: -2.51 }, { output: -3 }],
    [round, { a: -1.005, decimals: 2 }, { output: -1 }],
    [round, { a: 1.005, decimals: 2 }, { output: 1.01 }],
    [ceil, { a: 2.1 }, { output: 3 }],
    [ceil, { a: -2.1 }, { output: -2 }],
    [ceil, { a: 7 }, { output: 7 }],
  ])('%#: %o → %o', async (card, values, expected) => {
    expect(await run(card, values)).toEqual(expected);
  });

  test.each([
    [add, { a: 'abc', b: 1 }, /input 'a' must be a number, not text 'abc'/],
    [multiply, { a: null, b: 2 }, /input 'a' needs a number/],
    [divide, { a: 1, b: 0 }, /cannot divide by zero/],
    [round, { a: 1, decimals: 1.5 }, /decimals must be a whole number/],
  ])('%#: %o fails', async (card, values, message) => {
    await expect(run(card, values)).rejects.toThrow(message);
  });
});

describe('Random Integer (math:random)', () => {
  test.each([
    [{ a: 0, b: 4 }, 0, 0],
    [{ a: 0, b: 4 }, 0.999, 4],
    [{ a: 4, b: 0 }, 0.5, 2],
    [{ a: 1.5, b: 3.5 }, 0, 2],
  ])('%o with random %d → %d', async (values, draw, expected) => {
    expect(await run(random, values, { random: () => draw })).toEqual({ output: expected });
  });

  test('no whole number in between fails', async () => {
    await expect(run(random, { a: 1.2, b: 1.8 })).rejects.toThrow(/no whole number between 1.2 and 1.8/);
  });
});

describe('Formula (math:expression)', () => {
  const formula = (text: string, values: Record<string, unknown> = {}) =>
    callCard(expression, {
      inputs: [{ key: '_text_', type: 'string', value: text }, ...Object.entries(values).map(([key, value]) => ({ key, type: 'number' as const, value }))],
    }).then((result) => result.outputs);

  test.each([
    // The CIDR template: an IPv4 address as one number.
    ['{{{pY5mWFtPV}}} *(256)^3 + {{{P3xki-jVW}}} * (256)^2 + {{{UrU1M99lc}}} * (256)^1 + {{{9Obg6WAu6}}} * (256)^0', { pY5mWFtPV: 69, 'P3xki-jVW': 173, UrU1M99lc: 127, '9Obg6WAu6': 24 }, 1168998168],
    // The date template: LDAP (100 ns since 1601) to UNIX milliseconds and back.
    ['({{{SkaoWScT-}}} / 10000) - 11644473600000', { 'SkaoWScT-': 133008487710000000 }, 1656375171000],
    ['({{{PgtLQQaY4}}} + 11644473600000) * 10000', { PgtLQQaY4: 1656375171000 }, 133008487710000000],
    ['1 + 2 * 3', {}, 7],
    ['(1 + 2) * 3', {}, 9],
    ['2 ^ 3 ^ 2', {}, 512],
    ['-2 ^ 2', {}, -4],
    ['10 % 4 + 7 / 2', {}, 5.5],
    ['round(2.345, 2) + max(1, 5, 3) - abs(-1)', {}, 6.35],
    ['sqrt(16) * pi / pi', {}, 4],
    ['1.5e3 + .5', {}, 1500.5],
    ['{{x}} - -{{x}}', { x: 2 }, 4],
    ['{{{n}}} * 2', { n: '21' }, 42],
  ])('%s = %s', async (text, values, expected) => {
    expect(await formula(text, values)).toEqual({ output: expected });
  });

  test.each([
    ['', /the formula is empty/],
    ['1 +', /ends too early/],
    ['(1 + 2', /expected '\)'/],
    ['1 2', /unexpected number 2/],
    ['2 * foo', /unknown name 'foo'/],
    ['process.exit(1)', /unknown name 'process'|unexpected '\.'/],
    ['constructor(1)', /unknown function 'constructor'/],
    ['1 / 0', /division by zero/],
    ['{{{missing}}} + 1', /names no input/],
    ['max()', /max\(\) takes 1 to 100 arguments, not 0/],
    ['1; 2', /unexpected ';'/],
    ['10 ^ 400', /not a finite number/],
    ['('.repeat(500) + '1' + ')'.repeat(500), /nested too deeply/],
  ])('%s fails: %s', async (text, message) => {
    await expect(formula(text)).rejects.toThrow(message);
  });

  test('an input that is not a number fails, naming it', async () => {
    await expect(formula('{{{n}}} + 1', { n: 'ten' })).rejects.toThrow(/input 'n' must be a number, not 'ten'/);
  });
});
