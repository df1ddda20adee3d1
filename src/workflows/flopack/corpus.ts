import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Okta's 125 template exports, read in place (they are never copied into the project). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../../shared/okta-workflows-templates/', import.meta.url));

export function templateFiles(): string[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((name) => name.endsWith('.flopack'))
    .sort();
}

export function readTemplate(name: string): unknown {
  const file = name.endsWith('.flopack') ? name : `${name}.flopack`;
  return JSON.parse(readFileSync(`${TEMPLATES_DIR}${file}`, 'utf8')) as unknown;
}
