import { describe, expect, test } from 'vitest';
import type { CardDeclaration, CardFieldSpec } from '../../engine/card.js';
import { callCard } from '../test-kit.js';
import base64 from './base64.card.js';
import base64Decode from './base64Decode.card.js';
import concat from './concat.card.js';
import email from './email.card.js';
import find from './find.card.js';
import lastIndexOf from './lastIndexOf.card.js';
import length from './length.card.js';
import match from './match.card.js';
import random from './random.card.js';
import replace from './replace.card.js';
import replaceAny from './replaceAny.card.js';
import substr from './substr.card.js';
import toLowerCase from './toLowerCase.card.js';
import toUpperCase from './toUpperCase.card.js';
import trim from './trim.card.js';

/** The card's declared inputs with these values (by key); undeclared keys are added as text inputs. */
function withValues(card: CardDeclaration, values: Record<string, unknown>): CardFieldSpec[] {
  const declared = card.inputs.map((field) => (Object.hasOwn(values, field.key) ? { ...field, value: values[field.key] } : { ...field, value: null }));
  const extra = Object.entries(values)
    .filter(([key]) => !card.inputs.some((field) => field.key === key))
    .map(([key, value]) => ({ key, type: 'string' as const, value }));
  return [...declared, ...extra];
}

async function run(card: CardDeclaration, values: Record<string, unknown>): Promise<Record<string, unknown>> {
  return (await callCard(card, { inputs: withValues(card, values) })).outputs;
}

describe('Concatenate (string:concat)', () => {
  test.each([
    [{ string1: 'jane', string2: '@atko.email' }, 'jane@atko.email'],
    [{ string1: '/api/v1/users/', string2: '00u1', 'text 3': '/factors' }, '/api/v1/users/00u1/factors'],
    [{ string1: 'n=', string2: 42 }, 'n=42'],
    [{ string1: null, string2: 'x' }, 'x'],
  ])('%o → %o', async (values, expected) => {
    expect(await run(concat, values)).toEqual({ output: expected });
  });
});

describe('Text Segment (string:substr)', () => {
  test.each([
    [{ string: 'Workflows', start: 0, end: 4 }, 'Work'],
    [{ string: 'Workflows', start: 4, end: 99 }, 'flows'],
    [{ string: 'Workflows', start: 4 }, 'flows'],
    [{ string: 'Workflows', end: 1 }, 'W'],
    [{ string: 'Workflows', start: 5, end: 2 }, ''],
    [{ string: null, start: 0, end: 3 }, ''],
  ])('%o → %o', async (values, expected) => {
    expect(await run(substr, values)).toEqual({ output: expected });
  });

  test('never cuts an emoji or a combining mark in half', async () => {
    expect(await run(substr, { string: '👍🏽👍🏽👍🏽', start: 0, end: 1 })).toEqual({ output: '👍🏽' });
    expect(await run(substr, { string: 'cafe\u0301!', start: 3, end: 4 })).toEqual({ output: 'e\u0301' });
    expect(await run(substr, { string: 'hi 👨‍👩‍👧 there', start: 3 })).toEqual({ output: '👨‍👩‍👧 there' });
  });

  test('a position that is not whole fails', async () => {
    await expect(run(substr, { string: 'abc', start: 1.5 })).rejects.toThrow(/whole positions/);
  });
});

describe('Find, Find Last and Find Pattern', () => {
  test.each([
    [find, { string: 'this is a test', substr: 'is' }, 2],
    [find, { string: 'this is a test', substr: 'is', start: 3 }, 5],
    [find, { string: 'team', substr: 'i' }, -1],
    [lastIndexOf, { string: 'C:\\Users\\jane\\file.txt', substr: '\\' }, 13],
    [lastIndexOf, { string: 'a b c', substr: ' ', index: 2 }, 1],
    [lastIndexOf, { string: 'abc', substr: 'z' }, -1],
    // Positions in user-perceived characters, as Text Segment takes them.
    [find, { string: '👍🏽 yes', substr: 'yes' }, 2],
    [find, { string: '👍🏽a👍🏽a', substr: 'a', start: 2 }, 3],
    [lastIndexOf, { string: 'é-é-', substr: '-' }, 3],
    [match, { string: 'user42', target: '[0-9]' }, 4],
    [match, { string: 'jane.doe%', target: '[^A-Za-z0-9.%]' }, -1],
    [match, { string: 'ÁB', target: '[^A-Za-z0-9.%]' }, 0],
  ])('%#: %o → %o', async (card, values, expected) => {
    expect(await run(card, values)).toEqual({ output: expected });
  });

  test('a malformed pattern fails, naming it', async () => {
    await expect(run(match, { string: 'x', target: '[a-' })).rejects.toThrow(/'\[a-' is not a valid regular expression/);
  });
});

