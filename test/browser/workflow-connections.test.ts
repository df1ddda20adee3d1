/**
 * Workflows connections in the console, over connections imported with Okta templates through the Workflows
 * API: the Connections page (connector, binding, the flows using each; Slack shown as not available in
 * Tollgate), binding an API Connector connection with a custom header (blank fields refused at the field with
 * the server's message), the secret never shown again, and a re-bind that keeps it when left blank.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConsole, openFromNav, screenshot, type ConsoleSession } from '../helpers/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeWithTemplates, readTemplate } from '../helpers/templates.js';

/** One API Connector connection, "HTTP Twilio". */
const TWILIO_TEMPLATE = 'send_sms_via_twilio.flopack';
/** One Slack connection. */
const SLACK_TEMPLATE = 'send_a_slack_message_with_blocks.flopack';
const SECRET = 'twilio-header-secret-42';

interface ApiConnection { id: string; name: string; connector: string; bound: boolean; binding: Record<string, unknown> | null; usedBy: Array<{ name: string }> }

describeWithTemplates('Workflows connections in the console', { timeout: 150_000 }, () => {
  let server: TestServer;
  let admin: ConsoleSession;
  let page: Page;
  let twilio: ApiConnection;
  let slack: ApiConnection;

  beforeAll(async () => {
    server = await startTestServer();
    for (const file of [TWILIO_TEMPLATE, SLACK_TEMPLATE]) {
      const imported = await server.api('POST', '/api/workflows/v1/import', readTemplate(file));
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    }
    const all = (await server.api('GET', '/api/workflows/v1/connections')).body as ApiConnection[];
    twilio = all.find((c) => c.connector === 'httpfunctions')!;
    slack = all.find((c) => c.connector === 'slack')!;
    expect(twilio).toMatchObject({ name: 'HTTP Twilio', bound: false });
    admin = await openConsole(server);
    page = admin.page;
  });
  afterAll(async () => {
    await admin?.close();
    await server?.close();
  });

  const row = (name: string): Locator => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  /** The row's cells as shown (badges are drawn in capitals: compared in lower case). */
  const cells = async (name: string) => (await row(name).locator('td').allInnerTexts()).map((t) => t.trim().toLowerCase());

  it('lists the connections with their connector, binding and flows; Slack is not available', async () => {
    await openFromNav(page, 'Connections');
    await row('HTTP Twilio').waitFor();
    const twilioCells = await cells('HTTP Twilio');
    expect(twilioCells.slice(1, 4)).toEqual(['api connector', 'not bound', twilio.usedBy.map((f) => f.name.toLowerCase()).join(', ')]);
    expect(await cells(slack.name)).toEqual(expect.arrayContaining(['slack', 'slack is not available in tollgate']));
    // Nothing to bind (it can still be deleted once no flow uses it).
    expect(await row(slack.name).getByRole('button').allInnerTexts()).toEqual(['Delete']);
    expect(await page.getByRole('link', { name: 'Connections', exact: true }).getAttribute('aria-current')).toBe('page');
    await screenshot(page, 'connections-list');
  });

  it('binds the API Connector connection with a custom header; blank fields are refused at the field', async () => {
    await row('HTTP Twilio').getByRole('button', { name: 'Bind HTTP Twilio' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bind HTTP Twilio' });
    await dialog.getByLabel('Auth').selectOption({ label: 'Custom header' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByLabel('Header name').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.innerText()).toContain('The field cannot be left blank');
    expect((await server.api('GET', `/api/workflows/v1/connections/${twilio.id}`)).body).toMatchObject({ bound: false });

    await dialog.getByLabel('Header name').fill('X-Api-Key');
    await dialog.getByLabel('Header value').fill(SECRET);
    expect(await dialog.getByLabel('Header value').getAttribute('type')).toBe('password');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await cells('HTTP Twilio'))[2]).toBe('bound: custom header x-api-key');

    const stored = (await server.api('GET', `/api/workflows/v1/connections/${twilio.id}`)).body as ApiConnection;
    expect(stored.binding).toEqual({ auth: 'header', name: 'X-Api-Key', valueSet: true });
    await screenshot(page, 'connections-bound');
  });

  it('re-opening shows the secret as set but never its value; leaving it blank keeps it', async () => {
    await row('HTTP Twilio').getByRole('button', { name: 'Change binding of HTTP Twilio' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bind HTTP Twilio' });
    expect(await dialog.getByLabel('Header value').inputValue()).toBe('');
    expect(await dialog.innerText()).toContain('Set. Leave blank to keep it');
    await dialog.getByLabel('Header name').fill('X-Twilio-Key');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await cells('HTTP Twilio'))[2]).toBe('bound: custom header x-twilio-key');
    expect(await page.content()).not.toContain(SECRET);
    const stored = (await server.api('GET', `/api/workflows/v1/connections/${twilio.id}`)).body as ApiConnection;
    expect(stored.binding).toEqual({ auth: 'header', name: 'X-Twilio-Key', valueSet: true });
  });
});
