/**
 * The console's identity pages in Chromium: forms show the API's errors at their fields and change
 * nothing, lists page, lifecycle actions work, dialogs close with Escape, and the console fits a phone.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factValue, newContext, openFromNav, screenshot, signInToConsole, type ConsoleSession } from '../helpers/chromium.js';
import { json, type HookServer } from '../helpers/hook-server.js';
import type { TestServer } from '../helpers/server.js';
import { signedInConsole, type SignedInConsole } from '../helpers/console.js';

/** The error shown at a form field: the element its aria-describedby names last. */
async function errorAt(scope: Page | Locator, input: Locator): Promise<string> {
  await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
  const ids = (await input.getAttribute('aria-describedby'))!.split(' ');
  return scope.locator(`[id="${ids[ids.length - 1]}"]`).innerText();
}

describe('console pages', { timeout: 180_000 }, () => {
  let bench: SignedInConsole;
  let server: TestServer;
  let endpoint: HookServer;
  let admin: ConsoleSession;
  let page: Page;

  beforeAll(async () => {
    bench = await signedInConsole({ hook: (_req, res) => json(res, 200, { commands: [] }) });
    ({ server, endpoint, admin, page } = bench);
  });
  afterAll(async () => {
    await bench?.close();
  });

  it('Inline Hooks: shows the API\'s errors at the fields and creates nothing', async () => {
    await openFromNav(page, 'Inline Hooks');
    await page.getByRole('link', { name: 'Add Inline Hook' }).click();
    await page.getByLabel('URL').fill('http://hooks.example.com/registration');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabel('Header 1 name').fill('Host');
    await page.getByLabel('Header 1 value').fill('x');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await errorAt(page, page.getByLabel(/^Name/))).toContain('cannot be left blank');
    expect(await errorAt(page, page.getByLabel('URL'))).toMatch(/https/i);
    expect(await errorAt(page, page.getByLabel('Authentication secret'))).toContain('cannot be left blank');
    expect(await errorAt(page, page.getByLabel('Header 1 name'))).toContain('reserved');
    await screenshot(page, 'inline-hook-form-errors');
    expect((await server.api('GET', '/api/v1/inlineHooks')).body).toEqual([]);
  });

  it('Inline Hooks: adds, edits without re-typing the secret, deactivates and deletes a hook', async () => {
    await page.getByLabel(/^Name/).fill('Audit');
    await page.getByLabel('URL').fill(`${endpoint.url}/hook`);
    await page.getByLabel('Authentication secret').fill('first-secret');
    await page.getByLabel('Header 1 name').fill('X-Team');
    await page.getByLabel('Header 1 value').fill('identity');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit' }).waitFor();
    const id = page.url().split('/').pop()!;
    expect(await factValue(page, 'Custom headers')).toBe('X-Team: identity');

    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    expect(await page.getByLabel('Authentication secret').inputValue()).toBe('');
    await page.getByLabel(/^Name/).fill('Audit hook');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit hook' }).waitFor();
    const executed = await server.api('POST', `/api/v1/inlineHooks/${id}/execute`, { eventId: 'console', data: {} });
    expect(executed.status).toBe(200);
    expect(endpoint.requests.at(-1)!.headers.authorization).toBe('first-secret');

    await page.getByRole('button', { name: 'Deactivate' }).click();
    await page.getByRole('button', { name: 'Activate' }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete inline hook' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await server.api('GET', `/api/v1/inlineHooks/${id}`)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inline Hooks' }).waitFor();
    expect((await server.api('GET', `/api/v1/inlineHooks/${id}`)).status).toBe(404);
  });

  it('People: pages a long list and searches it', async () => {
    for (let i = 0; i < 27; i++) {
      const n = String(i).padStart(2, '0');
      const res = await server.api('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Pat', lastName: `Number${n}`, email: `pat${n}@example.com`, login: `pat${n}@example.com` } });
      expect(res.status).toBe(200);
    }
    await openFromNav(page, 'People');
    const rows = page.getByRole('table', { name: 'People' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(25);
    await page.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => rows.count()).toBe(28);
    expect(await page.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    await page.getByLabel('Search').fill('pat1');
    await expect.poll(() => rows.count()).toBe(10);
    await page.getByLabel('Status').selectOption('ACTIVE');
    await expect.poll(() => page.getByText('Nobody matches this search.').count()).toBe(1);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Search').fill('');
    await screenshot(page, 'people');
  });

  it('People: refuses a taken username at its field, adds a person and runs lifecycle actions', async () => {
    await page.goto(`${server.url}/admin/people/new`);
    await page.getByLabel('First name').fill('Ada');
    await page.getByLabel('Last name').fill('Lovelace');
    await page.getByLabel('Username').fill('admin@localhost');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await errorAt(page, page.getByLabel('Username'))).toContain('already exists');
    await page.getByLabel('Username').fill('ada@example.com');
    await page.getByLabel('Password').fill('Sunny-Day-42');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Ada Lovelace' }).waitFor();
    expect(await factValue(page, 'Status')).toBe('ACTIVE');
    await page.getByRole('button', { name: 'Suspend' }).click();
    await expect.poll(() => factValue(page, 'Status')).toBe('SUSPENDED');
    await page.getByRole('button', { name: 'Unsuspend' }).click();
    await expect.poll(() => factValue(page, 'Status')).toBe('ACTIVE');

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Primary email').fill('not an email');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await errorAt(page, page.getByLabel('Primary email'))).toBeTruthy();
    await page.getByLabel('Primary email').fill('ada@example.com');
    await page.getByLabel('Title').fill('Countess');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Profile saved').waitFor();
    expect((await server.api('GET', '/api/v1/users/ada@example.com')).body.profile.title).toBe('Countess');
    await screenshot(page, 'person');
  });

  it('Groups: adds a group, adds and removes a member', async () => {
    await openFromNav(page, 'Groups');
    await page.getByRole('button', { name: 'Add group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add group' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await errorAt(dialog, dialog.getByLabel('Name'))).toContain('blank');
    await dialog.getByLabel('Name').fill('Contractors');
    await dialog.getByLabel('Description').fill('People from atko.email');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contractors' }).waitFor();
    await page.getByLabel('Add people').fill('ada');
    await page.getByRole('button', { name: 'Add Ada Lovelace' }).click();
    const members = page.getByRole('table', { name: 'Members' });
    await expect.poll(() => members.innerText()).toContain('ada@example.com');
    await screenshot(page, 'group');
    await page.getByRole('button', { name: 'Remove Ada Lovelace from the group' }).click();
    await page.getByText('No people in this group.').waitFor();
  });

  it('Profile Editor: refuses a bad variable name at its field, adds and removes a custom attribute', async () => {
    await openFromNav(page, 'Profile Editor');
    await page.getByRole('main').getByRole('link', { name: 'User', exact: true }).click();
    await page.getByRole('button', { name: 'Add attribute' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add attribute' });
    await dialog.getByLabel('Display name').fill('Cost code');
    await dialog.getByLabel('Variable name').fill('cost code');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect(await errorAt(dialog, dialog.getByLabel('Variable name'))).toContain('letters, digits and underscores');
    await dialog.getByLabel('Variable name').fill('costCode');
    await dialog.getByLabel('Maximum length').fill('12');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const attributes = page.getByRole('table', { name: /Profile attributes/ });
    await expect.poll(() => attributes.innerText()).toContain('costCode');
    expect((await server.api('GET', '/api/v1/meta/schemas/user/default')).body.definitions.custom.properties.costCode).toMatchObject({ title: 'Cost code', maxLength: 12 });
    await screenshot(page, 'profile-editor');
    await page.getByRole('button', { name: 'Remove attribute costCode' }).click();
    await page.getByRole('dialog', { name: 'Remove attribute' }).getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => attributes.innerText()).not.toContain('costCode');
  });

  it('System Log: shows a bad filter\'s error at the filter field', async () => {
    await openFromNav(page, 'System Log');
    await page.getByLabel('Filter').fill('eventType eq');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    expect(await errorAt(page, page.getByLabel('Filter'))).toBeTruthy();
    await page.getByLabel('Filter').fill('eventType eq "user.lifecycle.suspend"');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const events = page.getByRole('table', { name: /Events/ });
    await expect.poll(() => events.innerText()).toContain('Ada Lovelace');
  });

  it('fits a phone: the menu folds behind a button and opens with the keyboard', async () => {
    const phone = await newContext(admin.browser, { phone: true });
    const small = await phone.newPage();
    await signInToConsole(small, server.url, 'admin@localhost', server.adminPassword);
    const nav = small.getByRole('navigation', { name: 'Admin Console' });
    expect(await nav.isVisible()).toBe(false);
    const menu = small.getByRole('button', { name: 'Menu' });
    await menu.focus();
    await small.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Inline Hooks' }).click();
    await small.getByRole('heading', { level: 1, name: 'Inline Hooks' }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    expect(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(small, 'console-phone');
    await phone.close();
  });
});
