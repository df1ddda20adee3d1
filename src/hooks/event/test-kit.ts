/**
 * Helpers for event hook tests: a receiver that answers Okta's verification GET and records deliveries, a
 * verified hook in one call, and waiting for what the delivery worker does (no timing assertions).
 */
import type http from 'node:http';
import { json, startHookServer, type HookServer, type RecordedRequest } from '../../../test/helpers/hook-server.js';
import type { TestServer } from '../../../test/helpers/server.js';

export type DeliveryHandler = (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;

export interface Receiver extends HookServer {
  /** The POSTs received (verification GETs left out). */
  deliveries(): RecordedRequest[];
  /** Every LogEvent received, in order of arrival (duplicates included). */
  events(): any[];
  /** Replace what deliveries are answered with (verification keeps working). */
  onDelivery(handler: DeliveryHandler): void;
}

/** A receiver on loopback: answers the verification challenge, and deliveries with 200 unless told otherwise. */
export async function startReceiver(onDelivery: DeliveryHandler = (_req, res) => { res.writeHead(200).end(); }): Promise<Receiver> {
  let handler = onDelivery;
  const server = await startHookServer(async (req, res) => {
    if (req.method === 'GET') {
      const challenge = req.headers['x-okta-verification-challenge'];
      return json(res, 200, { verification: challenge });
    }
    await handler(req, res);
  });
  const deliveries = () => server.requests.filter((r) => r.method === 'POST');
  return {
    ...server,
    deliveries,
    events: () => deliveries().flatMap((r) => (r.body?.data?.events ?? []) as any[]),
    onDelivery(h) { handler = h; },
  };
}

/** An EventHook create body for `url`. */
export function hookBody(url: string, items: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Test event hook',
    events: { type: 'EVENT_TYPE', items },
    channel: {
      type: 'HTTP', version: '1.0.0',
      config: { uri: url, headers: [{ key: 'X-Other-Header', value: 'other-value' }], authScheme: { type: 'HEADER', key: 'Authorization', value: 'hook-secret' } },
    },
    ...extra,
  };
}

/** Creates and verifies a hook (ACTIVE and VERIFIED); returns its JSON. */
export async function verifiedHook(server: TestServer, body: Record<string, unknown>): Promise<any> {
  const created = await server.api('POST', '/api/v1/eventHooks', body);
  if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
  const verified = await server.api('POST', `/api/v1/eventHooks/${created.body.id}/lifecycle/verify`);
  if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
  return verified.body;
}

/** Waits until `check` returns a truthy value (checked every 25 ms), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Creates a group through the API: one `group.lifecycle.create` event. Returns the group id. */
export async function createGroup(server: TestServer, name: string): Promise<string> {
  const res = await server.api('POST', '/api/v1/groups', { profile: { name, description: `${name} group` } });
  if (res.status !== 200) throw new Error(`group create failed: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The number of outbox rows of a hook in each state. */
export async function queueCounts(server: TestServer, hookId: string): Promise<Record<string, number>> {
  const rows = await server.ctx.db.selectFrom('event_outbox').select(['status']).where('target_id', '=', hookId).execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}
