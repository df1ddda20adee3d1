import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../test/helpers/browser.js';
import { ensureConsoleBuilt } from '../../test/helpers/chromium.js';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';
import { ADMIN_LOGIN } from '../identity/org-defaults.js';

/** Signs in through the hosted page like a browser and returns it with its cookies. */
async function signedIn(server: TestServer, login: string, password: string): Promise<Browser> {
  const browser = new Browser(server.url);
  const res = await browser.submit('/signin?fromURI=%2Fadmin', '/signin', { username: login, password, fromURI: '/admin' });
  expect(res.status).toBe(303);
  expect(res.location).toBe('/admin');
  return browser;
}

function csrfOf(html: string): string {
  const token = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

async function apiWithCookies(browser: Browser, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(browser.baseUrl + path, {
    method,
    headers: {
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      accept: 'application/json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('admin console at /admin and its session credentials', () => {
  let server: TestServer;
  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer();
    const created = await server.api('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Nia', lastName: 'Plain', email: 'nia@example.com', login: 'nia@example.com' },
      credentials: { password: { value: 'Plain-User-42' } },
    });
    expect(created.status).toBe(200);
  });
  afterAll(async () => { await server?.close(); });

  it('sends a visitor without a session to the sign-in page, and back to the page they wanted', async () => {
    const res = await new Browser(server.url).get('/admin/directory/people?q=ada');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/signin?fromURI=%2Fadmin%2Fdirectory%2Fpeople%3Fq%3Dada');
  });

  it('serves the app to a signed-in admin with a CSRF token in the page and a strict CSP', async () => {
    const browser = await signedIn(server, ADMIN_LOGIN, server.adminPassword);
    for (const path of ['/admin', '/admin/workflow/inline-hooks']) {
      const page = await browser.get(path);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<div id="root"></div>');
      csrfOf(page.html);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('cache-control')).toBe('no-store');
    }
    const page = await browser.get('/admin');
    const script = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(page.html)?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(server.url + script);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('serves no file outside the build', async () => {
    for (const path of ['/admin/assets/missing.js', '/admin/..%2fpackage.json', '/admin/assets/..%2F..%2F..%2Fpackage.json', '/admin/.vite/manifest.json']) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(404);
    }
  });

  it('lets the admin session read the management API, and change things only with the CSRF header', async () => {
    const browser = await signedIn(server, ADMIN_LOGIN, server.adminPassword);
    const csrf = csrfOf((await browser.get('/admin')).html);
    const me = await apiWithCookies(browser, 'GET', '/api/v1/users/me');
    expect(me.status).toBe(200);
    expect(me.body.profile.login).toBe(ADMIN_LOGIN);

    const group = { profile: { name: 'Console group', description: 'made from the console' } };
    const refused = await apiWithCookies(browser, 'POST', '/api/v1/groups', group);
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe('E0000006');
    const forged = await apiWithCookies(browser, 'POST', '/api/v1/groups', group, { 'x-csrf-token': csrf.slice(0, -2) + 'xx' });
    expect(forged.status).toBe(403);
    const groups = await server.api('GET', '/api/v1/groups?q=Console');
    expect(groups.body).toEqual([]);

    const created = await apiWithCookies(browser, 'POST', '/api/v1/groups', group, { 'x-csrf-token': csrf });
    expect(created.status).toBe(200);
    expect(created.body.profile.name).toBe('Console group');
    const log = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "group.lifecycle.create"')}`);
    expect(log.body.at(-1).actor.alternateId).toBe(ADMIN_LOGIN);
  });

  it('refuses a signed-in person who is not an admin, in the console and in the API', async () => {
    const browser = await signedIn(server, 'nia@example.com', 'Plain-User-42');
    const page = await browser.get('/admin');
    expect(page.status).toBe(403);
    expect(page.html).toContain('Not an administrator');
    expect(page.html).not.toContain('csrf-token');
    const api = await apiWithCookies(browser, 'GET', '/api/v1/users');
    expect(api.status).toBe(403);
    expect(api.body.errorCode).toBe('E0000006');
  });

  it('answers 401 for a cookie of no live session, and keeps SSWS tokens working beside cookies', async () => {
    const res = await fetch(server.url + '/api/v1/users', { headers: { cookie: 'tg_session=not-a-session' } });
    expect(res.status).toBe(401);
    expect((await res.json()).errorCode).toBe('E0000011');
    const both = await server.api('GET', '/api/v1/users/me', undefined, { cookie: 'tg_session=not-a-session' });
    expect(both.status).toBe(200);
  });

  it('ends the console session at sign-out', async () => {
    const browser = await signedIn(server, ADMIN_LOGIN, server.adminPassword);
    const csrf = csrfOf((await browser.get('/admin')).html);
    const out = await browser.request('POST', '/signout', { csrfToken: csrf });
    expect(out.status).toBe(303);
    const again = await browser.get('/admin');
    expect(again.status).toBe(302);
  });
});
