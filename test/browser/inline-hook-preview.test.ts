/**
 * The Preview panel of an inline hook page in Chromium: the request is prefilled with a sample for the hook's
 * type, Send shows the hook's reply next to Tollgate's decision, an edited request is sent as edited, bad
 * JSON is refused at the field, and the call appears under Recent calls.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/chromium.js';
import { json, type HookServer } from '../helpers/hook-server.js';
import type { TestServer } from '../helpers/server.js';
import { signedInConsole, type SignedInConsole } from '../helpers/console.js';

const PATCH = {
  commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/extPatientId', value: '1234' }] }],
};

describe('inline hook preview in the console', { timeout: 180_000 }, () => {
  let bench: SignedInConsole;
  let server: TestServer;
  let endpoint: HookServer;
  let page: Page;
  let tokenHookId: string;
  let registrationHookId: string;

  async function createHook(name: string, type: string, path: string): Promise<string> {
    const res = await server.api('POST', '/api/v1/inlineHooks', {
      name, type, version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${endpoint.url}${path}`, authScheme: { type: 'HEADER', key: 'Authorization', value: 'preview-secret' } } },
    });
    expect(res.status).toBe(200);
    return res.body.id;
  }

  beforeAll(async () => {
    bench = await signedInConsole({ hook: (req, res) => {
      if (req.url === '/token') return json(res, 200, PATCH);
      return json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }] });
    } });
    ({ server, endpoint, page } = bench);
    tokenHookId = await createHook('Patient id claim', 'com.okta.oauth2.tokens.transform', '/token');
    registrationHookId = await createHook('Sign-up check', 'com.okta.user.pre-registration', '/registration');
  });
  afterAll(async () => {
    await bench?.close();
  });

  it('opens a token hook, sends the sample, and shows the reply next to the decision', async () => {
    const usersBefore = (await server.api('GET', '/api/v1/users')).body.length;
    await page.goto(`${server.url}/admin/workflow/inline-hooks/${tokenHookId}`);
    await page.getByRole('heading', { level: 1, name: 'Patient id claim' }).waitFor();
    const preview = page.getByRole('region', { name: 'Preview' });
    const request = preview.getByLabel('Request', { exact: true });
    await expect.poll(() => request.inputValue()).toContain('"eventType": "com.okta.oauth2.tokens.transform"');
    expect(JSON.parse(await request.inputValue()).data.access.claims.aud).toBe('api://default');

    await preview.getByRole('button', { name: 'Send' }).click();
    await preview.getByRole('heading', { name: 'Tollgate\'s decision' }).waitFor();
    expect(await preview.getByLabel('Reply from the hook').innerText()).toContain('extPatientId');
    expect(await preview.locator('.decision-summary').innerText()).toBe('The tokens are patched: the ID token adds extPatientId.');
    expect(await preview.locator('.preview-result .badge').allInnerTexts()).toEqual(['SUCCESS', 'PATCHED']);
    expect(endpoint.requests.at(-1)!.headers.authorization).toBe('preview-secret');
    expect(endpoint.requests.at(-1)!.body.eventType).toBe('com.okta.oauth2.tokens.transform');
    await screenshot(page, 'inline-hook-preview-token');

    // The call is listed with the hook's other calls, and the org is as it was.
    const calls = page.getByRole('table', { name: /Recent calls/ });
    await expect.poll(() => calls.locator('tbody tr').count()).toBe(1);
    expect((await server.api('GET', '/api/v1/users')).body.length).toBe(usersBefore);
  });

  it('sends an edited request as edited, and refuses bad JSON at the field without calling the hook', async () => {
    const preview = page.getByRole('region', { name: 'Preview' });
    const request = preview.getByLabel('Request', { exact: true });
    const edited = { eventType: 'com.okta.oauth2.tokens.transform', data: { access: { claims: { tier: 'gold' } } } };
    await request.fill(JSON.stringify(edited));
    await preview.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => preview.locator('.decision-summary').innerText()).toContain('no ID token is being minted');
    expect(endpoint.requests.at(-1)!.body).toEqual(edited);

    const sent = endpoint.requests.length;
    await request.fill('{ not json');
    await preview.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => request.getAttribute('aria-invalid')).toBe('true');
    const ids = (await request.getAttribute('aria-describedby'))!.split(' ');
    expect(await page.locator(`[id="${ids[ids.length - 1]}"]`).innerText()).toMatch(/^The request is not valid JSON/);
    expect(endpoint.requests).toHaveLength(sent);
    await preview.getByRole('button', { name: 'Reset to sample' }).click();
    expect(JSON.parse(await request.inputValue()).eventType).toBe('com.okta.oauth2.tokens.transform');
  });

  it('builds a progressive profile sample for a registration hook and shows a denial', async () => {
    await page.goto(`${server.url}/admin/workflow/inline-hooks/${registrationHookId}`);
    const preview = page.getByRole('region', { name: 'Preview' });
    const request = preview.getByLabel('Request', { exact: true });
    await expect.poll(() => request.inputValue()).toContain('"requestType": "self.service.registration"');
    await preview.getByLabel('Request type').selectOption('progressive.profile');
    await expect.poll(() => request.inputValue()).toContain('"requestType": "progressive.profile"');
    await preview.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => preview.locator('.decision-summary').innerText()).toBe('Profile update denied. The person sees: "Profile update denied."');
    expect(await preview.locator('.preview-result .badge').allInnerTexts()).toEqual(['SUCCESS', 'DENY']);
    expect(endpoint.requests.at(-1)!.body.requestType).toBe('progressive.profile');
    await screenshot(page, 'inline-hook-preview-registration');
  });
});
