import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasTemplates, TEMPLATES_DIR } from './templates.js';

/**
 * Vitest global setup. With the corpus, nothing to do. Without it: under CI that is a failure (CI has the corpus
 * and must run its tests); elsewhere the test workers count what they skip in a file, and the run ends with one
 * line saying how much was skipped and how to run it.
 */
export default function templatesSetup(): (() => void) | undefined {
  if (hasTemplates) return undefined;
  if (process.env.CI === 'true') throw new Error(`CI=true but the Okta template corpus is not at ${TEMPLATES_DIR}: CI must run the template tests`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tollgate-templates-'));
  const log = path.join(dir, 'skipped.tsv');
  writeFileSync(log, '');
  process.env.TOLLGATE_TEMPLATES_SKIP_LOG = log; // inherited by the forked test workers
  return () => {
    const lines = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    rmSync(dir, { recursive: true, force: true });
    const tests = lines.filter((line) => line.startsWith('test\t')).length;
    const suites = lines.length - tests;
    process.stderr.write(`\n⚠ Okta template corpus not found at ${TEMPLATES_DIR}: skipped ${tests} tests and ${suites} test groups that need it. ` +
      'Set TOLLGATE_TEMPLATES_DIR to the folder of Okta .flopack exports (or put it at ../shared/okta-workflows-templates) to run them.\n\n');
  };
}
