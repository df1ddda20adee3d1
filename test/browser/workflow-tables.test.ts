/**
 * Workflows Tables in the console, over tables imported with Okta templates through the Workflows API: the
 * Tables page (folder, columns, rows), a table's page with a form built from its column types; adding,
 * changing and deleting a row; a value of the wrong type refused at its field with the server's message and
 * nothing changed; the CSV download; paging and clearing the table.
 */
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openConsole, openFromNav, screenshot, type ConsoleSession } from '../helpers/chromium.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { describeWithTemplates, readTemplate } from '../helpers/templates.js';

/** Table "New Employees": First Name, Last Name (Text), Start Date (Date & Time), Account Created (True/False, default false). */
const JIRA_TEMPLATE = 'automate_account_creation_from_jira.flopack';
/** Table "Inactive Users": userId, userName (Text), dateChecked, lastLogin (Date & Time), lastLoginDays (Number). */
const INACTIVE_TEMPLATE = 'identify_inactive_okta_users.flopack';

interface ApiTable { id: string; name: string; folderId: string | null; rowCount: number }
interface ApiRow { id: string; lastUpdated: string; fields: Record<string, unknown> }

describeWithTemplates('Workflows Tables in the console', { timeout: 150_000 }, () => {
  let server: TestServer;
  let admin: ConsoleSession;
  let page: Page;
  const tables: Record<string, ApiTable> = {};
  const folders: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    for (const file of [JIRA_TEMPLATE, INACTIVE_TEMPLATE]) {
      const imported = await server.api('POST', '/api/workflows/v1/import', readTemplate(file));
      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
      for (const flow of imported.body.flows as Array<{ folder?: { id: string; name: string } }>) if (flow.folder) folders[flow.folder.id] = flow.folder.name;
    }
    for (const table of (await server.api('GET', '/api/workflows/v1/tables')).body as ApiTable[]) tables[table.name] = table;
    expect(Object.keys(tables).sort()).toEqual(['Inactive Users', 'New Employees']);
    admin = await openConsole(server);
    page = admin.page;
  });
  afterAll(async () => {
    await admin?.close();
    await server?.close();
  });

  const rowsOf = async (name: string) => (await server.api('GET', `/api/workflows/v1/tables/${tables[name].id}/rows`)).body as ApiRow[];
  /** The data rows of the table's Rows section (the header row left out). */
  const shownRows = (name: string): Locator => page.getByRole('table', { name: `Rows of ${name}` }).locator('tbody tr');
  const cellsOf = async (row: Locator) => (await row.locator('td').allInnerTexts()).slice(0, -1).map((t) => t.trim());

  async function openTable(name: string): Promise<void> {
    await openFromNav(page, 'Tables');
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('lists the imported tables with their folder, typed columns and number of rows', async () => {
    await openFromNav(page, 'Tables');
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    await row('New Employees').waitFor();
    // The folder's name comes from its flows, read beside the tables.
    await expect.poll(async () => (await row('New Employees').locator('td').allInnerTexts()).slice(1, 4)).toEqual([
      folders[tables['New Employees'].folderId!],
      'First Name (Text), Last Name (Text), Start Date (Date & Time), Account Created (True/False)',
      '0',
    ]);
    expect(await row('Inactive Users').innerText()).toContain('lastLoginDays (Number)');
    expect(await page.getByRole('link', { name: 'Tables', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('link', { name: 'Flows', exact: true }).getAttribute('aria-current')).toBeNull();
    await screenshot(page, 'tables-list');
  });

  it('adds a row through a form built from the column types; a column left empty takes its default', async () => {
    await openTable('New Employees');
    expect(await page.getByRole('table', { name: 'Columns of New Employees' }).innerText()).toMatch(/Account Created\s+True\/False\s+false/);
    await page.getByRole('button', { name: 'Add row' }).click();
    const form = page.getByRole('dialog', { name: 'Add row' });
    await form.getByLabel(/^First Name/).fill('Ada');
    await form.getByLabel(/^Last Name/).fill('Lovelace');
    await form.getByLabel(/^Start Date/).fill('2024-05-01');
    expect(await form.getByLabel(/^Account Created/).evaluate((e) => e.tagName)).toBe('SELECT');
    await form.getByRole('button', { name: 'Add row' }).click();
    await page.getByText('Row added').waitFor();
    await expect.poll(() => shownRows('New Employees').count()).toBe(1);
    expect(await cellsOf(shownRows('New Employees').first())).toEqual(['Ada', 'Lovelace', '2024-05-01T00:00:00.000Z', 'false']);
    await expect.poll(() => page.locator('.subtitle').innerText()).toContain('· 1 row');
    const rows = await rowsOf('New Employees');
    expect(rows.map((r) => r.fields)).toEqual([{ 'First Name': 'Ada', 'Last Name': 'Lovelace', 'Start Date': '2024-05-01T00:00:00.000Z', 'Account Created': false }]);
  });

  it('changes a row: only the columns changed are sent', async () => {
    await page.getByRole('button', { name: 'Edit row 1' }).click();
    const form = page.getByRole('dialog', { name: 'Edit row' });
    expect(await form.getByLabel(/^First Name/).inputValue()).toBe('Ada');
    await form.getByLabel(/^Last Name/).fill('King');
    await form.getByLabel(/^Account Created/).selectOption('true');
    await screenshot(page, 'table-row-edit');
    await form.getByRole('button', { name: 'Save row' }).click();
    await page.getByText('Row saved').waitFor();
    expect(await cellsOf(shownRows('New Employees').first())).toEqual(['Ada', 'King', '2024-05-01T00:00:00.000Z', 'true']);
    const [row] = await rowsOf('New Employees');
    expect(row.fields).toEqual({ 'First Name': 'Ada', 'Last Name': 'King', 'Start Date': '2024-05-01T00:00:00.000Z', 'Account Created': true });
  });

  it('refuses a value of the wrong type at its field with the server\'s message, and changes nothing', async () => {
    const [before] = await rowsOf('New Employees');
    await page.getByRole('button', { name: 'Edit row 1' }).click();
    const form = page.getByRole('dialog', { name: 'Edit row' });
    const date = form.getByLabel(/^Start Date/);
    await date.fill('next monday');
    await form.getByLabel(/^First Name/).fill('Grace');
    await form.getByRole('button', { name: 'Save row' }).click();
    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await date.getAttribute('aria-describedby'))!.split(' ').pop()!;
    expect(await form.locator(`#${errorId}`).innerText()).toBe("The column 'Start Date' holds dates (ISO-8601 text)");
    expect((await form.getByRole('alert').innerText()).trim()).toBe('Some fields need attention. See the fields marked below.');
    expect(await form.getByLabel(/^First Name/).getAttribute('aria-invalid')).toBeNull();
    await screenshot(page, 'table-row-invalid');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'hidden' });
    // Nothing was written, not even the valid First Name sent with the bad date.
    expect(await rowsOf('New Employees')).toEqual([before]);
    expect(await cellsOf(shownRows('New Employees').first())).toEqual(['Ada', 'King', '2024-05-01T00:00:00.000Z', 'true']);
  });

  it('downloads the table as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('New Employees.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv).toBe('First Name,Last Name,Start Date,Account Created\r\nAda,King,2024-05-01T00:00:00.000Z,true\r\n');
  });

  it('deletes a row after confirming', async () => {
    await page.getByRole('button', { name: 'Delete row 1' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete row' });
    expect(await confirm.innerText()).toContain('Ada, King');
    await confirm.getByRole('button', { name: 'Delete row' }).click();
    await page.getByText('Row deleted').waitFor();
    await page.getByText('This table has no rows.').waitFor();
    expect(await rowsOf('New Employees')).toEqual([]);
    await expect.poll(() => page.locator('.subtitle').innerText()).toContain('· 0 rows');
  });

  it('shows every field the server refuses when adding a row, and adds nothing', async () => {
    await openTable('Inactive Users');
    await page.getByRole('button', { name: 'Add row' }).click();
    const form = page.getByRole('dialog', { name: 'Add row' });
    await form.getByLabel(/^userName/).fill('ada@example.com');
    await form.getByLabel(/^dateChecked/).fill('yesterday');
    await form.getByLabel(/^lastLoginDays/).fill('twelve');
    await form.getByRole('button', { name: 'Add row' }).click();
    const days = form.getByLabel(/^lastLoginDays/);
    await expect.poll(() => days.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.field-error').allInnerTexts()).toEqual([
      "The column 'dateChecked' holds dates (ISO-8601 text)",
      "The column 'lastLoginDays' holds numbers",
    ]);
    expect(await rowsOf('Inactive Users')).toEqual([]);
    // Corrected, the same form adds the row; the number is sent as a number.
    await form.getByLabel(/^dateChecked/).fill('2024-06-30T12:00:00Z');
    await days.fill('12.5');
    await form.getByRole('button', { name: 'Add row' }).click();
    await page.getByText('Row added').waitFor();
    expect((await rowsOf('Inactive Users')).map((r) => r.fields)).toEqual([
      { userId: null, userName: 'ada@example.com', dateChecked: '2024-06-30T12:00:00.000Z', lastLogin: null, lastLoginDays: 12.5 },
    ]);
  });

  it('pages the rows and clears the table after confirming', async () => {
    const id = tables['Inactive Users'].id;
    for (let i = 1; i <= 59; i++) {
      const added = await server.api('POST', `/api/workflows/v1/tables/${id}/rows`, { fields: { userId: `u${i}`, lastLoginDays: i } });
      expect(added.status).toBe(200);
    }
    await openTable('Inactive Users');
    await expect.poll(() => shownRows('Inactive Users').count()).toBe(50);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => shownRows('Inactive Users').count()).toBe(60);
    expect(await cellsOf(shownRows('Inactive Users').last())).toEqual(['u59', '—', '—', '—', '59']);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Clear table' }).click();
    const confirm = page.getByRole('dialog', { name: 'Clear table' });
    expect(await confirm.innerText()).toContain('Delete all 60 rows of Inactive Users?');
    await confirm.getByRole('button', { name: 'Delete all rows' }).click();
    await page.getByText('Table cleared: 60 rows deleted').waitFor();
    await page.getByText('This table has no rows.').waitFor();
    expect(await rowsOf('Inactive Users')).toEqual([]);
    // The columns stay.
    expect((await server.api('GET', `/api/workflows/v1/tables/${id}`)).body.columns).toHaveLength(5);
  });
});
