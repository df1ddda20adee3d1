import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test, TestRunner } from 'vitest';

/**
 * Okta's template exports (125 real `.flopack` files), read in place and never copied into the project. One
 * configured place: `TOLLGATE_TEMPLATES_DIR`, or `../shared/okta-workflows-templates` beside the checkout.
 * Without the corpus, whatever needs it is skipped and counted; test/helpers/templates-setup.ts then says so in
 * one line, and under CI (`CI=true`) a missing corpus fails the run instead.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMPLATES_DIR = path.resolve(ROOT, process.env.TOLLGATE_TEMPLATES_DIR ?? '../shared/okta-workflows-templates');

export const hasTemplates = existsSync(TEMPLATES_DIR) && readdirSync(TEMPLATES_DIR).some((name) => name.endsWith('.flopack'));

const NOTE = 'needs the Okta template corpus (TOLLGATE_TEMPLATES_DIR)';

function countSkip(kind: 'test' | 'suite', name: string): void {
  const log = process.env.TOLLGATE_TEMPLATES_SKIP_LOG;
  if (log) appendFileSync(log, `${kind}\t${name}\n`);
}

/**
 * A `describe` whose set-up reads templates. Without the corpus its body is not run at all (its beforeAll would
 * fail): one skipped test stands in for it.
 */
export function describeWithTemplates(name: string, body: () => void): void;
export function describeWithTemplates(name: string, options: object, body: () => void): void;
export function describeWithTemplates(name: string, ...rest: [() => void] | [object, () => void]): void {
  if (hasTemplates) {
    if (rest.length === 1) describe(name, rest[0]);
    else describe(name, rest[0], rest[1]);
    return;
  }
  countSkip('suite', name);
  describe(name, () => test.skip(NOTE, () => {}));
}

/** Inside a test, skips it (counted) when the corpus is absent; elsewhere, fails with a clear message. */
function requireTemplates(): void {
  if (hasTemplates) return;
  const current = TestRunner.getCurrentTest();
  if (current) {
    countSkip('test', current.name);
    current.context.skip(NOTE);
  }
  throw new Error(`The Okta template corpus is not at ${TEMPLATES_DIR}: put the describe that reads it in describeWithTemplates`);
}

/** The corpus's file names. Without it: inside a test, the test is skipped; at collection, none. */
export function templateFiles(): string[] {
  if (!hasTemplates) {
    if (TestRunner.getCurrentTest()) requireTemplates();
    return [];
  }
  return readdirSync(TEMPLATES_DIR).filter((name) => name.endsWith('.flopack')).sort();
}

export function templatePath(name: string): string {
  requireTemplates();
  return path.join(TEMPLATES_DIR, name.endsWith('.flopack') ? name : `${name}.flopack`);
}

export function readTemplate(name: string): unknown {
  return JSON.parse(readFileSync(templatePath(name), 'utf8')) as unknown;
}
