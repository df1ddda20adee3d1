/**
 * Flows' triggers in the console, from Okta templates imported through the Workflows API: an Okta event
 * card ("User Added to Group"), a scheduled flow (its cron in words with its time zone), an API Endpoint
 * flow (its invoke URL) and helper flows; and cards of connectors Tollgate does not have shown as
 * placeholders that are kept for export.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { factValue, openConsole, openFromNav, screenshot, type ConsoleSession } from '../helpers/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeWithTemplates, readTemplate } from '../helpers/templates.js';

/** Event cards "User Added to Group" and "User Removed from Group"; helpers with AWS IAM Identity Center cards. */
const AWS_TEMPLATE = 'manage_aws_sso_entitlements.flopack';
/** A scheduled flow, an API Endpoint flow, an Okta Devices event card and Slack cards. */
const MFA_TEMPLATE = 'detect_and_respond_to_mfa_fatigue_attacks.flopack';

describeWithTemplates('flow triggers and placeholder cards in the console', { timeout: 150_000 }, () => {
  let server: TestServer;
  let admin: ConsoleSession;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    for (const file of [AWS_TEMPLATE, MFA_TEMPLATE]) {
      const imported = await server.api('POST', '/api/workflows/v1/import', readTemplate(file));
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    }
    admin = await openConsole(server);
    page = admin.page;
  });
  afterAll(async () => {
    await admin?.close();
    await server?.close();
  });

  /** The "Starts with" cell of a flow in the list. */
  const startsWith = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) }).locator('td').nth(2);

  it('lists each flow with its trigger: event card, schedule in words, invoke URL, helper', async () => {
    await openFromNav(page, 'Flows');
    await expect.poll(() => startsWith('AWS Add Entitlement').innerText()).toMatch(/^Event\s+User Added to Group$/);
    expect(await startsWith('AWS Remove User Entitlements').innerText()).toMatch(/^Event\s+User Removed from Group$/);
    expect(await startsWith('1.1 Maintenance: Purge Log').innerText()).toMatch(/^Scheduled\s+Every day at 09:00 \(America\/Los_Angeles\)$/);
    const endpoint = await startsWith('0.1 Incoming Hook: OV MFA Rejection').innerText();
    expect(endpoint).toMatch(/^API Endpoint\s/);
    expect(endpoint.replace(/^API Endpoint\s+/, '')).toMatch(new RegExp(`^${server.ctx.config.issuer.replace(/[.]/g, '\\.')}/api/flo/\\S+/invoke$`));
    expect(await startsWith('AWS Add Entitlements Helper Flow').innerText()).toMatch(/^Helper Flow/);
    expect(await startsWith('0.1 Event-based: OV MFA Rejection').innerText()).toContain('Okta Devices — not available in Tollgate; kept for export');
    await screenshot(page, 'flow-triggers');
  });

  it('shows an event-started flow\'s trigger on its page', async () => {
    await page.getByRole('link', { name: 'AWS Add Entitlement', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'AWS Add Entitlement' }).waitFor();
    expect(await factValue(page, 'Trigger')).toMatch(/^Event\s+User Added to Group$/);
    expect(await page.locator('.subtitle').innerText()).toContain('Event: User Added to Group');
  });

  it('shows a scheduled flow\'s cron in words and time zone on its page', async () => {
    await openFromNav(page, 'Flows');
    await page.getByRole('link', { name: '1.1 Maintenance: Purge Log', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '1.1 Maintenance: Purge Log' }).waitFor();
    expect(await factValue(page, 'Trigger')).toMatch(/^Scheduled\s+Every day at 09:00 \(America\/Los_Angeles\)$/);
  });

  it('shows cards of connectors Tollgate does not have as placeholders, kept for export', async () => {
    await openFromNav(page, 'Flows');
    await page.getByRole('link', { name: '0.2 Remediate: Take Action on User', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '0.2 Remediate: Take Action on User' }).waitFor();
    const note = page.getByRole('note', { name: 'Placeholder cards' });
    expect(await note.innerText()).toContain('Slack — not available in Tollgate; kept for export');
    // On the canvas: drawn as a placeholder, with the note on the card.
    const placeholders = page.locator('.react-flow__node-card .flow-card.is-placeholder');
    await expect.poll(() => placeholders.count()).toBeGreaterThan(0);
    expect(await placeholders.first().innerText()).toContain('Slack — not available in Tollgate; kept for export');
    // Okta's own cards (Okta connector, tables) are not placeholders.
    const cards = page.locator('.react-flow__node-card .flow-card');
    const all = await cards.count();
    const slack = await page.locator('.react-flow__node-card .flow-card', { hasText: /^.*slack:/m }).count();
    expect(await placeholders.count()).toBe(slack);
    expect(all).toBeGreaterThan(slack);
    // In the list of cards and in the selected card's panel.
    const listed = page.getByRole('button', { name: /slack:/ }).first();
    expect(await listed.innerText()).toContain('Slack — not available in Tollgate; kept for export');
    await listed.click();
    expect(await page.locator('.card-panel').innerText()).toContain('Slack — not available in Tollgate; kept for export');
    await screenshot(page, 'flow-placeholder-cards');

    // Kept for export: the exported flow still has the Slack cards as they came.
    const flowId = page.url().split('/').pop()!;
    const exported = await server.api('GET', `/api/workflows/v1/flows/${flowId}/export`);
    expect(JSON.stringify(exported.body)).toContain('root:channels:http:slack:');
  });
});
