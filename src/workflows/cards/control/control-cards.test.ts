import { describe, expect, test } from 'vitest';
import { CardError } from '../../engine/card.js';
import { callCard } from '../test-kit.js';
import assign from './let.card.js';
import callable from './callable.card.js';
import comment from './comment.card.js';
import continueIf from './continueIf.card.js';
import ifElse from './if.card.js';
import join from './join.card.js';
import noop from './noop.card.js';
import returnCard from './return.card.js';
import returnRaw from './returnRaw.card.js';
import returnError from './throw.card.js';
import returnErrorIf from './throwIf.card.js';

const condition = (a: unknown, operator: string, b: unknown, type = 'string', typeB = type) => [
  { key: 'left-operand', type, value: a },
  { key: 'operator', type: 'string', value: operator },
  { key: 'right-operand', type: typeB, value: b },
];

describe('If/Else (control:if)', () => {
  test.each([
    [condition('Red', '==', 'Red'), true],
    [condition('Red', '==', 'Blue'), false],
    [condition(80, '>', 9, 'number'), true],
    [condition('80', '>', '9'), false],
    [condition('', 'is not empty', ''), false],
    [condition('row-1', 'is not empty', ''), true],
    [condition('validationToken', 'in', 'validationToken=abc'), true],
    [condition(false, '==', 'true', 'boolean', 'string'), false],
  ])('%o → %s, and the engine takes that branch', async (inputs, expected) => {
    const { outputs, outcome } = await callCard(ifElse, { inputs });
    expect(outputs).toEqual({ result: expected });
    expect(outcome.branch).toBe(expected);
  });

  test('an unknown comparison fails the card', async () => {
    await expect(callCard(ifElse, { inputs: condition('a', 'starts with', 'a') })).rejects.toThrow(/unknown comparison 'starts with'/);
  });
});

describe('Continue If (control:continueIf)', () => {
  test.each([
    ['test', 'this is a test', undefined],
    ['i', 'team', { kind: 'halt', message: 'no i in team' }],
  ])('%o in %o → end %o', async (a, b, end) => {
    const { outcome } = await callCard(continueIf, { inputs: [...condition(a, 'in', b), { key: 'message', type: 'string', group: 'otherwise', value: 'no i in team' }] });
    expect(outcome.end).toEqual(end);
  });

  test('halts without a message when none is given', async () => {
    const { outcome } = await callCard(continueIf, { inputs: condition(1, '==', 2, 'number') });
    expect(outcome.end).toEqual({ kind: 'halt', message: undefined });
  });
});

describe('Return Error (control:throw) and Return Error If (control:throwIf)', () => {
  test('Return Error always fails with its message and status', async () => {
    const error = await callCard(returnError, { inputs: [{ key: 'statusCode', type: 'number', value: 404 }, { key: 'message', type: 'string', value: 'User not found.' }] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CardError);
    expect(error).toMatchObject({ message: 'User not found.', options: { statusCode: 404, returnedError: true } });
  });

  test('Return Error without a message or status still fails clearly', async () => {
    const error = await callCard(returnError, { inputs: [{ key: 'statusCode', type: 'number', value: null }] }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ message: 'the flow returned an error', options: { statusCode: undefined } });
  });

  test.each([
    [condition('', 'is empty', ''), true],
    [condition('00u1', 'is empty', ''), false],
    [condition(0, '<', 0, 'number'), false],
    [condition(-1, '<', 0, 'number'), true],
  ])('Return Error If %o fails: %s', async (inputs, fails) => {
    const call = callCard(returnErrorIf, { inputs: [...inputs, { key: 'message', type: 'string', value: 'bad' }, { key: 'statusCode', type: 'number', value: 400 }] });
    if (fails) await expect(call).rejects.toMatchObject({ message: 'bad', options: { statusCode: 400 } });
    else expect((await call).outcome).toEqual({});
  });

  test('extra inputs of Return Error If travel as details', async () => {
    const call = callCard(returnErrorIf, {
      inputs: [...condition(true, '==', true, 'boolean'), { key: 'message', type: 'string', value: 'stop' }, { key: 'authEnrollmentError', type: 'object', value: { code: 'E1' } }],
    });
    await expect(call).rejects.toMatchObject({ options: { details: { authEnrollmentError: { code: 'E1' } } } });
  });
});

