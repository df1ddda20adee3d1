import { describe, expect, test } from 'vitest';
import type { HttpTrigger } from '../../engine/types.js';
import { callCard } from '../test-kit.js';
import accept from './accept.card.js';

const trigger: HttpTrigger = {
  kind: 'http',
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
  query: { name: 'john', 'x-okta-workflows-debug': '1' },
  body: '{"email":"jane@atko.email","age":30,"x-okta-workflows-secret":"s"}',
};

describe('API Endpoint (http:accept)', () => {
  test('gives the raw request, named body, header and query fields, and the execution id', async () => {
    const { outputs } = await callCard(accept, {
      outputs: [
        ...accept.outputs,
        { key: 'email', type: 'string', group: 'body' },
        { key: 'age', type: 'number', group: 'body' },
        { key: 'X-Request-Id', type: 'string', group: 'headers' },
        { key: 'name', type: 'string', group: 'query' },
        { key: 'absent', type: 'string', group: 'query' },
      ],
      trigger,
    });
    expect(outputs).toEqual({
      'raw.headers': trigger.headers,
      'raw.body': trigger.body,
      'raw.query': 'name=john',
      'context.execution_id': 'exec-1',
      'body.email': 'jane@atko.email',
      'body.age': 30,
      'headers.X-Request-Id': 'r-1',
      'query.name': 'john',
      'query.absent': null,
    });
  });

  test('parameters starting with x-okta-workflows never reach the flow', async () => {
    const { outputs } = await callCard(accept, {
      outputs: [{ key: 'x-okta-workflows-secret', type: 'string', group: 'body' }, { key: 'x-okta-workflows-debug', type: 'string', group: 'query' }],
      trigger,
    });
    expect(outputs).toEqual({ 'body.x-okta-workflows-secret': null, 'query.x-okta-workflows-debug': null });
  });

  test('a raw body declared as an object is read as JSON; a body that is not JSON gives no body fields', async () => {
    const asObject = await callCard(accept, { outputs: [{ key: 'body', type: 'object', group: 'raw' }], trigger });
    expect(asObject.outputs['raw.body']).toMatchObject({ email: 'jane@atko.email' });
    const notJson = await callCard(accept, { outputs: [{ key: 'email', type: 'string', group: 'body' }], trigger: { ...trigger, body: 'email=jane' } });
    expect(notJson.outputs).toEqual({ 'body.email': null });
  });
});
