import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeReturnPath } from '../src/platform/http/return-path.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * Issue 13, item 3 over real HTTP: `fromURI` (sign-in page) and `redirectUrl` (sessionCookieRedirect) only
 * ever redirect to a path on this origin; CR, LF and non-ASCII are dropped (the default applies), never 500.
 */

const ISSUER = 'http://localhost:8080';

describe('safeReturnPath', () => {
  it('keeps same-origin paths (and absolute URLs on the issuer), normalized', () => {
    expect(safeReturnPath('/app/me', ISSUER)).toBe('/app/me');
    expect(safeReturnPath('/oauth2/v1/authorize?client_id=a&state=b#x', ISSUER)).toBe('/oauth2/v1/authorize?client_id=a&state=b#x');
    expect(safeReturnPath('http://localhost:8080/app/me', ISSUER)).toBe('/app/me');
    expect(safeReturnPath('/a/../app/me', ISSUER)).toBe('/app/me');
  });

  it('refuses other origins and the tricks browsers read as one', () => {
    for (const bad of [
      '//evil.example/path', '/\t/evil.example/path', '\t//evil.example', ' //evil.example', '/ /evil.example', '/\\evil.example',
      '\\\\evil.example', '/.//evil.example/path', 'https://evil.example/', 'http://localhost:8081/app', 'javascript:alert(1)',
      'http://user@localhost:8080/app', 'app/me', '', '/app\r\nSet-Cookie: x=1', '/app/\u00e9', '/app/\u2028',
    ]) expect(safeReturnPath(bad, ISSUER), JSON.stringify(bad)).toBeUndefined();
  });
});

describe('redirect parameters over HTTP', () => {
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    const authn = await fetch(`${server.url}/api/v1/authn`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin@localhost', password: server.adminPassword }),
    });
    const { sessionToken } = await authn.json() as { sessionToken: string };
    const res = await fetch(`${server.url}/login/sessionCookieRedirect?token=${sessionToken}&redirectUrl=%2Fapp%2Fme`, { redirect: 'manual' });
    expect(res.headers.get('location')).toBe('/app/me');
    cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  });
  afterAll(async () => { await server?.close(); });

  const signedIn = (path: string) => fetch(server.url + path, { redirect: 'manual', headers: { cookie } });

  it('a signed-in /signin goes to a safe fromURI, and to /app/me for anything else (CR, LF, non-ASCII: no 500)', async () => {
    expect((await signedIn('/signin?fromURI=%2Fapp%2Fme%3Fx%3D1')).headers.get('location')).toBe('/app/me?x=1');
    for (const raw of ['%2F%09%2Fevil.example%2Fpath', '%20%2F%2Fevil.example', '%2Fapp%0D%0ASet-Cookie:%20x=1', '%2Fapp%0A', '%2Fapp%2F%C3%A9', '%2F%5Cevil.example']) {
      const res = await signedIn(`/signin?fromURI=${raw}`);
      expect(res.status, raw).toBe(302);
      expect(res.headers.get('location'), raw).toBe('/app/me');
      expect(res.headers.get('set-cookie'), raw).toBeNull();
    }
  });

  it('the sign-in page drops an unsafe fromURI from its form instead of failing', async () => {
    for (const raw of ['%2Fapp%0D%0Ax', '%2Fapp%2F%C3%A9', '%2F%09%2Fevil.example']) {
      const res = await fetch(`${server.url}/signin?fromURI=${raw}`);
      expect(res.status, raw).toBe(200);
      expect(await res.text(), raw).not.toContain('name="fromURI"');
    }
  });

  it('sessionCookieRedirect never redirects off the origin, nor fails on CR, LF or non-ASCII', async () => {
    for (const raw of ['%2F%09%2Fevil.example', '%20%2F%2Fevil.example', '%09%2F%2Fevil.example', '%2Fx%0D%0Ay', '%2F%C3%A9']) {
      const res = await fetch(`${server.url}/login/sessionCookieRedirect?token=unknown&redirectUrl=${raw}`, { redirect: 'manual' });
      expect(res.status, raw).toBe(302);
      expect(res.headers.get('location'), raw).toBe('/signin?fromURI=%2Fapp%2Fme');
    }
  });
});
