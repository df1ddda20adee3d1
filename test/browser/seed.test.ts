/**
 * The acceptance scenario, clicked through in Chromium as the seed describes it: on an org started with
 * --no-demo, an admin imports the contractor flow from a file, turns it on, registers its invoke URL as a
 * registration inline hook with the client token, allows self-service registration with the hook in the
 * user profile policy; a visitor signs up from /signin; the admin finds Jane as a Contractor and sees the
 * hook call, the flow execution with each card's data, and the System Log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flopackOf } from '../../src/workflows/flopack/index.js';
import { contractorsFlow } from '../../src/workflows/demo-flows/contractors.js';
import {
  ensureConsoleBuilt, factValue, launchChromium, newContext, openFromNav, screenshot, signInToConsole, type LaunchedBrowser,
} from '../helpers/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('the seed in a browser', { timeout: 180_000 }, () => {
  let server: TestServer;
  let chromium: LaunchedBrowser;
  let adminContext: BrowserContext;
  let admin: Page;
  let flopackFile: string;
  const state: { flowId?: string; invokeUrl?: string; clientToken?: string; hookId?: string } = {};

  beforeAll(async () => {
    ensureConsoleBuilt();
    server = await startTestServer({ demo: false });
    chromium = await launchChromium();
    adminContext = await newContext(chromium.browser);
    admin = await adminContext.newPage();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-seed-'));
    flopackFile = path.join(dir, 'registration_hook_contractors.flopack');
    fs.writeFileSync(flopackFile, JSON.stringify(flopackOf([contractorsFlow], { created: new Date() }), null, 2));
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    if (flopackFile) fs.rmSync(path.dirname(flopackFile), { recursive: true, force: true });
  });

  it('starts with no flows, hooks or registration (--no-demo)', async () => {
    expect((await server.api('GET', '/api/workflows/v1/flows')).body).toEqual([]);
    expect((await server.api('GET', '/api/v1/inlineHooks')).body).toEqual([]);
  });

  it('signs the admin in to the console through the hosted sign-in page', async () => {
    await signInToConsole(admin, server.url, 'admin@localhost', server.adminPassword);
    await expect.poll(() => admin.getByRole('banner').innerText()).toContain('Tollgate Admin');
    await screenshot(admin, 'seed-01-dashboard-empty');
  });

  it('imports the contractor flow from its .flopack file and turns it on', async () => {
    await openFromNav(admin, 'Flows');
    const [chooser] = await Promise.all([admin.waitForEvent('filechooser'), admin.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles(flopackFile);
    const notice = admin.getByRole('status').filter({ hasText: 'New flows are off' });
    await expect.poll(() => notice.innerText()).toContain('Registration hook: contractors (1 new, 0 replaced)');
    await admin.getByRole('link', { name: 'Registration hook: contractors' }).first().click();
    await admin.getByRole('heading', { level: 1, name: 'Registration hook: contractors' }).waitFor();
    state.flowId = admin.url().split('/').pop();

    await admin.getByRole('switch', { name: /is off/ }).click();
    await admin.getByRole('switch', { name: /is on/ }).waitFor();
    state.invokeUrl = await factValue(admin, 'Invoke URL', { mono: true });
    expect(state.invokeUrl).toMatch(/\/api\/flo\/[0-9a-f]{32}\/invoke$/);
    await admin.getByRole('button', { name: 'Show client token' }).click();
    state.clientToken = await factValue(admin, 'Client token', { mono: true });
    expect(state.clientToken).toMatch(/^[0-9a-f]{32,}$/);
    await screenshot(admin, 'seed-02-flow');
    const flow = await server.api('GET', `/api/workflows/v1/flows/${state.flowId}`);
    expect(flow.body).toMatchObject({ status: 'ACTIVE', invokeUrl: state.invokeUrl, clientToken: state.clientToken });
  });

  it('registers the registration inline hook at the flow\'s invoke URL with the client token', async () => {
    await openFromNav(admin, 'Inline Hooks');
    await admin.getByRole('link', { name: 'Add Inline Hook' }).click();
    await admin.getByLabel('Name').fill('Contractors flow');
    await admin.getByLabel('Type').selectOption('com.okta.user.pre-registration');
    await admin.getByLabel('URL').fill(state.invokeUrl!);
    await admin.getByLabel('Authentication field').fill('x-api-client-token');
    await admin.getByLabel('Authentication secret').fill(state.clientToken!);
    await screenshot(admin, 'seed-03-add-inline-hook');
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.getByRole('heading', { level: 1, name: 'Contractors flow' }).waitFor();
    state.hookId = admin.url().split('/').pop();
    expect(await factValue(admin, 'Authentication')).toContain('x-api-client-token');
    expect(await admin.content()).not.toContain(state.clientToken!);
    const hook = await server.api('GET', `/api/v1/inlineHooks/${state.hookId}`);
    expect(hook.body).toMatchObject({ status: 'ACTIVE', channel: { config: { uri: state.invokeUrl, authScheme: { type: 'HEADER', key: 'x-api-client-token' } } } });
  });

  it('allows self-service registration and attaches the hook in the user profile policy', async () => {
    await openFromNav(admin, 'User Profile Policies');
    await admin.getByRole('link', { name: 'Default Policy' }).click();
    await admin.getByRole('radio', { name: 'Allowed' }).check();
    // Okta's default form already asks for first and last name, required: the admin only allows sign-up.
    expect(await admin.getByRole('checkbox', { name: 'firstName is required' }).isChecked()).toBe(true);
    expect(await admin.getByRole('checkbox', { name: 'lastName is required' }).isChecked()).toBe(true);
    await admin.getByLabel('Inline hook').selectOption({ label: 'Contractors flow' });
    await admin.getByRole('checkbox', { name: /email verification/ }).uncheck();
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.getByText('User profile policy saved').waitFor();
    await screenshot(admin, 'seed-04-user-profile-policy');

    const policy = (await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT')).body[0];
    const rule = (await server.api('GET', `/api/v1/policies/${policy.id}/rules`)).body[0];
    expect(rule.actions.profileEnrollment).toMatchObject({
      unknownUserAction: 'REGISTER',
      preRegistrationInlineHooks: [{ inlineHookId: state.hookId }],
      profileAttributes: [
        { name: 'email', required: true }, { name: 'firstName', label: 'First name', required: true }, { name: 'lastName', label: 'Last name', required: true },
      ],
    });
  });

  it('lets a visitor follow Sign up from /signin and register jane@atko.email on a phone-sized screen', async () => {
    const visitorContext = await newContext(chromium.browser, { phone: true });
    const visitor = await visitorContext.newPage();
    await visitor.goto(`${server.url}/signin`);
    await visitor.getByRole('link', { name: 'Sign up' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Sign up' }).waitFor();
    await visitor.getByLabel('Email').fill('jane@atko.email');
    await visitor.getByLabel('First name').fill('Jane');
    await visitor.getByLabel('Last name').fill('Doe');
    await visitor.getByLabel(/^Password/).fill('Sunny-Day-42');
    await screenshot(visitor, 'seed-05-signup-phone');
    await visitor.getByRole('button', { name: 'Sign up' }).click();
    await visitor.waitForURL(`${server.url}/app/me`);
    await screenshot(visitor, 'seed-06-signed-up-phone');
    await visitorContext.close();

    const jane = await server.api('GET', '/api/v1/users/jane@atko.email');
    expect(jane.status).toBe(200);
    expect(jane.body.profile.userType).toBe('Contractor');
  });

  it('shows Jane under People with user type Contractor', async () => {
    await openFromNav(admin, 'People');
    await admin.getByLabel('Search').fill('jane');
    await admin.getByRole('link', { name: 'Jane Doe' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Jane Doe' }).waitFor();
    expect(await factValue(admin, 'User type')).toMatch(/^Contractor/);
    expect(await factValue(admin, 'Status')).toBe('ACTIVE');
    await screenshot(admin, 'seed-07-person-jane');
  });

  it('shows the hook call with its request, reply, duration and outcome', async () => {
    await admin.goto(`${server.url}/admin/workflow/inline-hooks/${state.hookId}`);
    const calls = admin.getByRole('table', { name: /Recent calls/ });
    await calls.waitFor();
    const row = calls.locator('tbody tr').first();
    await expect.poll(() => row.innerText()).toContain('SUCCESS');
    expect(await row.innerText()).toMatch(/200[\s\S]*\d+ ms/);
    await row.getByRole('button', { name: /^Details/ }).click();
    const request = admin.getByLabel('Request sent to the hook');
    const reply = admin.getByLabel('Reply from the hook');
    expect(await request.innerText()).toContain('jane@atko.email');
    expect(await reply.innerText()).toContain('"userType": "Contractor"');
    expect(await admin.content()).not.toContain(state.clientToken!);
    await screenshot(admin, 'seed-08-hook-calls');
  });

  it('shows the flow execution with each card\'s inputs and outputs', async () => {
    await admin.goto(`${server.url}/admin/workflows/flows/${state.flowId}`);
    await admin.getByRole('link', { name: 'Execution history' }).click();
    const table = admin.getByRole('table', { name: /Executions/ });
    await table.waitFor();
    await table.locator('tbody tr').first().getByRole('link').click();
    await admin.getByRole('heading', { name: 'Cards that ran' }).waitFor();
    expect(await factValue(admin, 'Status')).toMatch(/^succeeded$/i);
    const ifElse = admin.locator('.exec-card').filter({ has: admin.getByRole('heading', { name: 'If/Else' }) });
    expect(await ifElse.getByLabel('Inputs of If/Else').innerText()).toContain('atko.email');
    expect(await ifElse.getByLabel('Outputs of If/Else').innerText()).toContain('"result": true');
    const close = admin.locator('.exec-card').filter({ has: admin.getByRole('heading', { name: 'Close' }) });
    expect(await close.getByLabel('Inputs of Close').innerText()).toContain('Contractor');
    expect(await admin.locator('.exec-card').count()).toBe(9);
    await screenshot(admin, 'seed-09-execution');
  });

  it('finds the hook call in the System Log and sums it up on the dashboard', async () => {
    await openFromNav(admin, 'System Log');
    await admin.getByLabel('Filter').fill('eventType eq "inline_hook.executed"');
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    const events = admin.getByRole('table', { name: /Events/ });
    await expect.poll(() => events.innerText()).toContain('Inline hook executed');
    await events.locator('tbody tr').first().getByRole('button', { name: /^Details/ }).click();
    expect(await admin.getByLabel(/^Event /).innerText()).toContain(state.hookId!);
    await screenshot(admin, 'seed-10-system-log');

    await openFromNav(admin, 'Dashboard');
    const recent = admin.getByRole('region', { name: 'Recent inline hook calls' });
    await expect.poll(() => recent.innerText()).toContain('Contractors flow');
    const executions = admin.getByRole('region', { name: 'Recent flow executions' });
    await expect.poll(() => executions.innerText()).toContain('Registration hook: contractors');
    await screenshot(admin, 'seed-11-dashboard');
  });
});
