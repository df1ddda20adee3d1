import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import compose from './compose.card.js';
import split from './split.card.js';

describe('Compose (string:compose)', () => {
  test.each([
    ['They are probably Sith.', [], 'They are probably Sith.'],
    ['{{{miDINLCsW}}} because their lightsaber color is {{{hmSH_e9Zl}}}.', [['miDINLCsW', 'Sith'], ['hmSH_e9Zl', 'Red']], 'Sith because their lightsaber color is Red.'],
    ['Hello {{name}}!', [['name', 'Ada']], 'Hello Ada!'],
    ['n={{{n}}} b={{{b}}} o={{{o}}} nil={{{nil}}}', [['n', 42], ['b', true], ['o', { a: [1] }], ['nil', null]], 'n=42 b=true o={"a":[1]} nil='],
    ['{"commands":[]}', [], '{"commands":[]}'],
    ['kept {{{unknown}}} as written', [], 'kept {{{unknown}}} as written'],
    ['{{{x}}}{{{x}}}', [['x', 'ab']], 'abab'],
  ])('%o', async (template, values, expected) => {
    const { outputs } = await callCard(compose, {
      inputs: [{ key: '_text_', type: 'string', value: template }, ...values.map(([key, value]) => ({ key: key as string, type: 'string', value }))],
    });
    expect(outputs).toEqual({ output: expected });
  });
});

describe('Split (string:split)', () => {
  test.each([
    ['jane@atko.email', '@', ['jane', 'atko.email']],
    ['a,b,,c', ',', ['a', 'b', '', 'c']],
    ['a||b', '||', ['a', 'b']],
    ['abc', '', ['a', 'b', 'c']],
    ['no separator', ';', ['no separator']],
    [null, ',', []],
    [12345, '3', ['12', '45']],
  ])('%o at %o → %o', async (text, delimiter, expected) => {
    const { outputs } = await callCard(split, { inputs: [{ key: 'string', type: 'string', value: text }, { key: 'delimiter', type: 'string', value: delimiter }] });
    expect(outputs).toEqual({ output: expected });
  });
});
