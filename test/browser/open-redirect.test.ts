/**
 * Issue 13, item 3: `fromURI` and `redirectUrl` cannot send a browser to another site. Chromium strips a
 * tab (and other whitespace) inside a Location, so `/\t/evil.example/path` would become `//evil.example/path`:
 * the sign-in must stay on this origin. Any request to evil.example is caught and answered here, so the test
 * sees where the browser went without leaving the machine.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, type LaunchedBrowser } from '../helpers/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('open redirect after sign-in', { timeout: 120_000 }, () => {
  let server: TestServer;
  let chromium: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  const escaped: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  async function freshPage() {
    await context?.close();
    context = await newContext(chromium.browser);
    await context.route((url) => url.hostname === 'evil.example', (route) => {
      escaped.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<h1>evil</h1>' });
    });
    page = await context.newPage();
  }

  for (const fromURI of ['/%09/evil.example/path', '/%20/evil.example/path', '%09//evil.example/path', '/%5C/evil.example/path', '/.//evil.example/path']) {
    it(`stays on the origin with fromURI=${fromURI}`, async () => {
      await freshPage();
      escaped.length = 0;
      await page.goto(`${server.url}/signin?fromURI=${fromURI}`);
      await page.getByLabel('Username').fill('admin@localhost');
      await page.getByLabel('Password').fill(server.adminPassword);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState('load');
      expect(escaped).toEqual([]);
      expect(new URL(page.url()).origin).toBe(server.url);

      // Signed in: the same value on /signin and on sessionCookieRedirect redirects at once, and still stays.
      await page.goto(`${server.url}/signin?fromURI=${fromURI}`);
      expect(escaped).toEqual([]);
      expect(new URL(page.url()).origin).toBe(server.url);
    });
  }

  it('follows a same-origin fromURI, path and query kept', async () => {
    await freshPage();
    await page.goto(`${server.url}/signin?fromURI=${encodeURIComponent('/app/me?tab=1')}`);
    await page.getByLabel('Username').fill('admin@localhost');
    await page.getByLabel('Password').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/app/me?tab=1`);
  });
});
