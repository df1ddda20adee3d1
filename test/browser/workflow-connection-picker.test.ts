/**
 * Making a Workflows connection in the console and picking it in the flow editor: an API Connector
 * connection with a custom header made on the Connections page (a blank name refused at its field, nothing
 * made), an unbound one shown "not bound" on a Get card with a link to its binding, the bound one picked on
 * the Get card and saved with the flow (its `okta.node.model.config` read back through the API), the flow
 * invoked against a loopback receiver that sees the header, an Okta card offered Okta connections only,
 * and deleting: refused with the server's words while the flow uses the connection, done once unused.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConsole, openFromNav, screenshot, type ConsoleSession } from '../helpers/chromium.js';
import { json, startHookServer, type HookServer } from '../helpers/hook-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { card, createFlow, endpoint, endpointFlow, field, invoke, returnCard, wire, type CreatedFlow } from '../helpers/workflows.js';

const SECRET = 'receiver-key-7f3a91';
const FLOW_NAME = 'Call the receiver';

interface ApiConnection { id: string; name: string; connector: string; bound: boolean; binding: Record<string, unknown> | null; usedBy: Array<{ id: string; name: string }> }
interface ApiCard { id: string; type: string; okta?: { node?: { model?: { config?: unknown } } } }

describe('Making a connection and picking it on a flow\'s card in the console', { timeout: 150_000 }, () => {
  let server: TestServer;
  let remote: HookServer;
  let admin: ConsoleSession;
  let page: Page;
  let flow: CreatedFlow;
  let oktaFlow: CreatedFlow;

  beforeAll(async () => {
    server = await startTestServer();
    remote = await startHookServer((req, res) => json(res, 200, { path: req.url }));
    // An API Endpoint flow whose Get card has no connection yet; it answers with what the receiver said.
    flow = await createFlow(server, endpointFlow(FLOW_NAME, {
      securityLevel: 'open',
      cards: [
        endpoint(),
        card('get', 'httpfunctions:get', {
          name: 'Get',
          inputs: [field('getUrl', 'URL', 'string', { group: 'Request', value: `${remote.url}/hello` })],
          outputs: [field('getBody', 'Body', 'object', { group: 'Response' })],
        }),
        returnCard('answer', [{ id: 'seen', key: 'seen', type: 'object' }]),
      ],
      wires: [wire('get.getBody', 'answer.seen')],
    }));
    // An inactive flow with an Okta card, for the Okta side of the picker.
    oktaFlow = await createFlow(server, endpointFlow('Read a user', {
      cards: [endpoint(), card('read', 'okta:readUser', { name: 'Read User', inputs: [field('readId', 'ID or Login', 'string', { group: 'User', value: 'admin@localhost' })] })],
    }), false);
    for (const c of [{ name: 'This org', connector: 'okta', binding: { auth: 'this-org' } }, { name: 'Other API', connector: 'httpfunctions', binding: { auth: 'none' } }]) {
      expect((await server.api('POST', '/api/workflows/v1/connections', c)).status).toBe(200);
    }
    admin = await openConsole(server);
    page = admin.page;
  });
  afterAll(async () => {
    await admin?.close();
    await remote?.close();
    await server?.close();
  });

  const connections = async () => (await server.api('GET', '/api/workflows/v1/connections?limit=200')).body as ApiConnection[];
  const byName = async (name: string) => (await connections()).find((c) => c.name === name);
  const row = (name: string): Locator => page.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
  const storedCard = async (flowId: string, cardId: string) => ((await server.api('GET', `/api/workflows/v1/flows/${flowId}`)).body.definition.cards as ApiCard[]).find((c) => c.id === cardId)!;

  it('makes an API Connector connection with a custom header; a blank name is refused at its field', async () => {
    await openFromNav(page, 'Connections');
    await page.getByRole('button', { name: 'New connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'New connection' });
    expect(await dialog.getByLabel('Connector').locator('option').allInnerTexts()).toEqual(['Okta (this org)', 'API Connector']);
    await dialog.getByLabel('Auth').selectOption({ label: 'Custom header' });
    await dialog.getByLabel('Header name').fill('X-Receiver-Key');
    await dialog.getByLabel('Header value').fill(SECRET);
    await dialog.getByRole('button', { name: 'Create connection' }).click();
    const name = dialog.getByLabel(/^Name/);
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.locator('.field-error').allInnerTexts()).toEqual(['A connection needs a name']);
    expect(await connections()).toHaveLength(2);

    await name.fill('Receiver');
    await dialog.getByRole('button', { name: 'Create connection' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Connection "Receiver" created').waitFor();
    expect((await row('Receiver').locator('td').allInnerTexts()).map((t) => t.trim().toLowerCase()).slice(1, 4))
      .toEqual(['api connector', 'bound: custom header x-receiver-key', 'no flow']);
    expect(await byName('Receiver')).toMatchObject({ connector: 'httpfunctions', binding: { auth: 'header', name: 'X-Receiver-Key', valueSet: true } });
    expect(await page.content()).not.toContain(SECRET);
  });

  it('makes an API Connector connection to bind later', async () => {
    await page.getByRole('button', { name: 'New connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'New connection' });
    await dialog.getByLabel(/^Name/).fill('Later');
    await dialog.getByLabel('Auth').selectOption({ label: 'Bind later (not bound)' });
    expect(await dialog.getByLabel('Header name').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Create connection' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await byName('Later')).toMatchObject({ connector: 'httpfunctions', bound: false, binding: null });
    expect((await row('Later').locator('td').nth(2).innerText()).trim().toLowerCase()).toBe('not bound');
  });

  it('shows an unbound connection on the Get card as not bound, with a link to bind it', async () => {
    await page.goto(`${server.url}/admin/workflows/flows/${flow.id}`);
    await page.getByRole('heading', { level: 1, name: FLOW_NAME }).waitFor();
    await page.locator('.card-list').getByRole('button', { name: /^Get/ }).click();
    const panel = page.getByRole('region', { name: 'Get' });
    expect(await panel.innerText()).toContain('None: the request is sent without a connection\'s auth.');

    await page.getByRole('button', { name: 'Edit flow' }).click();
    const picker = panel.getByLabel('API Connector connection');
    // API Connector connections only, and None.
    expect(await picker.locator('option').allInnerTexts()).toEqual(['None', 'Later (not bound)', 'Other API', 'Receiver']);
    const later = (await byName('Later'))!;
    await picker.selectOption({ label: 'Later (not bound)' });
    expect((await panel.locator('.badge').innerText()).toLowerCase()).toBe('not bound');
    const bind = panel.getByRole('link', { name: /^Bind Later/ });
    expect(await bind.getAttribute('href')).toBe(`/admin/workflows/connections?bind=${later.id}`);
    await screenshot(page, 'card-connection-not-bound');

    // The link opens that connection's binding.
    const [tab] = await Promise.all([admin.context.waitForEvent('page'), bind.click()]);
    await tab.getByRole('dialog', { name: 'Bind Later' }).waitFor();
    await tab.close();
  });

  it('picks the bound connection on the Get card; saving the flow stores it in the card\'s config', async () => {
    const panel = page.getByRole('region', { name: 'Get' });
    const receiver = (await byName('Receiver'))!;
    await panel.getByLabel('API Connector connection').selectOption({ label: 'Receiver' });
    expect((await panel.locator('.badge').innerText()).toLowerCase()).toBe('bound');
    // Nothing is stored before the flow is saved.
    expect((await storedCard(flow.id, 'get')).okta?.node?.model?.config).toBeUndefined();
    await page.getByRole('button', { name: 'Save flow' }).click();
    await page.getByText('Flow saved').waitFor();

    expect((await storedCard(flow.id, 'get')).okta?.node?.model?.config).toBe(receiver.id);
    expect((await byName('Receiver'))!.usedBy.map((f) => f.name)).toEqual([FLOW_NAME]);
    await page.locator('.card-list').getByRole('button', { name: /^Get/ }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Get' }).locator('.card-connection').innerText()).toMatch(/Receiver\s+Bound/i);
  });

  it('the saved flow sends the connection\'s header to the receiver', async () => {
    const answer = await invoke(flow.invokeUrl);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toEqual({ seen: { path: '/hello' } });
    expect(remote.requests).toHaveLength(1);
    expect(remote.requests[0].headers['x-receiver-key']).toBe(SECRET);
  });

  it('an Okta card is offered the Okta connections only', async () => {
    await page.goto(`${server.url}/admin/workflows/flows/${oktaFlow.id}`);
    await page.getByRole('heading', { level: 1, name: 'Read a user' }).waitFor();
    await page.getByRole('button', { name: 'Edit flow' }).click();
    await page.locator('.card-list').getByRole('button', { name: /^Read User/ }).click();
    const picker = page.getByRole('region', { name: 'Read User' }).getByLabel('Okta connection');
    expect(await picker.locator('option').allInnerTexts()).toEqual(['None', 'This org']);
    await picker.selectOption({ label: 'This org' });
    await page.getByRole('button', { name: 'Save flow' }).click();
    await page.getByText('Flow saved').waitFor();
    expect((await storedCard(oktaFlow.id, 'read')).okta?.node?.model?.config).toBe((await byName('This org'))!.id);
  });

  it('refuses to delete a connection a flow uses, in the server\'s words; deletes an unused one', async () => {
    await openFromNav(page, 'Connections');
    await row('Receiver').getByRole('button', { name: 'Delete Receiver' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete connection' });
    expect(await confirm.innerText()).toContain(`Flows use it: ${FLOW_NAME}.`);
    await confirm.getByRole('button', { name: 'Delete connection' }).click();
    const refusal = confirm.getByRole('alert');
    await refusal.waitFor();
    expect((await refusal.innerText()).trim())
      .toBe(`The connection 'Receiver' is used by the flow '${FLOW_NAME}'; delete those flows or change their cards first`);
    await screenshot(page, 'connection-delete-refused');
    expect(await byName('Receiver')).toBeDefined();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });

    await row('Later').getByRole('button', { name: 'Delete Later' }).click();
    await confirm.getByRole('button', { name: 'Delete connection' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText('Connection "Later" deleted').waitFor();
    expect(await byName('Later')).toBeUndefined();
    expect(await row('Later').count()).toBe(0);
  });
});
