/**
 * Making and deleting Workflows tables in the console: the New table form (name, description, a folder of
 * the flows here, typed columns with defaults, column rows added and removed), the server's causes shown at
 * their fields with nothing created, a row added to the new table, the table deleted after confirming, and
 * the confirmation naming the flows that use a table.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConsole, openFromNav, screenshot, type ConsoleSession } from '../helpers/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeWithTemplates, readTemplate } from '../helpers/templates.js';

/** Table "New Employees", used by the template's flows, in the template's folder. */
const JIRA_TEMPLATE = 'automate_account_creation_from_jira.flopack';

interface ApiTable { id: string; name: string; description: string | null; folderId: string | null; columns: Array<{ name: string; type: string; default: string | null }>; rowCount: number }

describeWithTemplates('Making and deleting Workflows tables in the console', { timeout: 150_000 }, () => {
  let server: TestServer;
  let admin: ConsoleSession;
  let page: Page;
  let folder: { id: string; name: string };
  let created: ApiTable;

  beforeAll(async () => {
    server = await startTestServer();
    const imported = await server.api('POST', '/api/workflows/v1/import', readTemplate(JIRA_TEMPLATE));
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    folder = (imported.body.flows as Array<{ folder: { id: string; name: string } }>)[0].folder;
    expect(folder?.name).toBeTruthy();
    admin = await openConsole(server);
    page = admin.page;
  });
  afterAll(async () => {
    await admin?.close();
    await server?.close();
  });

  const tables = async () => (await server.api('GET', '/api/workflows/v1/tables')).body as ApiTable[];

  it('shows the server\'s causes at the fields they name, and creates nothing', async () => {
    await openFromNav(page, 'Tables');
    await page.getByRole('button', { name: 'New table' }).click();
    const form = page.getByRole('dialog', { name: 'New table' });
    await form.getByLabel(/^Name/).fill('Badges');
    await form.getByRole('button', { name: 'Add column' }).click();
    await form.getByLabel('Column 2 name').fill('Level');
    await form.getByLabel('Column 2 type').selectOption({ label: 'Number' });
    await form.getByLabel('Column 2 default').fill('high');
    await form.getByRole('button', { name: 'Create table' }).click();
    const firstName = form.getByLabel('Column 1 name');
    await expect.poll(() => firstName.getAttribute('aria-invalid')).toBe('true');
    const errorAt = async (label: string) => {
      const input = form.getByLabel(label);
      return form.locator(`#${(await input.getAttribute('aria-describedby'))!.split(' ').pop()}`).innerText();
    };
    expect(await errorAt('Column 1 name')).toBe('A column needs a name');
    expect(await errorAt('Column 2 default')).toBe("'high' is not a value of type dec");
    expect(await form.getByLabel(/^Name/).getAttribute('aria-invalid')).toBeNull();
    expect((await form.getByRole('alert').innerText()).trim()).toBe('Some fields need attention. See the fields marked below.');
    await screenshot(page, 'table-create-invalid');
    expect(await tables()).toHaveLength(1);
  });

  it('creates a table with two typed columns in a folder of the flows; a column row added then removed is not sent', async () => {
    const form = page.getByRole('dialog', { name: 'New table' });
    await form.getByLabel('Description').fill('Badges earned');
    await form.getByLabel('Folder').selectOption({ label: folder.name });
    await form.getByLabel('Column 1 name').fill('Badge');
    await form.getByLabel('Column 2 default').fill('1');
    await form.getByRole('button', { name: 'Add column' }).click();
    await form.getByLabel('Column 3 name').fill('Scrap');
    await form.getByLabel('Column 3 type').selectOption({ label: 'True/False' });
    expect(await form.getByLabel('Column 3 default').evaluate((e) => e.tagName)).toBe('SELECT');
    await form.getByRole('button', { name: 'Remove column 3' }).click();
    expect(await form.getByLabel('Column 3 name').count()).toBe(0);
    await form.getByRole('button', { name: 'Create table' }).click();
    await page.getByRole('heading', { level: 1, name: 'Badges' }).waitFor();
    await page.getByText('Table "Badges" created').waitFor();

    created = (await tables()).find((t) => t.name === 'Badges')!;
    expect(created).toMatchObject({ description: 'Badges earned', folderId: folder.id, rowCount: 0 });
    // No default is stored as Okta's table JSON holds it ('' or null).
    expect(created.columns.map((c) => [c.name, c.type, c.default || null])).toEqual([['Badge', 'str', null], ['Level', 'dec', '1']]);
    expect(await page.locator('.subtitle').innerText()).toContain(folder.name);
    expect(await page.getByRole('table', { name: 'Columns of Badges' }).innerText()).toMatch(/Level\s+Number\s+1/);
  });

  it('adds a row to the new table; the column left empty takes its default', async () => {
    await page.getByRole('button', { name: 'Add row' }).click();
    const form = page.getByRole('dialog', { name: 'Add row' });
    await form.getByLabel(/^Badge/).fill('Gold');
    await form.getByRole('button', { name: 'Add row' }).click();
    await page.getByText('Row added').waitFor();
    const rows = (await server.api('GET', `/api/workflows/v1/tables/${created.id}/rows`)).body as Array<{ fields: Record<string, unknown> }>;
    expect(rows.map((r) => r.fields)).toEqual([{ Badge: 'Gold', Level: 1 }]);
    expect(await page.getByRole('table', { name: 'Rows of Badges' }).locator('tbody tr').first().locator('td').first().innerText()).toBe('Gold');
  });

  it('deletes the table after confirming', async () => {
    await page.getByRole('button', { name: 'Delete table' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete table' });
    expect(await confirm.innerText()).toContain('Delete the table Badges with its 1 row?');
    expect(await confirm.locator('.notice').count()).toBe(0);
    await confirm.getByRole('button', { name: 'Delete table' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tables' }).waitFor();
    await page.getByText('Table "Badges" deleted').waitFor();
    expect((await server.api('GET', `/api/workflows/v1/tables/${created.id}`)).status).toBe(404);
    expect((await tables()).map((t) => t.name)).toEqual(['New Employees']);
    expect(await page.getByRole('link', { name: 'Badges', exact: true }).count()).toBe(0);
  });

  it('names the flows that use a table before deleting it; Cancel keeps it', async () => {
    const [employees] = await tables();
    // The flows whose Tables cards name the table (their `stash` input holds its id).
    const flows = ((await server.api('GET', '/api/workflows/v1/flows?limit=200')).body as Array<{ name: string; definition: unknown }>)
      .filter((f) => JSON.stringify(f.definition).includes(`"value":"${employees.id}"`));
    expect(flows.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'New Employees', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'New Employees' }).waitFor();
    await page.getByRole('button', { name: 'Delete table' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete table' });
    const warning = confirm.locator('.notice');
    await warning.waitFor();
    for (const flow of flows) expect(await warning.innerText()).toContain(flow.name);
    await screenshot(page, 'table-delete-used');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await tables()).map((t) => t.name)).toEqual(['New Employees']);
  });
});
