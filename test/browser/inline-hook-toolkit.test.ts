/**
 * The toolkit panel of an inline hook page in Chromium: recorder and shadow settings saved from the page, a
 * real call (a sign-up) recorded and shadowed, the shadow's disagreement listed, and Replay showing
 * who would now be denied.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/chromium.js';
import { json, type HookServer } from '../helpers/hook-server.js';
import type { TestServer } from '../helpers/server.js';
import { signedInConsole, type SignedInConsole } from '../helpers/console.js';
import { useRegistrationHook } from '../helpers/enrollment.js';

describe('inline hook toolkit in the console', { timeout: 180_000 }, () => {
  let bench: SignedInConsole;
  let server: TestServer;
  let endpoint: HookServer;
  let page: Page;
  let hookId: string;
  let policyId: string;

  beforeAll(async () => {
    bench = await signedInConsole({ hook: (req, res) => {
      if (req.url === '/v2') return json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }] });
      return json(res, 200, { commands: [] });
    } });
    ({ server, endpoint, page } = bench);
    const res = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Sign-up check', type: 'com.okta.user.pre-registration', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${endpoint.url}/v1`, authScheme: { type: 'HEADER', key: 'Authorization', value: 'ui-secret' } } },
    });
    hookId = res.body.id;
    // Real calls come from sign-ups: the profile enrollment policy names the hook.
    policyId = await useRegistrationHook(server, hookId);
  });
  afterAll(async () => {
    await bench?.close();
  });

  it('saves the settings, shows the shadow disagreement of a real call, and replays against v2', async () => {
    await page.goto(`${server.url}/admin/workflow/inline-hooks/${hookId}`);
    const toolkit = page.getByRole('region', { name: 'Recorder, replay and shadow' });
    await toolkit.getByLabel('Record at most (calls)').fill('10');
    await toolkit.getByLabel('Keep recordings for (days)').fill('3');
    await toolkit.getByLabel('Shadow endpoint URL').fill(`${endpoint.url}/v2`);
    await toolkit.getByRole('button', { name: 'Save toolkit settings' }).click();
    await expect.poll(async () => (await server.api('GET', `/api/v1/inlineHooks/${hookId}/toolkit`)).body)
      .toEqual({ recording: { maxCalls: 10, maxAgeDays: 3 }, shadow: { uri: `${endpoint.url}/v2` } });

    // A real call: a sign-up through Okta Classic's registration endpoint.
    const signUp = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ userProfile: { email: 'rosario.jones@example.com', firstName: 'Rosario', lastName: 'Jones', password: 'Sup3r-Secret-Pw!' } }),
    });
    expect(signUp.status).toBe(200);
    await expect.poll(async () => (await server.api('GET', `/api/v1/inlineHooks/${hookId}/shadow/report`)).body.calls).toBe(1);

    await toolkit.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => toolkit.locator('.shadow-summary').innerText()).toContain('1 shadow calls: 0 agree, 1 disagree.');
    expect(await toolkit.locator('.shadow-disagreements li').innerText()).toContain('rosario.jones@example.com: hook ALLOW, shadow DENY');

    await toolkit.getByLabel('Replay against URL').fill(`${endpoint.url}/v2`);
    await toolkit.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => toolkit.locator('.replay-result').innerText()).toContain('1 of 1 decisions change. Would now be denied: rosario.jones@example.com');
    await screenshot(page, 'inline-hook-toolkit');

    // Bad input: a refused URL is shown at the form, nothing is replayed.
    await toolkit.getByLabel('Replay against URL').fill('ftp://example.com');
    await toolkit.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => toolkit.locator('.form-error, [role="alert"]').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('url')]));
  });
});
