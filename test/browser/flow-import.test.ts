/**
 * Import of an Okta Workflows template (.flopack) through the console, and its flow view: the folder,
 * cards left to right with the If/Else branches side by side, each card's fields and what is wired into
 * them; the table the template carries, imported with it and linked from the flow; then editing an input,
 * adding and removing a card, saving, and exporting the flow again; and a connector's card (Slack) listed as
 * a placeholder.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factValue, openConsole, openFromNav, screenshot, type ConsoleSession } from '../helpers/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { readTemplate, templatePath } from '../helpers/templates.js';

const TEMPLATE = 'validate_email_domain_using_registration_inline_ho.flopack';
const FLOW = 'Validate Email Domains During Registration';
const TABLE = 'Allowed domain list';
/** One flow with a table and a Slack card. */
const SLACK_TEMPLATE = 'suspicious_activity_reported.flopack';

describe('import of a template .flopack and its flow view', { timeout: 150_000 }, () => {
  let server: TestServer;
  let admin: ConsoleSession;
  let page: Page;
  let flowId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await openConsole(server);
    page = admin.page;
  });
  afterAll(async () => {
    await admin?.close();
    await server?.close();
  });

  it('imports the template from the Flows page and lists it in its folder, off', async () => {
    expect(fs.existsSync(templatePath(TEMPLATE))).toBe(true);
    await openFromNav(page, 'Flows');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import' }).click()]);
    await chooser.setFiles(templatePath(TEMPLATE));
    const notice = page.getByRole('status').filter({ hasText: 'New flows are off' });
    await expect.poll(() => notice.innerText()).toContain('(1 new, 0 replaced)');
    expect(await notice.innerText()).toContain(`Tables: ${TABLE}`);
    expect(await notice.innerText()).not.toContain('Not imported');
    const folder = page.getByRole('region', { name: /Validate Email Domains During Registration$/ });
    await folder.waitFor();
    expect(await folder.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    expect(await folder.innerText()).toContain('API Endpoint');
    await screenshot(page, 'flows-imported');
    await folder.getByRole('link', { name: new RegExp(FLOW) }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(FLOW) }).waitFor();
    flowId = page.url().split('/').pop()!;
  });

  it('links the flow to the table its Tables cards use, listed on the Tables page with its folder and columns', async () => {
    // Every card of this template runs here (Search Rows included): no "cannot run" warning, no placeholder.
    expect(await page.getByRole('note').count()).toBe(0);
    const used = page.getByRole('region', { name: 'Tables used' });
    await used.getByRole('link', { name: TABLE }).click();
    await page.getByRole('heading', { level: 1, name: TABLE }).waitFor();
    expect(await page.getByRole('table', { name: `Columns of ${TABLE}` }).innerText()).toMatch(/Allowed Domains\s+Text/);
    await openFromNav(page, 'Tables');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: TABLE }) });
    await row.waitFor();
    await expect.poll(async () => (await row.locator('td').allInnerTexts()).slice(1, 4)).toEqual([FLOW, 'Allowed Domains (Text)', '0']);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: TABLE }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: new RegExp(FLOW) }).waitFor();
  });

  it('shows the flow as Okta does: cards in order, If/Else branches side by side, fields and wires', async () => {
    expect(await factValue(page, 'Security')).toBe('Client token');
    const cards = page.locator('.react-flow__node-card');
    await expect.poll(() => cards.count()).toBe(11);
    const list = await page.getByRole('list').filter({ has: page.getByRole('button', { name: /^API Endpoint/ }) }).getByRole('button').allInnerTexts();
    expect(list.map((t) => t.split(/\s/)[0])).toEqual(['API', 'Comment', 'Get', 'Split', 'Get', 'Search', 'If/Else', 'Construct', 'Construct', 'Join', 'Return']);

    // The two branches sit side by side, right of the If/Else card and left of the Join.
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const ifBox = await box('.react-flow__node[data-id="' + await cardId('If/Else') + '"]');
    const lanes = page.locator('.react-flow__node-lane');
    expect(await lanes.count()).toBe(2);
    const [trueLane, elseLane] = [await lanes.nth(0).boundingBox(), await lanes.nth(1).boundingBox()];
    expect(await lanes.nth(0).innerText()).toContain('if true');
    expect(await lanes.nth(1).innerText()).toContain('else');
    expect(trueLane!.x).toBeGreaterThan(ifBox.x + ifBox.width - 1);
    expect(elseLane!.x).toBeGreaterThan(trueLane!.x + trueLane!.width - 1);
    expect(Math.abs(elseLane!.y - trueLane!.y)).toBeLessThan(2);
    const joinBox = await box('.react-flow__node[data-id="' + await cardId('Join') + '"]');
    expect(joinBox.x).toBeGreaterThan(elseLane!.x + elseLane!.width - 1);
    expect(await page.locator('.react-flow__edge').count()).toBeGreaterThan(5);

    await page.getByRole('button', { name: /^Split/ }).click();
    const panel = page.getByRole('region', { name: 'Split' });
    expect(await panel.innerText()).toMatch(/← .+ › /);
    await screenshot(page, 'flow-view');
  });

  async function cardId(name: string): Promise<string> {
    const flow = (await server.api('GET', `/api/workflows/v1/flows/${flowId}`)).body;
    const all: Array<{ id: string; name?: string; branches?: Array<{ cards: unknown[] }> }> = [];
    const walk = (cards: typeof all) => cards.forEach((c) => { all.push(c); c.branches?.forEach((b) => walk(b.cards as typeof all)); });
    walk(flow.definition.cards);
    return all.find((c) => c.name === name)!.id;
  }

  it('edits an input, adds a Compose card and removes another card, then saves', async () => {
    await page.getByRole('button', { name: 'Edit flow' }).click();
    await page.getByRole('button', { name: /^Split/ }).click();
    const panel = page.getByRole('region', { name: 'Split' });
    const separator = panel.getByLabel(/^Value of /).first();
    const label = await panel.locator('label', { hasText: /^Value of / }).first().innerText();
    await separator.fill('#');
    await separator.blur();
    await panel.getByLabel('Add a card').selectOption('string:compose');
    await panel.getByRole('button', { name: 'Add card' }).click();
    const compose = page.getByRole('region', { name: 'Compose' });
    await compose.waitFor();
    await compose.getByLabel('Value of _text_').fill('domain checked');
    await compose.getByLabel('Value of _text_').blur();
    await page.getByRole('button', { name: /^Comment/ }).click();
    await page.getByRole('region', { name: 'Comment' }).getByRole('button', { name: 'Remove this card' }).click();
    await screenshot(page, 'flow-edit');
    await page.getByRole('button', { name: 'Save flow' }).click();
    await page.getByText('Flow saved').waitFor();

    const flow = (await server.api('GET', `/api/workflows/v1/flows/${flowId}`)).body;
    const cards = flow.definition.cards as Array<{ type: string; name?: string; inputs?: Array<{ key: string; label?: string; value?: unknown }> }>;
    expect(cards.map((c) => c.type)).not.toContain('control:comment');
    const splitAt = cards.findIndex((c) => c.type === 'string:split');
    expect(cards[splitAt + 1]).toMatchObject({ type: 'string:compose', inputs: [{ key: '_text_', value: 'domain checked' }] });
    const edited = cards[splitAt].inputs!.find((f) => `Value of ${f.label ?? f.key}` === label.trim());
    expect(edited?.value).toBe('#');
  });

  it('refuses values that do not fit a field\'s type at the field, and changes nothing until saved', async () => {
    const before = (await server.api('GET', `/api/workflows/v1/flows/${flowId}`)).body.lastUpdated;
    await page.getByRole('button', { name: 'Edit flow' }).click();
    await page.getByRole('button', { name: /^Return Raw/ }).click();
    const panel = page.getByRole('region', { name: 'Return Raw' });
    for (const [field, text, message] of [['statusCode', 'two hundred', 'is not a number'], ['headers', '{not json', 'JSON']] as const) {
      const input = panel.getByLabel(`Value of ${field}`);
      await input.fill(text);
      await input.blur();
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      const error = await panel.locator(`#${(await input.getAttribute('aria-describedby'))!.split(' ').pop()}`).innerText();
      expect(error).toContain(message);
    }
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('button', { name: 'Edit flow' }).waitFor();
    expect((await server.api('GET', `/api/workflows/v1/flows/${flowId}`)).body.lastUpdated).toBe(before);
  });

  it('exports the flow as a .flopack that imports again as the same flow', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.flopack$/);
    const file = await download.path();
    const json = JSON.parse(fs.readFileSync(file!, 'utf8'));
    expect(json.type).toBe('flopack');
    const again = await server.api('POST', '/api/workflows/v1/import', json);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, replaced: 1 });
  });

  it('lists a Slack card as a placeholder kept for export, and imports the template\'s table', async () => {
    const imported = await server.api('POST', '/api/workflows/v1/import', readTemplate(SLACK_TEMPLATE));
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body.tables).toEqual(['SuspiciousActivityReportedLog']);
    await page.goto(`${server.url}/admin/workflows/flows/${imported.body.flows[0].id}`);
    const placeholders = page.getByRole('note', { name: 'Placeholder cards' });
    expect(await placeholders.innerText()).toContain('Slack — not available in Tollgate; kept for export');
    await expect.poll(() => page.getByRole('region', { name: 'Tables used' }).getByRole('link').allInnerTexts()).toEqual(['SuspiciousActivityReportedLog']);
  });
});
