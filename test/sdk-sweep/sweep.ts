/**
 * Calls every operation of a family through the official Okta Node SDK (methods are named by operationId),
 * filling required parameters from the family's real ids and bodies (placeholders otherwise), and records
 * what each answered. Operations the SDK release lacks are called over HTTP instead.
 */
import { expect } from 'vitest';
import { sdkClient } from '../helpers/okta-sdk.js';
import type { TestServer } from '../helpers/server.js';
import { familyOperations, isUnsupported, probe, type SpecOperation } from './families.js';

export interface SweepOutcome {
  op: SpecOperation;
  via: 'sdk' | 'http';
  ok: boolean;
  status?: number;
  errorCode?: string;
  errorSummary?: string;
  /** Anything that is neither a result nor an Okta error (a SDK parse failure, …). */
  other?: string;
}

export interface SweepInput {
  ids?: Record<string, string>;
  /** The body of an operation whose SDK method names it as required. */
  bodies?: Record<string, unknown>;
  /** Explicit SDK parameters of an operation (an optional body, a query option). */
  params?: Record<string, Record<string, unknown>>;
}

const PLACEHOLDER = 'zzz0probe00000000000';

function sdkMethod(client: Record<string, any>, operationId: string): ((p: object) => Promise<unknown>) | undefined {
  for (const api of Object.values(client)) {
    if (api && typeof api === 'object' && typeof api[operationId] === 'function') return api[operationId].bind(api);
  }
  return undefined;
}

async function settle(value: unknown): Promise<void> {
  if (value && typeof value === 'object' && Symbol.asyncIterator in value) {
    for await (const _ of value as AsyncIterable<unknown>) break;
  }
}

async function callOne(client: Record<string, any>, server: TestServer, op: SpecOperation, input: SweepInput): Promise<SweepOutcome> {
  const method = sdkMethod(client, op.operationId);
  if (!method) {
    const r = await probe(server.url, server.token, { ...op, path: op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => input.ids?.[name] ?? PLACEHOLDER) });
    return { op, via: 'http', ok: r.status < 400, status: r.status, errorCode: r.errorCode };
  }
  const params: Record<string, unknown> = structuredClone(input.params?.[op.operationId] ?? {});
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      await settle(await method(params));
      return { op, via: 'sdk', ok: true };
    } catch (e: any) {
      // Some SDK wrappers read a capitalized key (param.GroupOwner) for the field their error names.
      const key = e?.name === 'RequiredError' && typeof e.field === 'string'
        ? [e.field, e.field[0].toUpperCase() + e.field.slice(1)].find((k: string) => !(k in params)) : undefined;
      if (key) {
        const f = e.field as string;
        params[key] = input.ids?.[f] ?? (/(^id$|Id$|Name$|^name$|^kid$)/.test(f) ? PLACEHOLDER : structuredClone(input.bodies?.[op.operationId] ?? {}));
        continue;
      }
      if (typeof e?.status === 'number' && typeof e?.errorCode === 'string') {
        return { op, via: 'sdk', ok: false, status: e.status, errorCode: e.errorCode, errorSummary: e.errorSummary };
      }
      // The SDK release cannot serialize some bodies (certificate uploads): call the operation over HTTP.
      if (/media types are supported/.test(String(e?.message))) return callOne({}, server, op, input);
      return { op, via: 'sdk', ok: false, other: String(e?.message ?? e) };
    }
  }
  return { op, via: 'sdk', ok: false, other: 'too many required parameters' };
}

/** Every operation of the family, reads and writes before deletes so the real ids stay usable. */
export async function sweepFamily(server: TestServer, family: string, input: SweepInput = {}): Promise<SweepOutcome[]> {
  const client = sdkClient(server) as unknown as Record<string, any>;
  const ops = familyOperations(family);
  // Writes (creates, assignments) then reads, then deactivations, then deletes of sub-resources before parents.
  const order = (o: SpecOperation) => (o.method === 'DELETE' ? 2 : /lifecycle\/(deactivate|suspend|delete)/.test(o.path) ? 1 : o.method === 'GET' ? 0.5 : 0);
  const sorted = [...ops].sort((a, b) => order(a) - order(b) || (order(a) === 2 ? b.path.length - a.path.length : 0));
  const out: SweepOutcome[] = [];
  for (const op of sorted) out.push(await callOne(client, server, op, input));
  return out;
}

/**
 * What every family test checks: each call either worked or answered an Okta error body; a documented
 * operation is never a 404 for its path; 501 E0000060 exactly for the operations Tollgate lacks (the
 * coverage table's "not implemented"); and the operations named in `mustWork` worked.
 */
export async function expectSweep(server: TestServer, outcomes: SweepOutcome[], mustWork: string[] = []): Promise<void> {
  for (const o of outcomes) {
    const name = `${o.op.operationId} (${o.op.method} ${o.op.path}) via ${o.via}: ${JSON.stringify({ ok: o.ok, status: o.status, errorCode: o.errorCode, errorSummary: o.errorSummary, other: o.other })}`;
    expect(o.other, name).toBeUndefined();
    if (o.ok) continue;
    expect(o.errorCode, name).toMatch(/^E\d{7}$/);
    expect(o.errorSummary ?? '', name).not.toMatch(/\(Path\)$/);
    const lacking = isUnsupported(await probe(server.url, server.token, o.op));
    expect(o.status === 501 && o.errorCode === 'E0000060', name).toBe(lacking);
  }
  const worked = new Set(outcomes.filter((o) => o.ok).map((o) => o.op.operationId));
  const failed = outcomes.filter((o) => mustWork.includes(o.op.operationId) && !worked.has(o.op.operationId));
  expect(failed.map((o) => `${o.op.operationId}: ${o.status} ${o.errorCode} ${o.errorSummary}`), 'operations that must work').toEqual([]);
}

export function unsupportedIds(outcomes: SweepOutcome[]): string[] {
  return outcomes.filter((o) => o.status === 501).map((o) => o.op.operationId).sort();
}
