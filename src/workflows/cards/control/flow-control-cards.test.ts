import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import delegated from '../http/delegated.card.js';
import assignIf from './assignIf.card.js';
import callable from './callable.card.js';
import { conditionGroups } from './branch.card.js';
import lookup from './lookup.card.js';
import until from './until.card.js';
import wait from './wait.card.js';

describe('Lookup (control:lookup)', () => {
  // From the ServiceNow template: a status code to "state,retry".
  const table = [
    { key: '1', group: 'options', type: 'string' as const, value: 'ongoing,yes' },
    { key: '103', group: 'options', type: 'string' as const, value: 'ready,no' },
    { key: 'null', group: 'options', type: 'string' as const, value: 'error,yes' },
  ];
  test.each([
    [103, 'ready,no'],
    ['1', 'ongoing,yes'],
    [null, 'error,yes'],
    [999, 'error,no'],
  ])('key %o → %o', async (key, expected) => {
    const { outputs } = await callCard(lookup, { inputs: [{ key: 'key', type: 'string', value: key }, { key: 'else', type: 'string', value: 'error,no' }, ...table] });
    expect(outputs).toEqual({ result: expected });
  });
});

describe('Assign If (control:assignIf)', () => {
  test.each([
    [5, '>', 3, 'number', 'bigger', 'smaller', 'bigger'],
    [2, '>', 3, 'number', 'bigger', 'smaller', 'smaller'],
    ['Sales', '==', 'Sales', 'string', true, false, true],
  ])('%o %s %o → %o', async (a, operator, b, type, ifTrue, ifFalse, expected) => {
    const valueType = typeof ifTrue === 'boolean' ? 'boolean' : 'string';
    const { outputs } = await callCard(assignIf, {
      inputs: [
        { key: 'left-operand', type, value: a },
        { key: 'operator', type: 'string', value: operator },
        { key: 'right-operand', type, value: b },
        { key: 'valueIfTrue', type: valueType, value: ifTrue },
        { key: 'valueIfFalse', type: valueType, value: ifFalse },
      ],
      outputs: [{ key: 'output', type: valueType }],
    });
    expect(outputs).toEqual({ output: expected });
  });
});

describe('Wait For (control:wait) and Wait Until (control:until)', () => {
  test.each([
    [1, 'second', 1000],
    [330, 'second', 330000],
    [10, 'minute', 600000],
    [2, 'hour', 7200000],
    [1, 'week', 604800000],
    [4, 'week', 28 * 24 * 3600 * 1000],
    [0, 'second', 0],
  ])('%d %s waits %d ms', async (delay, unit, ms) => {
    const { sleeps } = await callCard(wait, { inputs: [{ key: 'delay', type: 'number', value: delay }, { key: 'unit', type: 'string', value: unit }] });
    expect(sleeps).toEqual([ms]);
  });

  test('an unknown unit, a negative delay or more than 30 days (1 month from January 2) fails', async () => {
    const inputs = (delay: unknown, unit: string) => [
      { key: 'delay', type: 'number' as const, value: delay },
      { key: 'unit', type: 'string' as const, value: unit },
    ];
    await expect(callCard(wait, { inputs: inputs(1, 'fortnight') })).rejects.toThrow(/unit 'fortnight' is not one of/);
    await expect(callCard(wait, { inputs: inputs(-1, 'second') })).rejects.toThrow(/delay must be a number/);
    await expect(callCard(wait, { inputs: inputs(1, 'month') })).rejects.toThrow(/cannot wait more than 30 days/);
  });

  test('Wait Until waits until the date, and not at all for a date gone by', async () => {
    const date = (value: string) => [{ key: 'date', type: 'Date' as const, value }];
    expect((await callCard(until, { inputs: date('2026-01-02T03:05:05.000Z') })).sleeps).toEqual([60000]);
    expect((await callCard(until, { inputs: date('2020-01-01T00:00:00.000Z') })).sleeps).toEqual([0]);
    await expect(callCard(until, { inputs: date('someday') })).rejects.toThrow(/'someday' is not a date/);
  });
});

describe('If/ElseIf condition order', () => {
  test("`if` first, then the other groups by their place on Okta's card (not by their order in the file)", () => {
    const field = (group: string, index: number) => ({ id: `${group}-${index}`, key: 'left-operand', type: 'string', group, okta: { metadata: { index } } });
    expect(conditionGroups([field('late', 20), field('if', 0), field('early', 5), { id: 'e', key: 'flo', type: 'flo', group: 'else' }])).toEqual(['if', 'early', 'late']);
  });
});

describe('Delegated Flow (http:delegated) and Helper Flow (control:callable) outputs', () => {
  test("Delegated Flow gives the admin's inputs, the admin's user id and the execution id", async () => {
    const { outputs } = await callCard(delegated, {
      trigger: { kind: 'call', inputs: { 'Requester Email Address': 'ada@atko.email' }, context: { 'okta-user-id': '00uAdmin' } },
      outputs: [
        { key: 'Requester Email Address', type: 'string', group: 'inputs' },
        { key: 'Missing', type: 'string', group: 'inputs' },
        { key: 'okta-user-id', type: 'string', group: 'user context' },
        { key: 'execution_id', type: 'string', group: 'context' },
      ],
    });
    expect(outputs).toEqual({ 'inputs.Requester Email Address': 'ada@atko.email', 'inputs.Missing': null, 'user context.okta-user-id': '00uAdmin', 'context.execution_id': 'exec-1' });
  });

  test('Helper Flow: inputs by key (grouped ones also from an object under the group), context values, the error it was started for', async () => {
    const { outputs } = await callCard(callable, {
      trigger: { kind: 'call', inputs: { login: 'ada', Output: { Message: 'hello' } }, index: 2, context: { w0rmh0le: 'outer value' }, error: { message: 'boom' } },
      outputs: [
        { key: 'login', type: 'string' },
        { key: 'Message', type: 'string', group: 'Output' },
        { key: 'index', type: 'number', group: 'context' },
        { key: 'w0rmh0le', type: 'string', group: 'context' },
        { key: 'error', type: 'object', group: 'context' },
      ],
    });
    expect(outputs).toEqual({ login: 'ada', 'Output.Message': 'hello', 'context.index': 2, 'context.w0rmh0le': 'outer value', 'context.error': { message: 'boom' } });
  });
});
