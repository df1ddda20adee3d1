// Reads Okta's management OpenAPI spec (reference/okta-data/) into a flat list of operations under /api/v1.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

export const SPEC_PATH = process.env.OKTA_SPEC ?? path.resolve(import.meta.dirname, '../../shared/reference/okta-data/okta-management-openapi.yaml');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function readOperations(file = SPEC_PATH) {
  const spec = yaml.load(fs.readFileSync(file, 'utf8'));
  const ops = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    if (!p.startsWith('/api/v1/')) continue;
    for (const m of METHODS) {
      const op = item[m];
      if (op) ops.push({ method: m.toUpperCase(), path: p, operationId: op.operationId, tag: (op.tags ?? [])[0] ?? '' });
    }
  }
  return ops;
}
