import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { json, startHookServer, type HookServer } from '../../../test/helpers/hook-server.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { runFlow } from '../engine/run-flow.js';
import { OutboundHttpError, type OutboundHttp, type OutboundHttpRequest } from '../engine/services/http.js';
import { card, engineContext, field, flow, wire } from '../engine/flow-test-kit.js';
import { MAX_FLOW_RESPONSE_BYTES, outboundHttp } from './http-service.js';

let server: TestServer;
let remote: HookServer;
let http: OutboundHttp;

beforeAll(async () => {
  server = await startTestServer();
  remote = await startHookServer();
  http = outboundHttp(server.ctx);
});

afterAll(async () => {
  await remote.close();
  await server.close();
});

const send = (request: Partial<OutboundHttpRequest>, signal = new AbortController().signal) =>
  http({ method: 'GET', url: `${remote.url}/`, headers: {}, timeoutMs: 5000, ...request }, signal);

async function failureOf(promise: Promise<unknown>): Promise<OutboundHttpError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(OutboundHttpError);
  return error as OutboundHttpError;
}

describe('outbound HTTP for flows (host side)', () => {
  test.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])('%s reaches a loopback server with its headers and body, and gives the answer', async (method) => {
    remote.handle((req, res) => json(res, 200, { method: req.method, got: req.body ?? null }));
    const before = remote.requests.length;
    const body = method === 'GET' ? undefined : '{"n":1}';
    const answer = await send({ method, url: `${remote.url}/things?x=1`, headers: { 'X-Test': 'yes', ...(body ? { 'Content-Type': 'application/json' } : {}) }, body });
    const seen = remote.requests[before];
    expect(seen).toMatchObject({ method, url: '/things?x=1' });
    expect(seen.headers['x-test']).toBe('yes');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toEqual({ method, got: body ? { n: 1 } : null });
  });

  test('a redirect is not followed: the 3xx is the answer', async () => {
    remote.handle((_req, res) => void res.writeHead(302, { location: `${remote.url}/elsewhere` }).end());
    const before = remote.requests.length;
    const answer = await send({ url: `${remote.url}/moved` });
    expect(answer.statusCode).toBe(302);
    expect(answer.headers.location).toBe(`${remote.url}/elsewhere`);
    expect(remote.requests.slice(before).map((r) => r.url)).toEqual(['/moved']);
  });

  test.each([
    ['https://10.1.2.3/api', /private or reserved address/],
    ['https://169.254.169.254/latest/meta-data', /cloud metadata address/],
    ['http://example.com/', /must use https:\/\//],
  ])('%s is refused by the SSRF guard', async (url, message) => {
    const error = await failureOf(send({ url }));
    expect(error.failure).toBe('blocked');
    expect(error.message).toMatch(message);
  });

  test('no answer within the time budget is a timeout', async () => {
    remote.handle(() => undefined); // never answers
    const error = await failureOf(send({ url: `${remote.url}/slow`, timeoutMs: 150 }));
    expect(error.failure).toBe('timeout');
    expect(error.message).toBe('No response within 150 ms');
  });

  test('an answer larger than the cap is refused', async () => {
    remote.handle((_req, res) => void res.writeHead(200, { 'content-length': String(MAX_FLOW_RESPONSE_BYTES + 1) }).end());
    const error = await failureOf(send({ url: `${remote.url}/big` }));
    expect(error.failure).toBe('too_large');
  });

  test('cutting the execution off aborts the request', async () => {
    remote.handle(() => undefined);
    const controller = new AbortController();
    const pending = send({ url: `${remote.url}/hang`, timeoutMs: 10_000 }, controller.signal);
    controller.abort(new Error('the invoke cut-off passed'));
    const error = await failureOf(pending);
    expect(error.failure).toBe('aborted');
    expect(error.message).toBe('the execution was cut off (the invoke cut-off passed)');
  });

  test('a flow with a Get and a Post card calls a real server and hands the answers on', async () => {
    remote.handle((req, res) => {
      if (req.method === 'GET') return json(res, 200, { user: { id: '00u1', login: 'ann@example.com' } });
      return json(res, 201, { echoed: req.body });
    });
    const definition = flow(
      [
        card('start', 'control:noop'),
        card('get', 'httpfunctions:get', {
          inputs: [field('getUrl', 'URL', 'string', { group: 'Request', value: `${remote.url}/users/me` })],
          outputs: [field('getBody', 'Body', 'object', { group: 'Response' })],
        }),
        card('post', 'httpfunctions:post', {
          inputs: [field('postUrl', 'URL', 'string', { group: 'Request', value: `${remote.url}/audit` }), field('postBody', 'Body', 'object', { group: 'Request' })],
          outputs: [field('postStatus', 'Status Code', 'number', { group: 'Response' }), field('postAnswer', 'Body', 'object', { group: 'Response' })],
        }),
        card('return', 'control:return', { inputs: [field('status', 'status', 'number'), field('answer', 'answer', 'object')] }),
      ],
      [wire('get.getBody', 'post.postBody'), wire('post.postStatus', 'return.status'), wire('post.postAnswer', 'return.answer')],
    );
    const result = await runFlow(definition, { kind: 'manual' }, engineContext({ services: { http } }));
    expect(result.status).toBe('succeeded');
    expect(result.outputs).toEqual({ status: 201, answer: { echoed: { user: { id: '00u1', login: 'ann@example.com' } } } });
    expect(remote.requests.filter((r) => ['/users/me', '/audit'].includes(r.url)).map((r) => `${r.method} ${r.url} ${r.headers['content-type'] ?? ''}`)).toEqual(['GET /users/me ', 'POST /audit application/json']);
  });

  test('in a flow, a 404 fails the Get card with "Not Found"', async () => {
    remote.handle((_req, res) => json(res, 404, { errorSummary: 'Not found: Resource not found: nobody (User)' }));
    const definition = flow([
      card('start', 'control:noop'),
      card('get', 'httpfunctions:get', { name: 'Get', inputs: [field('getUrl', 'URL', 'string', { group: 'Request', value: `${remote.url}/users/nobody` })] }),
    ]);
    const result = await runFlow(definition, { kind: 'manual' }, engineContext({ services: { http } }));
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ reason: 'card', cardId: 'get' });
    expect(result.cards[1].error).toMatch(/Not Found$/);
  });
});
