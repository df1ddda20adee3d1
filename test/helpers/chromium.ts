import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core, for the browser tests. No browser download: the binary is
 * `/usr/bin/chromium` (installed by .ci/run), or CHROMIUM_PATH. Each launch gets a fresh profile: playwright
 * passes `--user-data-dir=<new temp dir>` itself (and refuses one of ours), and removes it on close.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a headless Chromium run as root in a container, with nothing phoning home. */
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Where screenshots go (test-results/ is ignored by git and kept by CI). */
export const SCREENSHOT_DIR = path.resolve('test-results', 'screenshots');

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<LaunchedBrowser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // playwright-core adds some of these itself too; repeating a flag is harmless.
    args: FLAGS,
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/** A fresh context (its own cookies) at a desktop size, or a phone's. */
export async function newContext(browser: Browser, options: { phone?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options.phone
    ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true }
    : { viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  // Pages answer in milliseconds here; a missing element should fail the test soon, with its name.
  context.setDefaultTimeout(10_000);
  return context;
}

/** Writes a full-page screenshot to test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // From the top, so that the sticky header is drawn once, where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Builds the console when console/dist is missing or older than its sources (npm test does it too). */
export function ensureConsoleBuilt(): void {
  const result = spawnSync(process.execPath, [path.resolve('console', 'build-if-stale.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the console failed');
}

/** Signs in on the hosted page and lands in the console. */
export async function signInToConsole(page: Page, baseUrl: string, login: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.getByLabel('Username').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/admin`);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
}

/** A Chromium with one desktop page signed in to a server's console as its first admin. */
export interface ConsoleSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Closes the browser (with its contexts and pages). */
  close(): Promise<void>;
}

/** Builds the console if stale, launches Chromium and signs `admin@localhost` in to the console at `server.url`. */
export async function openConsole(server: { url: string; adminPassword: string }): Promise<ConsoleSession> {
  ensureConsoleBuilt();
  const chromium = await launchChromium();
  try {
    const context = await newContext(chromium.browser);
    const page = await context.newPage();
    await signInToConsole(page, server.url, 'admin@localhost', server.adminPassword);
    return { browser: chromium.browser, context, page, close: () => chromium.close() };
  } catch (error) {
    await chromium.close();
    throw error;
  }
}

/** The value of a fact on a console page (`<dt>label</dt><dd>value</dd>`). */
export function fact(page: Page, label: string): Locator {
  return page.locator('dl.facts > div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
}

/** The text of a fact; `mono` reads only its monospaced value (URLs, ids, tokens), not the buttons beside it. */
export async function factValue(page: Page, label: string, options: { mono?: boolean } = {}): Promise<string> {
  const dd = fact(page, label);
  return (await (options.mono ? dd.locator('.mono').first() : dd).innerText()).trim();
}

/** Follows a link of the console's main navigation. */
export async function openFromNav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Admin Console' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}
