import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { defineCard } from '../src/workflows/engine/card.js';
import { CARD_DECLARATIONS, cardRegistry } from '../src/workflows/cards/registry.js';
import { workflowRuntime } from '../src/workflows/runtime/workflow-runtime.js';
import { eventually } from './helpers/eventually.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import {
  card, close, createFlow, endpoint, endpointFlow, executionsOf, field, invoke, returnCard, wire, type CreatedFlow,
} from './helpers/workflows.js';

/*
 * `GET`/`POST /api/flo/{alias}/invoke` over real HTTP: client-token security, flows that are off,
 * reserved parameters, the answer of each answering card and of flows without one, Close answering
 * while later cards still run, the cut-off, the execution id header and the execution records.
 */

// Test cards: Gate waits until the test opens it; Hang never finishes on its own.
let openGate!: () => void;
let gate = new Promise<void>((resolve) => (openGate = resolve));
const gateCard = defineCard({
  type: 'test:gate', title: 'Gate', description: 'Waits for the test.', kind: 'function',
  okta: { address: 'root:kernel:test:0.0.1:gate', timeout: 90000 }, inputs: [], outputs: [],
  async run() {
    await gate;
    return {};
  },
});
const hangCard = defineCard({
  type: 'test:hang', title: 'Hang', description: 'Never finishes.', kind: 'function',
  okta: { address: 'root:kernel:test:0.0.1:hang', timeout: 90000 }, inputs: [], outputs: [],
  run: () => new Promise(() => undefined),
});

let server: TestServer;

/** Echo: answers (Return) with the named body, query and header fields it got. */
const echoFlow = (name: string, securityLevel: 'open' | 'medium' = 'medium') => endpointFlow(name, {
  securityLevel,
  cards: [
    endpoint([
      { id: 'who', key: 'who', group: 'body' },
      { id: 'reserved', key: 'x-okta-workflows-secret', group: 'body' },
      { id: 'page', key: 'page', group: 'query' },
      { id: 'reservedQuery', key: 'x-okta-workflows-debug', group: 'query' },
      { id: 'agent', key: 'x-agent', group: 'headers' },
    ]),
    returnCard('answer', [
      { id: 'who', key: 'who' }, { id: 'reserved', key: 'reserved' }, { id: 'page', key: 'page' },
      { id: 'reservedQuery', key: 'reservedQuery' }, { id: 'agent', key: 'agent' },
      { id: 'rawQuery', key: 'rawQuery' }, { id: 'rawHeaders', key: 'rawHeaders', type: 'object' },
    ]),
  ],
  wires: [
    wire('endpoint.who', 'answer.who'), wire('endpoint.reserved', 'answer.reserved'), wire('endpoint.page', 'answer.page'),
    wire('endpoint.reservedQuery', 'answer.reservedQuery'), wire('endpoint.agent', 'answer.agent'),
    wire('endpoint.query', 'answer.rawQuery'), wire('endpoint.headers', 'answer.rawHeaders'),
  ],
});

let secured: CreatedFlow;

beforeAll(async () => {
  server = await startTestServer();
  workflowRuntime(server.ctx).options.cards = cardRegistry([...CARD_DECLARATIONS, gateCard, hangCard]);
  secured = await createFlow(server, echoFlow('Echo (client token)'));
});

afterAll(async () => {
  await server?.close();
});