describe('Return Raw (control:returnRaw)', () => {
  test.each([
    [200, 'ok', 200],
    [0, '', 200], // Okta exports carry 0 for "not set"
    [null, '', 200],
    [503, 'down', 503],
  ])('status %o body %o → answers %s', async (status, body, expected) => {
    const { outcome } = await callCard(returnRaw, {
      inputs: [{ key: 'statusCode', type: 'number', value: status }, { key: 'headers', type: 'object', value: { 'X-Id': 7 } }, { key: 'body', type: 'string', value: body }],
    });
    expect(outcome.end).toEqual({ kind: 'return', answer: { statusCode: expected, headers: { 'X-Id': '7' }, body } });
  });

  test.each([302, 100, 700, 'abc'])('status %o cannot be sent', async (status) => {
    await expect(callCard(returnRaw, { inputs: [{ key: 'statusCode', type: 'number', value: status }] })).rejects.toThrow(/use 200 or 400-599/);
  });

  test('an object reaching the text body is sent as JSON text', async () => {
    const { outcome } = await callCard(returnRaw, { inputs: [{ key: 'body', type: 'string', value: { commands: [] } }] });
    expect(outcome.end).toMatchObject({ answer: { body: '{"commands":[]}' } });
  });
});

describe('Return (control:return)', () => {
  test('ends the flow with its fields by key and mirrors them as outputs', async () => {
    const { outcome, outputs } = await callCard(returnCard, {
      inputs: [{ key: 'valid', type: 'boolean', value: 'true' }, { key: 'row', type: 'string', value: 12 }],
      outputs: [{ key: 'valid', type: 'boolean' }, { key: 'row', type: 'string' }],
    });
    expect(outcome.end).toEqual({ kind: 'return', outputs: { valid: true, row: '12' } });
    expect(outputs).toEqual({ valid: true, row: '12' });
  });
});

describe('Assign (control:let), Noop and Join', () => {
  test('Assign passes each input to the output with its key, else to the one at its position', async () => {
    const { outputs } = await callCard(assign, {
      inputs: [{ key: 'Lightsaber Color', type: 'string', value: 'Red' }, { key: 'n', type: 'number', value: '5' }],
      outputs: [{ key: 'Lightsaber Color', type: 'string' }, { key: 'renamed', type: 'number' }],
    });
    expect(outputs).toEqual({ 'Lightsaber Color': 'Red', renamed: 5 });
  });

  test('Noop changes nothing', async () => {
    expect((await callCard(noop)).outcome).toEqual({ outputs: {} });
  });

  test("Join follows Okta's joins map from input to output", async () => {
    const { outputs } = await callCard(join, {
      inputs: [{ key: 'Response', type: 'object', value: { commands: [] } }],
      outputs: [{ key: 'responseObject', type: 'object' }],
      card: { joins: { stale: [], in0: [{ output: 'out0' }] } },
    });
    expect(outputs).toEqual({ responseObject: { commands: [] } });
  });

  test('Join without a map passes inputs on by key', async () => {
    const { outputs } = await callCard(join, {
      inputs: [{ key: 'Message', type: 'string', value: 'hi' }],
      outputs: [{ key: 'Message', type: 'string' }],
    });
    expect(outputs).toEqual({ Message: 'hi' });
  });
});

describe('Comment (control:comment) and Helper Flow (control:callable)', () => {
  test('Comment is a note that does nothing', async () => {
    expect(comment.kind).toBe('note');
    expect((await callCard(comment)).outcome).toEqual({});
  });

  test('Helper Flow gives its inputs by name and its context', async () => {
    const { outputs } = await callCard(callable, {
      outputs: [...callable.outputs, { key: 'eventId', type: 'string' }, { key: 'count', type: 'number' }, { key: 'missing', type: 'string' }],
      trigger: { kind: 'call', inputs: { eventId: 'e-1', count: '2' }, index: 3, parent: { id: 'p', execution_id: 'x-0' } },
    });
    expect(outputs).toEqual({
      'context.index': 3,
      'context.parent': { id: 'p', execution_id: 'x-0' },
      'context.error': null,
      'context.execution_id': 'exec-1',
      eventId: 'e-1',
      count: 2,
      missing: null,
    });
  });
});
