import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, csrfTokenIn } from './helpers/browser.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * Issue 13, item 11: the CSRF seed is rotated at sign-in, tokens are bound to the session, and the public
 * pages and the console use different tokens.
 */

describe('CSRF tokens', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  async function signedIn(): Promise<Browser> {
    const browser = new Browser(server.url);
    const res = await browser.submit('/signin', '/signin', { username: 'admin@localhost', password: server.adminPassword });
    expect(res.status).toBe(303);
    return browser;
  }

  it('a new seed at sign-in: the one seen (or planted) before is retired', async () => {
    const browser = new Browser(server.url);
    await browser.get('/signin');
    const before = browser.cookies.get('tg_csrf');
    const page = await browser.get('/signin');
    const res = await browser.request('POST', '/signin', { username: 'admin@localhost', password: server.adminPassword, csrfToken: csrfTokenIn(page.html) });
    expect(res.status).toBe(303);
    const after = browser.cookies.get('tg_csrf');
    expect(after).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(after).not.toBe(before);
  });

  it('a token is bound to its session: with another session cookie it is refused', async () => {
    const first = await signedIn();
    const second = await signedIn();
    const page = await first.get('/app/me');
    const token = csrfTokenIn(page.html);
    expect(token).toBeDefined();
    // The first browser's seed and token, but the second browser's session.
    const mixed = new Browser(server.url);
    mixed.cookies.set('tg_csrf', first.cookies.get('tg_csrf')!);
    mixed.cookies.set('tg_session', second.cookies.get('tg_session')!);
    expect((await mixed.request('POST', '/signout', { csrfToken: token })).status).toBe(403);
    // The same token with its own session works.
    expect((await first.request('POST', '/signout', { csrfToken: token })).status).toBe(303);
  });

  it('a public page\'s token does not work for the console API, the console\'s does', async () => {
    const browser = await signedIn();
    const pageToken = csrfTokenIn((await browser.get('/app/me')).html)!;
    const consoleHtml = (await browser.get('/admin')).html;
    const consoleToken = /<meta name="csrf-token" content="([^"]+)">/.exec(consoleHtml)?.[1];
    expect(consoleToken).toBeDefined();
    expect(consoleToken).not.toBe(pageToken);
    const post = (token: string) => fetch(`${server.url}/api/v1/groups`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': token,
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: JSON.stringify({ profile: { name: `Console group ${token.slice(0, 6)}` } }),
    });
    expect((await post(pageToken)).status).toBe(403);
    expect((await post(consoleToken!)).status).toBe(200);
  });
});
