import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The console imports the types of the routes' response schemas (`*.schema.ts` beside each slice) with
 * `import type`, so its own type check reads those files: each imports only TypeBox, the schema kit and
 * other schema files, never server code.
 */
const root = path.resolve(import.meta.dirname, '..', 'src');

function schemaFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return schemaFiles(file);
    return entry.name.endsWith('.schema.ts') ? [file] : [];
  });
}

describe('response schema files', () => {
  it('import only TypeBox, the schema kit and other schema files', () => {
    // The flow format's schema validates flows, no answer; it is not read by the console.
    const files = schemaFiles(root).filter((file) => path.relative(root, file) !== path.join('workflows', 'model', 'flow.schema.ts'));
    expect(files.length).toBeGreaterThan(10);
    const wrong: string[] = [];
    for (const file of files) {
      for (const [, from] of fs.readFileSync(file, 'utf8').matchAll(/^import [^;]*? from '([^']+)';$/gm)) {
        if (from === '@sinclair/typebox' || from.endsWith('.schema.js') || from.endsWith('/platform/schema-kit.js')) continue;
        wrong.push(`${path.relative(root, file)} imports ${from}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('are what console/src/api/types.ts re-exports from', () => {
    const types = fs.readFileSync(path.resolve(root, '..', 'console', 'src', 'api', 'types.ts'), 'utf8');
    for (const [, from] of types.matchAll(/from '\.\.\/\.\.\/\.\.\/src\/([^']+)'/g)) {
      expect(fs.existsSync(path.join(root, from.replace(/\.js$/, '.ts'))), from).toBe(true);
    }
    expect(types).not.toMatch(/^export (interface|type \w+ =)/m);
  });
});
