/**
 * Okta documents more of /api/v1 than Tollgate implements. A documented operation Tollgate lacks is answered
 * with Okta's "Unsupported operation" error (E0000060) and 501, naming the operation, never a 404 that reads
 * as "no such resource". Two ways a request reaches one: no route matches (the not-found handler), or a
 * Tollgate route with a parameter swallowed one of the documented path's fixed segments (GET
 * /api/v1/groups/rules matching /api/v1/groups/:groupId when group rules were missing).
 */
import { OktaError } from '../errors.js';
import { DOCUMENTED_OPERATIONS } from './documented-operations.js';

interface Documented {
  method: string;
  template: string;
  operationId: string;
  segments: Array<string | null>;
}

const isParam = (s: string) => s.startsWith('{') || s.startsWith(':');

function toDocumented([method, template, operationId]: readonly [string, string, string, string]): Documented {
  return { method, template, operationId, segments: template.split('/').map((s) => (isParam(s) ? null : s)) };
}

// Fixed segments before parameters, as Fastify's router prefers them; indexed by the segment after /api/v1/.
const byResource = new Map<string, Documented[]>();
for (const op of DOCUMENTED_OPERATIONS.map(toDocumented)) {
  const key = op.segments[3] ?? '';
  if (!byResource.has(key)) byResource.set(key, []);
  byResource.get(key)!.push(op);
}
for (const list of byResource.values()) {
  list.sort((a, b) => {
    for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
      const d = Number(a.segments[i] === null) - Number(b.segments[i] === null);
      if (d !== 0) return d;
    }
    return 0;
  });
}

/** The documented operation a request names, if any. */
export function documentedOperation(method: string, url: string): Documented | undefined {
  const parts = url.split('?')[0].split('/');
  if (parts[1] !== 'api' || parts[2] !== 'v1') return undefined;
  return byResource.get(parts[3] ?? '')?.find((op) => op.method === method && op.segments.length === parts.length
    && op.segments.every((s, i) => s === null ? parts[i] !== '' : s === parts[i]));
}

/** True when the matched route has a parameter where the documented operation has a fixed segment. */
export function routeShadows(routeUrl: string, op: Documented): boolean {
  const route = routeUrl.split('/');
  return route.length === op.segments.length && route.some((s, i) => isParam(s) && op.segments[i] !== null);
}

export function unsupportedOperation(op: Documented): OktaError {
  return new OktaError(501, 'E0000060', 'Unsupported operation.', [
    { errorSummary: `Tollgate does not implement ${op.operationId} (${op.method} ${op.template})` },
  ]);
}