describe('Replace (string:replace) and Replace Patterns (string:replaceAny)', () => {
  test.each([
    [{ string: '2022-06-28T00:12:51Z', src: 'Z', dest: '+00:00', global: false, sensitive: true }, '2022-06-28T00:12:51+00:00'],
    [{ string: 'a;b;c', src: ';', dest: ',', global: true, sensitive: true }, 'a,b,c'],
    [{ string: 'a;b;c', src: ';', dest: ',', global: false, sensitive: true }, 'a,b;c'],
    [{ string: 'SMTP:jane@x.com smtp:j@x.com', src: 'smtp:', dest: '', global: true, sensitive: false }, 'jane@x.com j@x.com'],
    [{ string: 'SMTP:jane@x.com', src: 'smtp:', dest: '', global: true, sensitive: true }, 'SMTP:jane@x.com'],
    [{ string: 'price: 5', src: '5', dest: '$&10', global: true, sensitive: true }, 'price: $&10'],
    [{ string: '1.2.3', src: '.', dest: '-', global: true, sensitive: true }, '1-2-3'],
  ])('%o → %o', async (values, expected) => {
    expect(await run(replace, values)).toEqual({ output: expected });
  });

  test.each([
    [{ text: 'Jöhn.Dõe-Smith', replacement: '', global: true, 'case sensitive': true }, ['.', '-'], 'JöhnDõeSmith'],
    [{ text: 'null,a,null', replacement: '', global: true, 'case sensitive': true }, ['null,', ',null'], 'a'],
    [{ text: 'Ärger äber', replacement: 'a', global: true, 'case sensitive': false }, ['ä'], 'arger aber'],
    [{ text: 'aaa', replacement: 'b', global: false, 'case sensitive': true }, ['a'], 'baa'],
  ])('patterns %o %o → %o', async (values, patterns, expected) => {
    const inputs = [...withValues(replaceAny, values), ...patterns.map((pattern, index) => ({ key: `input${index}`, group: 'patterns', type: 'string' as const, value: pattern }))];
    expect((await callCard(replaceAny, { inputs })).outputs).toEqual({ output: expected });
  });
});

describe('case, Trim, Length', () => {
  test.each([
    [toLowerCase, { string: 'Jane.DOE@Atko.Email' }, { output: 'jane.doe@atko.email' }],
    [toUpperCase, { string: 'Jane' }, { output: 'JANE' }],
    [trim, { string: '  \n jane \t ' }, { output: 'jane' }],
    [trim, { string: null }, { output: '' }],
    [length, { string: 'Workflows' }, { length: 9 }],
    [length, { string: null }, { length: 0 }],
    // User-perceived characters: an emoji with a skin tone, a family emoji, e + combining acute.
    [length, { string: 'ok 👍🏽' }, { length: 4 }],
    [length, { string: '👨‍👩‍👧' }, { length: 1 }],
    [length, { string: 'cafe\u0301' }, { length: 4 }],
  ])('%#: %o → %o', async (card, values, expected) => {
    expect(await run(card, values)).toEqual(expected);
  });
});

describe('Base64 and Base64 Decode', () => {
  test.each([
    ['Okta Workflows', 'T2t0YSBXb3JrZmxvd3M='],
    ['ünïcødé', 'w7xuw69jw7hkw6k='],
    ['', ''],
  ])('%o ⇄ %o', async (text, encoded) => {
    expect(await run(base64, { string: text })).toEqual({ output: encoded });
    expect(await run(base64Decode, { string: encoded })).toEqual({ output: text });
  });

  test("decodes the template's IA== and the URL-safe alphabet; refuses what is not Base64", async () => {
    expect(await run(base64Decode, { string: 'IA==' })).toEqual({ output: ' ' });
    expect(await run(base64Decode, { string: 'P_8-' })).toEqual({ output: Buffer.from([0x3f, 0xff, 0x3e]).toString('utf8') });
    await expect(run(base64Decode, { string: 'not base64!' })).rejects.toThrow(/not Base64/);
  });
});

describe('Random (string:random) and Find Email (string:email)', () => {
  test('random text has the length asked for, from letters and digits, drawn from the host random source', async () => {
    const { outputs } = await callCard(random, { inputs: withValues(random, { length: 6 }), random: () => 0 });
    expect(outputs).toEqual({ output: 'AAAAAA' });
    const mixed = await callCard(random, { inputs: withValues(random, { length: 40 }), random: Math.random });
    expect(mixed.outputs.output).toMatch(/^[A-Za-z0-9]{40}$/);
    await expect(run(random, { length: -1 })).rejects.toThrow(/whole number from 0 to 1000/);
  });

  test.each([
    ['Contact: Jane Doe <jane.doe+wf@atko.email>, thanks', 'jane.doe+wf@atko.email'],
    ['no address here', null],
    ['first a@b.co then c@d.org', 'a@b.co'],
  ])('%o → %o', async (text, expected) => {
    expect(await run(email, { string: text })).toEqual({ email: expected });
  });
});
