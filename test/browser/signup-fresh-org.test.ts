/**
 * A fresh org (no demo data) whose admin only allows self-service registration, the way Okta's guide does it
 * through the Policies API (the default PROFILE_ENROLLMENT rule, `unknownUserAction: REGISTER`), gets a
 * working Sign up page: Okta's default form asks for Email, First name and Last name.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, type LaunchedBrowser } from '../helpers/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('a fresh org signs people up once the admin allows it', { timeout: 120_000 }, () => {
  let server: TestServer;
  let chromium: LaunchedBrowser;
  let policyId: string;
  let rule: Record<string, any>;

  beforeAll(async () => {
    server = await startTestServer({ demo: false });
    chromium = await launchChromium();
    policyId = (await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT')).body[0].id;
    rule = (await server.api('GET', `/api/v1/policies/${policyId}/rules`)).body[0];
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it("starts with Okta's default form: email, first and last name, all required", () => {
    expect(rule.actions.profileEnrollment.profileAttributes).toEqual([
      { name: 'email', label: 'Email', required: true },
      { name: 'firstName', label: 'First name', required: true },
      { name: 'lastName', label: 'Last name', required: true },
    ]);
    expect(rule.actions.profileEnrollment.unknownUserAction).toBe('DENY');
  });

  it('registers a visitor in Chromium after the admin only sets unknownUserAction to REGISTER', async () => {
    const allowed = await server.api('PUT', `/api/v1/policies/${policyId}/rules/${rule.id}`, {
      name: rule.name, type: 'PROFILE_ENROLLMENT', actions: { profileEnrollment: { ...rule.actions.profileEnrollment, unknownUserAction: 'REGISTER' } },
    });
    expect(allowed.status).toBe(200);

    const context = await newContext(chromium.browser as Browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Email').fill('ana.lima@example.org');
    await page.getByLabel('First name').fill('Ana');
    await page.getByLabel('Last name').fill('Lima');
    await page.getByLabel(/^Password/).fill('Sunny-Day-42');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.waitForURL(`${server.url}/app/me`);
    await context.close();

    const user = await server.api('GET', '/api/v1/users/ana.lima@example.org');
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ status: 'ACTIVE', profile: { login: 'ana.lima@example.org', email: 'ana.lima@example.org', firstName: 'Ana', lastName: 'Lima' } });
  });

  it('refuses a form that leaves a required schema attribute out, with Okta\'s validation error, and keeps the rule', async () => {
    const before = (await server.api('GET', `/api/v1/policies/${policyId}/rules/${rule.id}`)).body;
    const res = await server.api('PUT', `/api/v1/policies/${policyId}/rules/${rule.id}`, {
      name: rule.name, type: 'PROFILE_ENROLLMENT',
      actions: { profileEnrollment: { profileAttributes: [{ name: 'email', label: 'Email', required: true }, { name: 'firstName', label: 'First name', required: true }] } },
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: actions.profileEnrollment.profileAttributes' });
    expect(res.body.errorCauses).toEqual([{
      errorSummary: 'actions.profileEnrollment.profileAttributes: The attribute lastName is required by the user profile schema and must be included in the form',
    }]);
    expect((await server.api('GET', `/api/v1/policies/${policyId}/rules/${rule.id}`)).body).toEqual(before);
  });
});
