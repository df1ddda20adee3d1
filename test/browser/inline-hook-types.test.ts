/**
 * The console knows inline hook types only from the server (`GET /api/console/v1/inlineHookTypes`): on a
 * server given one more type (test/helpers/example.inline-hook.ts), Chromium's Add form offers it with its
 * description, creates a hook of it, and the hook's page names the type and its failure rule and previews
 * the type's own sample.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInInlineHookTypes } from '../../src/hooks/inline/hook-types.js';
import { factValue } from '../helpers/chromium.js';
import { exampleHookType } from '../helpers/example.inline-hook.js';
import type { HookServer } from '../helpers/hook-server.js';
import type { TestServer } from '../helpers/server.js';
import { signedInConsole, type SignedInConsole } from '../helpers/console.js';

describe('inline hook types in the console', { timeout: 180_000 }, () => {
  let bench: SignedInConsole;
  let server: TestServer;
  let endpoint: HookServer;
  let page: Page;

  beforeAll(async () => {
    bench = await signedInConsole({ server: { inlineHookTypes: [...builtInInlineHookTypes, exampleHookType] } });
    ({ server, endpoint, page } = bench);
  });
  afterAll(async () => {
    await bench?.close();
  });

  it('offers the server\'s types, creates a hook of the added one, and shows its facts and sample', async () => {
    await page.goto(`${server.url}/admin/workflow/inline-hooks/new`);
    const type = page.getByLabel('Type');
    await type.waitFor();
    const options = await type.locator('option').allTextContents();
    expect(options).toEqual([
      ...builtInInlineHookTypes.map((t) => `${t.name} (${t.type})`),
      'Example Transform (com.example.test.transform)',
    ]);
    expect(await type.inputValue()).toBe('com.okta.user.pre-registration');

    await type.selectOption('com.example.test.transform');
    await page.getByText('A test type: may change the greeting a person sees.').waitFor();
    await page.getByLabel(/^Name/).fill('Greeter');
    await page.getByLabel('URL').fill(`${endpoint.url}/greet`);
    await page.getByLabel('Authentication secret').fill('greeting-secret');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Greeter' }).waitFor();
    expect(await factValue(page, 'Type')).toBe('Example Transform com.example.test.transform');
    expect(await factValue(page, 'When it fails')).toBe('Fails open: the process goes on unchanged; never retried');

    const request = page.getByRole('region', { name: 'Preview' }).getByLabel('Request', { exact: true });
    await expect.poll(() => request.inputValue()).toContain('"eventType": "com.example.test.transform"');
    expect(JSON.parse(await request.inputValue()).data.greeting).toBe('Hello');
  });
});
