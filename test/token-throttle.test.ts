import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * Issue 13, item 8: wrong API tokens and wrong flow client tokens are throttled per client address (50 a
 * minute, then 429 E0000047 even for the right token), and a short TOLLGATE_ADMIN_TOKEN is refused at start.
 */

describe('wrong tokens are throttled per client address', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ demo: true }); });
  afterAll(async () => { await server?.close(); });

  it('flow invoke: 50 wrong client tokens, then 429 even with the right one', async () => {
    const flows = (await server.api('GET', '/api/workflows/v1/flows')).body as Array<{ invokeUrl: string | null; clientToken: string | null }>;
    const flow = flows.find((f) => f.invokeUrl && f.clientToken)!;
    const path = new URL(flow.invokeUrl!).pathname;
    const invoke = (token: string) => fetch(server.url + path, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-client-token': token }, body: JSON.stringify({ data: { userProfile: {} } }),
    });
    for (let i = 0; i < 50; i++) expect((await invoke(`wrong-${i}`)).status).toBe(401);
    const right = await invoke(flow.clientToken!);
    expect(right.status).toBe(429);
    expect((await right.json() as { errorCode: string }).errorCode).toBe('E0000047');
  });

  // After the invoke case: once throttled, this address cannot use the API either.
  it('SSWS: 50 wrong tokens, then 429 for any token from that address', async () => {
    for (let i = 0; i < 50; i++) {
      const res = await server.api('GET', '/api/v1/users/me', undefined, { authorization: `SSWS 00wrong${i}` });
      expect(res.status).toBe(401);
    }
    const wrong = await server.api('GET', '/api/v1/users/me', undefined, { authorization: 'SSWS 00wrong-again' });
    expect(wrong.status).toBe(429);
    expect(wrong.body.errorCode).toBe('E0000047');
    expect(Number(wrong.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await server.api('GET', '/api/v1/users/me')).status).toBe(429);
  });
});

describe('TOLLGATE_ADMIN_TOKEN', () => {
  it('is refused at start when shorter than 32 characters', () => {
    expect(() => loadConfig({}, { TOLLGATE_ADMIN_TOKEN: 'short-token' }))
      .toThrow('TOLLGATE_ADMIN_TOKEN must be at least 32 characters without spaces (it has 11)');
    expect(loadConfig({}, { TOLLGATE_ADMIN_TOKEN: '00' + 'a'.repeat(30) }).adminToken).toHaveLength(32);
  });
});
