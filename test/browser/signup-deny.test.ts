/**
 * A registration hook that denies a sign-up with a field error (Okta's `errorCauses` with a `location`):
 * the visitor sees the message at the email field and in the summary, the form keeps what was typed,
 * and the page works with the keyboard on a phone-sized screen.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, type LaunchedBrowser } from '../helpers/chromium.js';
import { json, startHookServer, type HookServer } from '../helpers/hook-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const DENY = {
  commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }],
  error: {
    errorSummary: 'Errors were found in the user profile',
    errorCauses: [{
      errorSummary: 'You specified an invalid email domain', reason: 'INVALID_EMAIL_DOMAIN',
      locationType: 'body', location: 'data.userProfile.email', domain: 'end-user',
    }],
  },
};

describe('a registration hook denies a sign-up with a field error', { timeout: 120_000 }, () => {
  let server: TestServer;
  let endpoint: HookServer;
  let chromium: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    endpoint = await startHookServer((req, res) => {
      const email = String(req.body?.data?.userProfile?.email ?? '');
      return json(res, 200, email.endsWith('@example.com') ? DENY : { commands: [] });
    });
    const hook = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Email domains', type: 'com.okta.user.pre-registration', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${endpoint.url}/hook`, authScheme: { type: 'HEADER', key: 'Authorization', value: 'domain-secret' } } },
    });
    const policy = (await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT')).body[0];
    const rule = (await server.api('GET', `/api/v1/policies/${policy.id}/rules`)).body[0];
    const saved = await server.api('PUT', `/api/v1/policies/${policy.id}/rules/${rule.id}`, {
      name: rule.name, type: 'PROFILE_ENROLLMENT',
      actions: { profileEnrollment: {
        access: 'ALLOW', unknownUserAction: 'REGISTER',
        profileAttributes: [
          { name: 'email', label: 'Email', required: true },
          { name: 'firstName', label: 'First name', required: true },
          { name: 'lastName', label: 'Last name', required: true },
        ],
        preRegistrationInlineHooks: [{ inlineHookId: hook.body.id }],
        activationRequirements: { emailVerification: false },
      } },
    });
    expect(saved.status).toBe(200);
    chromium = await launchChromium();
    context = await newContext(chromium.browser, { phone: true });
    page = await context.newPage();
  });
  afterAll(async () => {
    await chromium?.close();
    await endpoint?.close();
    await server?.close();
  });

  it('shows the hook\'s message at the email field, keeps the form, and creates nobody', async () => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Email').fill('bob@example.com');
    await page.getByLabel('First name').fill('Bob');
    await page.getByLabel('Last name').fill('Builder');
    await page.getByLabel(/^Password/).fill('Sunny-Day-42');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('alert').waitFor();

    const email = page.getByLabel('Email');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).toBeTruthy();
    expect(await page.locator(`#${describedBy.split(' ')[0]}`).innerText()).toContain('You specified an invalid email domain');
    expect(await page.getByRole('alert').innerText()).toContain('Errors were found in the user profile');
    expect(await page.getByLabel('First name').getAttribute('aria-invalid')).toBe('false');
    expect(await email.inputValue()).toBe('bob@example.com');
    expect(await page.getByLabel('Last name').inputValue()).toBe('Builder');
    expect(await page.getByLabel(/^Password/).inputValue()).toBe('');
    await screenshot(page, 'signup-deny-phone');

    // The phone-sized page fits its width: nothing to scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect((await server.api('GET', '/api/v1/users/bob@example.com')).status).toBe(404);
    expect(endpoint.requests).toHaveLength(1);
  });

  it('takes the visitor from the summary to the field, and works with the keyboard alone', async () => {
    await page.getByRole('alert').getByRole('link', { name: /Email/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-email');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('bob@atko.email');
    // Tab order follows the form: email → first name → last name → password → Sign up.
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name || document.activeElement?.textContent?.trim() || ''));
    }
    expect(order).toEqual(['firstName', 'lastName', 'password', 'Sign up']);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('Sunny-Day-42');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/app/me`);
    expect((await server.api('GET', '/api/v1/users/bob@atko.email')).body.status).toBe('ACTIVE');
  });

  it('starts the sign-in page with a skip link and visible focus', async () => {
    const fresh = await newContext(chromium.browser);
    const signin = await fresh.newPage();
    await signin.goto(`${server.url}/signin`);
    await signin.keyboard.press('Tab');
    expect(await signin.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    const outline = await signin.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await screenshot(signin, 'signin-desktop');
    await fresh.close();
  });
});
