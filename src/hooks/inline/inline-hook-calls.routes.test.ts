import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookServer } from '../../../test/helpers/hook-server.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

describe('GET /api/v1/inlineHooks/{id}/calls', () => {
  let server: TestServer;
  let endpoint: HookServer;
  let hookId: string;
  beforeAll(async () => {
    server = await startTestServer();
    endpoint = await startHookServer();
    const created = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Calls', type: 'com.okta.user.pre-registration', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${endpoint.url}/hook`, authScheme: { type: 'HEADER', key: 'Authorization', value: 'call-secret' } } },
    });
    expect(created.status).toBe(200);
    hookId = created.body.id;
    // Three calls, oldest first: a success, a failure (HTTP 400), a success with a debugContext.
    endpoint.handle((_req, res) => json(res, 200, { commands: [] }));
    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, { eventId: 'first', data: {} })).status).toBe(200);
    endpoint.handle((_req, res) => json(res, 400, { error: 'no' }));
    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, { eventId: 'second', data: {} })).status).toBe(400);
    endpoint.handle((_req, res) => json(res, 200, { commands: [], debugContext: { note: 'third' } }));
    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, { eventId: 'third', data: {} })).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
    await endpoint?.close();
  });

  it('lists calls newest first with request, reply, status, duration and outcome, never the secret', async () => {
    const res = await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls`);
    expect(res.status).toBe(200);
    expect(res.body.map((c: { eventId: string }) => c.eventId)).toEqual(['third', 'second', 'first']);
    const [third, second] = res.body;
    expect(third).toMatchObject({
      inlineHookId: hookId, type: 'com.okta.user.pre-registration', outcome: 'SUCCESS', statusCode: 200, attempts: 1, error: null,
      request: { eventId: 'third', data: {} }, response: { commands: [], debugContext: { note: 'third' } },
    });
    expect(typeof third.durationMs).toBe('number');
    expect(second).toMatchObject({ outcome: 'FAILURE', statusCode: 400, response: { error: 'no' } });
    expect(second.error).toContain('HTTP 400');
    expect(JSON.stringify(res.body)).not.toContain('call-secret');
  });

  it('pages with limit and the Link header, and filters by outcome', async () => {
    const first = await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls?limit=2`);
    expect(first.body).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeTruthy();
    const url = new URL(next!);
    const second = await server.api('GET', url.pathname + url.search);
    expect(second.body.map((c: { eventId: string }) => c.eventId)).toEqual(['first']);
    expect(second.headers.get('link')).not.toContain('rel="next"');

    const failures = await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls?outcome=FAILURE`);
    expect(failures.body.map((c: { eventId: string }) => c.eventId)).toEqual(['second']);
  });

  it('answers Okta errors for an unknown hook, a bad limit, a bad cursor and a bad outcome', async () => {
    const unknown = await server.api('GET', '/api/v1/inlineHooks/calNOPE/calls');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errorCode).toBe('E0000007');
    for (const query of ['limit=0', 'after=bm90LWEtY3Vyc29y', 'outcome=MAYBE']) {
      const res = await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
    }
  });

  it('needs an API token like every management route', async () => {
    const res = await fetch(`${server.url}/api/v1/inlineHooks/${hookId}/calls`);
    expect(res.status).toBe(401);
  });
});
