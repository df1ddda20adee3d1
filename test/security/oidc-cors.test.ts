import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';

/*
 * OIDC CORS follows the org's Trusted Origins (issue 13 item 14): a browser at an origin trusted with
 * the CORS scope gets Access-Control-Allow-Origin from the /oauth2 endpoints; any other origin gets none
 * (it used to be every origin). Trusted Origins are managed with Okta's /api/v1/trustedOrigins.
 */

const TRUSTED = 'https://app.example.com';
const STRANGER = 'https://evil.example.net';

let server: TestServer;
let trustedId: string;

beforeAll(async () => {
  server = await startTestServer();
  const res = await server.api('POST', '/api/v1/trustedOrigins', { name: 'App', origin: TRUSTED, scopes: [{ type: 'CORS' }, { type: 'REDIRECT' }] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  trustedId = res.body.id;
  const redirectOnly = await server.api('POST', '/api/v1/trustedOrigins', { name: 'Redirects', origin: 'https://redirect.example.com', scopes: [{ type: 'REDIRECT' }] });
  expect(redirectOnly.status).toBe(200);
});

afterAll(async () => {
  await server?.close();
});

const discovery = () => `${server.url}/oauth2/default/.well-known/openid-configuration`;

async function get(url: string, origin: string) {
  const res = await fetch(url, { headers: { origin } });
  await res.arrayBuffer();
  return res;
}

async function preflight(url: string, origin: string) {
  const res = await fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
  await res.arrayBuffer();
  return res;
}

describe('CORS on the OAuth 2.0 endpoints', () => {
  test('a trusted origin gets Access-Control-Allow-Origin on discovery, keys and a token preflight', async () => {
    for (const url of [discovery(), `${server.url}/oauth2/default/v1/keys`]) {
      const res = await get(url, TRUSTED);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(TRUSTED);
    }
    const pre = await preflight(`${server.url}/oauth2/default/v1/token`, TRUSTED);
    expect(pre.headers.get('access-control-allow-origin')).toBe(TRUSTED);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
  });

  test('Tollgate\'s own endpoints (introspect, userinfo) answer a trusted origin with CORS too', async () => {
    const res = await fetch(`${server.url}/oauth2/default/v1/userinfo`, { headers: { origin: TRUSTED } });
    await res.arrayBuffer();
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe(TRUSTED);
  });

  test.each([STRANGER, 'https://redirect.example.com', 'null', 'https://app.example.com.evil.net', 'http://app.example.com'])('%s gets no Access-Control-* header', async (origin) => {
    for (const url of [discovery(), `${server.url}/oauth2/default/v1/keys`, `${server.url}/oauth2/default/v1/userinfo`]) {
      const res = await get(url, origin);
      expect(res.headers.get('access-control-allow-origin'), url).toBeNull();
    }
    const pre = await preflight(`${server.url}/oauth2/default/v1/token`, origin);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
  });

  test('a deactivated trusted origin loses CORS; activated again, it has it back', async () => {
    const off = await server.api('POST', `/api/v1/trustedOrigins/${trustedId}/lifecycle/deactivate`);
    expect(off.body.status).toBe('INACTIVE');
    expect((await get(discovery(), TRUSTED)).headers.get('access-control-allow-origin')).toBeNull();
    const on = await server.api('POST', `/api/v1/trustedOrigins/${trustedId}/lifecycle/activate`);
    expect(on.body.status).toBe('ACTIVE');
    expect((await get(discovery(), TRUSTED)).headers.get('access-control-allow-origin')).toBe(TRUSTED);
  });
});

describe('/api/v1/trustedOrigins', () => {
  test('list, get, replace and delete, in Okta\'s shape', async () => {
    const list = await server.api('GET', '/api/v1/trustedOrigins');
    expect(list.body.map((t: { origin: string }) => t.origin)).toEqual([TRUSTED, 'https://redirect.example.com']);
    const one = await server.api('GET', `/api/v1/trustedOrigins/${trustedId}`);
    expect(one.body).toMatchObject({ id: trustedId, name: 'App', origin: TRUSTED, status: 'ACTIVE', scopes: [{ type: 'CORS' }, { type: 'REDIRECT' }], _links: { self: { href: expect.stringContaining(trustedId) } } });
    const created = await server.api('POST', '/api/v1/trustedOrigins', { name: 'Temp', origin: 'https://temp.example.com:8443/', scopes: [{ type: 'CORS' }] });
    expect(created.body.origin).toBe('https://temp.example.com:8443');
    const replaced = await server.api('PUT', `/api/v1/trustedOrigins/${created.body.id}`, { name: 'Temp 2', origin: 'https://temp2.example.com', scopes: [{ type: 'REDIRECT' }] });
    expect(replaced.body).toMatchObject({ name: 'Temp 2', origin: 'https://temp2.example.com', scopes: [{ type: 'REDIRECT' }] });
    expect((await server.api('DELETE', `/api/v1/trustedOrigins/${created.body.id}`)).status).toBe(204);
    expect((await server.api('GET', `/api/v1/trustedOrigins/${created.body.id}`)).status).toBe(404);
  });

  test.each([
    [{ name: 'x', origin: 'javascript:alert(1)', scopes: [{ type: 'CORS' }] }, /^origin:/],
    [{ name: 'x', origin: 'https://a.example.com/path', scopes: [{ type: 'CORS' }] }, /^origin:/],
    [{ name: 'x', origin: TRUSTED, scopes: [{ type: 'CORS' }] }, /already exists/],
    [{ name: 'x', origin: 'https://b.example.com', scopes: [] }, /^scopes:/],
    [{ name: 'x', origin: 'https://b.example.com', scopes: [{ type: 'EVERYTHING' }] }, /^scopes\[0\]\.type/],
    [{ origin: 'https://b.example.com', scopes: [{ type: 'CORS' }] }, /^name:/],
  ])('%o: 400 E0000001 and nothing is created', async (body, cause) => {
    const before = await server.api('GET', '/api/v1/trustedOrigins');
    const res = await server.api('POST', '/api/v1/trustedOrigins', body);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorCauses[0].errorSummary).toMatch(cause);
    expect((await server.api('GET', '/api/v1/trustedOrigins')).body).toEqual(before.body);
  });
});