describe('client token security', () => {
  test('a client-token flow has an invoke URL with a 32-hex alias and a client token', () => {
    expect(secured.invokeUrl).toMatch(/\/api\/flo\/[0-9a-f]{32}\/invoke$/);
    expect(secured.clientToken).toMatch(/^[0-9a-f]{48}$/);
  });

  test('no token, a wrong token, or an empty one: 401 and nothing runs', async () => {
    for (const token of [undefined, 'wrong', '', `${secured.clientToken}x`]) {
      const res = await invoke(secured.invokeUrl, { body: { who: 'mallory' }, token });
      expect(res.status).toBe(401);
      expect(res.json).toMatchObject({ errorCode: 'E0000011' });
      expect(res.headers.get('x-execution-id')).toBeNull();
    }
    const wrongInQuery = await invoke(`${secured.invokeUrl}?clientToken=wrong`, { body: { who: 'mallory' } });
    expect(wrongInQuery.status).toBe(401);
    expect(await executionsOf(server, secured.id, '?limit=200')).toEqual([]);
  });

  test('the token in the x-api-client-token header runs the flow', async () => {
    const res = await invoke(secured.invokeUrl, { body: { who: 'jane' }, token: secured.clientToken! });
    expect(res.status).toBe(200);
    expect(res.json.who).toBe('jane');
    expect(res.json.rawHeaders).not.toHaveProperty('x-api-client-token');
  });

  test('the token in the clientToken query parameter runs the flow, and does not reach it', async () => {
    const res = await invoke(`${secured.invokeUrl}?page=2&clientToken=${secured.clientToken}`, { body: { who: 'jane' } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ who: 'jane', page: '2', rawQuery: 'page=2' });
  });

  test('a public flow (security level open) needs no token', async () => {
    const open = await createFlow(server, echoFlow('Echo (public)', 'open'));
    expect(open.clientToken).toBeNull();
    const res = await invoke(`${open.invokeUrl}?page=1`, { method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ page: '1', who: null });
  });
});

