import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import close from './close.card.js';

describe('API Connector Close (httpfunctions:close)', () => {
  test('answers with status, headers and the body object, and does not end the flow', async () => {
    const { answers, outcome } = await callCard(close, {
      inputs: [
        { key: 'statusCode', type: 'number', group: 'Response', value: 200 },
        { key: 'headers', type: 'object', group: 'Response', value: { 'Content-Type': 'application/json' } },
        { key: 'body', type: 'object', group: 'Response', value: '{"commands":[]}' },
      ],
    });
    expect(answers).toEqual([{ statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: { commands: [] } }]);
    expect(outcome).toEqual({});
  });

  test('none of its inputs is required: alone it answers 200 with no body', async () => {
    const { answers } = await callCard(close, { inputs: [] });
    expect(answers).toEqual([{ statusCode: 200, headers: {}, body: null }]);
  });

  test.each([[418], [500]])('answers status %s', async (status) => {
    const { answers } = await callCard(close, { inputs: [{ key: 'statusCode', type: 'number', group: 'Response', value: status }] });
    expect(answers[0].statusCode).toBe(status);
  });

  test('a redirect status cannot be sent', async () => {
    await expect(callCard(close, { inputs: [{ key: 'statusCode', type: 'number', group: 'Response', value: 301 }] })).rejects.toThrow(/use 200 or 400-599/);
  });
});