describe('the request as the flow sees it', () => {
  test('body, query and lower-case header fields reach the flow; x-okta-workflows parameters do not', async () => {
    const res = await invoke(`${secured.invokeUrl}?page=3&x-okta-workflows-debug=1`, {
      body: { who: 'jane', 'x-okta-workflows-secret': 's3cret' }, token: secured.clientToken!, headers: { 'X-Agent': 'curl' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ who: 'jane', reserved: null, page: '3', reservedQuery: null, agent: 'curl' });
  });

  test('a body that is not JSON reaches the flow as raw text', async () => {
    const flow = await createFlow(server, endpointFlow('Raw body', {
      securityLevel: 'open',
      cards: [endpoint(), returnCard('answer', [{ id: 'text', key: 'text' }])],
      wires: [wire('endpoint.body', 'answer.text')],
    }));
    const res = await invoke(flow.invokeUrl, { body: 'name=jane&x=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.json).toEqual({ text: 'name=jane&x=1' });
    const xml = await invoke(flow.invokeUrl, { body: '<a>1</a>', headers: { 'content-type': 'application/xml' } });
    expect(xml.json).toEqual({ text: '<a>1</a>' });
  });

  test('the execution id of the API Endpoint card is the one in the x-execution-id header, and is recorded', async () => {
    const flow = await createFlow(server, endpointFlow('Execution id', {
      securityLevel: 'open',
      cards: [endpoint(), returnCard('answer', [{ id: 'id', key: 'id' }])],
      wires: [wire('endpoint.executionId', 'answer.id')],
    }));
    const res = await invoke(flow.invokeUrl);
    const executionId = res.headers.get('x-execution-id');
    expect(executionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json).toEqual({ id: executionId });
    const execution = await eventually(async () => {
      const found = await server.api('GET', `/api/workflows/v1/executions/${executionId}`);
      expect(found.status).toBe(200);
      return found.body;
    });
    expect(execution).toMatchObject({ id: executionId, flowId: flow.id, status: 'succeeded', statusCode: 200, trigger: 'http' });
  });
});

describe('flows that cannot be invoked', () => {
  test('a flow that is off answers 404 and does not run; turned on, it runs', async () => {
    const flow = await createFlow(server, echoFlow('Off'), false);
    expect(flow.status).toBe('INACTIVE');
    const off = await invoke(flow.invokeUrl, { token: flow.clientToken!, body: {} });
    expect(off.status).toBe(404);
    expect(off.json).toMatchObject({ errorCode: 'E0000007' });
    await server.api('POST', `/api/workflows/v1/flows/${flow.id}/activate`);
    expect((await invoke(flow.invokeUrl, { token: flow.clientToken!, body: {} })).status).toBe(200);
    await server.api('POST', `/api/workflows/v1/flows/${flow.id}/deactivate`);
    expect((await invoke(flow.invokeUrl, { token: flow.clientToken!, body: {} })).status).toBe(404);
    expect(await eventually(async () => {
      const list = await executionsOf(server, flow.id);
      expect(list).toHaveLength(1);
      return list;
    })).toHaveLength(1);
  });

  test('an unknown alias, an alias that is not 32 hex digits, another method: 404', async () => {
    expect((await invoke(`${server.url}/api/flo/${'0'.repeat(32)}/invoke`)).status).toBe(404);
    expect((await invoke(`${server.url}/api/flo/not-an-alias/invoke`)).status).toBe(404);
    expect((await invoke(secured.invokeUrl, { method: 'PUT', token: secured.clientToken! })).status).toBe(404);
  });

  test('a flow that does not start with an API Endpoint has no invoke URL', async () => {
    const helper = await createFlow(server, { name: 'By hand', cards: [card('start', 'control:noop')], wires: [] });
    expect(helper.invokeUrl).toBeNull();
    expect(helper.clientToken).toBeNull();
  });
});

describe('answers', () => {
  test('Return Raw: its status, its headers merged with ours, text sent as it is', async () => {
    const flow = await createFlow(server, endpointFlow('Return Raw', {
      securityLevel: 'open',
      cards: [endpoint(), card('raw', 'control:returnRaw', {
        inputs: [
          field('status', 'statusCode', 'number', { value: 418 }),
          field('headers', 'headers', 'object', { value: { 'Content-Type': 'application/xml', 'X-Custom': 'yes', 'Content-Length': '1' } }),
          field('text', 'body', 'string', { value: '<teapot/>' }),
        ],
      })],
    }));
    const res = await invoke(flow.invokeUrl);
    expect(res.status).toBe(418);
    expect(res.text).toBe('<teapot/>');
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(res.headers.get('x-execution-id')).toEqual(expect.any(String));
  });

  test('Return Raw with JSON text is sent as application/json', async () => {
    const flow = await createFlow(server, endpointFlow('Return Raw JSON', {
      securityLevel: 'open',
      cards: [endpoint(), card('raw', 'control:returnRaw', { inputs: [field('text', 'body', 'string', { value: '[1,2]' })] })],
    }));
    const res = await invoke(flow.invokeUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.json).toEqual([1, 2]);
  });

  test('a flow that ends without an answering card answers 200 with {} once it has finished', async () => {
    const flow = await createFlow(server, endpointFlow('No answer', { securityLevel: 'open', cards: [endpoint(), card('nothing', 'control:noop')] }));
    const res = await invoke(flow.invokeUrl, { body: { a: 1 } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
  });

  test('Return Error answers its status code with the message; the execution is recorded as failed at that card', async () => {
    const flow = await createFlow(server, endpointFlow('Return Error', {
      securityLevel: 'open',
      cards: [endpoint(), card('refuse', 'control:throw', {
        name: 'Return Error',
        inputs: [field('status', 'statusCode', 'number', { value: 403 }), field('message', 'message', 'string', { value: 'not for you' })],
      })],
    }));
    const res = await invoke(flow.invokeUrl);
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: 'not for you', executionId: res.headers.get('x-execution-id') });
    const execution = await eventually(async () => {
      const found = await server.api('GET', `/api/workflows/v1/executions/${res.headers.get('x-execution-id')}`);
      expect(found.status).toBe(200);
      return found.body;
    });
    expect(execution).toMatchObject({ status: 'failed', statusCode: 403, error: { message: 'not for you', reason: 'returned-error' }, failedCard: { id: 'refuse', name: 'Return Error' } });
  });

  test('a failing card answers 500 naming the card', async () => {
    const flow = await createFlow(server, endpointFlow('Bad JSON', {
      securityLevel: 'open',
      cards: [endpoint(), card('parse', 'json:parse', { name: 'Parse', inputs: [field('text', 'string', 'string')], outputs: [field('out', 'output', 'object')] })],
      wires: [wire('endpoint.body', 'parse.text')],
    }));
    const res = await invoke(flow.invokeUrl, { body: 'not json', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(500);
    expect(res.json.error).toMatch(/card 'Parse' \(json:parse, id parse\) failed/);
  });
});

describe('Close answers first; the flow runs on and is recorded', () => {
  test('the caller has its answer while a later card still runs; the execution is recorded when it ends', async () => {
    gate = new Promise<void>((resolve) => (openGate = resolve));
    const flow = await createFlow(server, endpointFlow('Close first', {
      securityLevel: 'open',
      cards: [endpoint(), close('close', 202, { accepted: true }), card('slow', 'test:gate', { name: 'Gate' }), card('after', 'control:noop', { name: 'After' })],
    }));
    const res = await invoke(flow.invokeUrl, { body: {} });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ accepted: true });
    const executionId = res.headers.get('x-execution-id');

    // Still running: not recorded yet.
    expect((await server.api('GET', `/api/workflows/v1/executions/${executionId}`)).status).toBe(404);
    expect(await executionsOf(server, flow.id)).toEqual([]);

    openGate();
    const execution = await eventually(async () => {
      const found = await server.api('GET', `/api/workflows/v1/executions/${executionId}`);
      expect(found.status).toBe(200);
      return found.body;
    });
    expect(execution).toMatchObject({ status: 'succeeded', statusCode: 202, answeredBy: 'close', ending: 'completed' });
    expect(execution.cards.map((record: { cardName: string; status: string }) => [record.cardName, record.status])).toEqual([
      ['API Endpoint', 'succeeded'], ['Close', 'succeeded'], ['Gate', 'succeeded'], ['After', 'succeeded'],
    ]);
  });
});

describe('the cut-off', () => {
  test('a flow that does not answer in time is cut off: 504, and the execution fails at the card that ran', async () => {
    const runtime = workflowRuntime(server.ctx);
    runtime.options.cutOffMs = 300;
    try {
      const flow = await createFlow(server, endpointFlow('Too slow', { securityLevel: 'open', cards: [endpoint(), card('hang', 'test:hang', { name: 'Hang' })] }));
      const res = await invoke(flow.invokeUrl);
      expect(res.status).toBe(504);
      expect(res.json.error).toMatch(/did not answer within 0.3 seconds/);
      const execution = await eventually(async () => {
        const found = await server.api('GET', `/api/workflows/v1/executions/${res.headers.get('x-execution-id')}`);
        expect(found.status).toBe(200);
        return found.body;
      });
      expect(execution).toMatchObject({ status: 'failed', statusCode: 504, error: { reason: 'cut-off' }, failedCard: { id: 'hang', name: 'Hang' } });
    } finally {
      runtime.options.cutOffMs = 60_000;
    }
  });
});

describe('execution records', () => {
  test('without "save all data" an execution keeps timings, not values', async () => {
    const flow = await createFlow(server, { ...echoFlow('No data', 'open'), saveAllData: false });
    const res = await invoke(flow.invokeUrl, { body: { who: 'jane' } });
    const execution = await eventually(async () => {
      const found = await server.api('GET', `/api/workflows/v1/executions/${res.headers.get('x-execution-id')}`);
      expect(found.status).toBe(200);
      return found.body;
    });
    expect(execution).toMatchObject({ dataSaved: false, status: 'succeeded' });
    expect(execution.answer).toBeUndefined();
    for (const record of execution.cards) {
      expect(record).toMatchObject({ status: 'succeeded', durationMs: expect.any(Number), startedAt: expect.any(String) });
      expect(record.inputs).toBeUndefined();
      expect(record.outputs).toBeUndefined();
    }
  });

  test('with "save all data" each card keeps its inputs and outputs', async () => {
    const res = await invoke(secured.invokeUrl, { body: { who: 'kim' }, token: secured.clientToken! });
    const execution = await eventually(async () => {
      const found = await server.api('GET', `/api/workflows/v1/executions/${res.headers.get('x-execution-id')}`);
      expect(found.status).toBe(200);
      return found.body;
    });
    expect(execution.dataSaved).toBe(true);
    expect(execution.cards[0].outputs['body.who']).toBe('kim');
    expect(execution.cards[1].inputs.who).toBe('kim');
    expect(execution.answer).toMatchObject({ statusCode: 200, body: { who: 'kim' } });
  });
});
