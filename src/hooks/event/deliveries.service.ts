/**
 * Tollgate's extensions beyond Okta: the delivery log (every attempt), the hook's queue, and redelivery of
 * one delivery, of chosen events, of the dead letters, or of a time range (events that were delivered
 * included; a range is read from the System Log, so it reaches events older than the hook too).
 */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { EventHookDeliveriesTable } from '../../platform/db/tables/event-hooks.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext, LogEvent } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import type { FilterCondition } from './event-hook-input.js';
import { EVENT_HOOK_SINK } from './event-hook-sink.js';
import { eventHookTarget, getEventHook } from './event-hooks.service.js';
import { compileFilter } from './filter/evaluate.js';
import { requeueEvents } from '../../events/events.js';
import type { OutboxStatus } from '../../events/outbox.js';
import type { EventHookDelivery, QueuedEvent, ReplayResult } from './delivery.schema.js';

export type DeliveryJson = EventHookDelivery;
export type QueuedEventJson = QueuedEvent;

/** Redeliveries per call; a larger range must be split. */
export const MAX_REPLAY_EVENTS = 10_000;

function cursor(a: string, b: string): string {
  return Buffer.from(`${a}|${b}`).toString('base64url');
}

function decodeCursor(after: string): [string, string] {
  const [a, b] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (!a || !b) throw errors.validation('after', ['after: Invalid cursor']);
  return [a, b];
}

/** The delivery log of a hook, newest first. */
export async function listDeliveries(
  ctx: AppContext, hookId: string, q: { limit: number; after?: string; outcome?: 'SUCCESS' | 'FAILURE'; eventUuid?: string },
): Promise<{ items: DeliveryJson[]; nextAfter?: string }> {
  await getEventHook(ctx.db, hookId);
  let query = ctx.db.selectFrom('event_hook_deliveries').selectAll().where('hook_id', '=', hookId);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.eventUuid) query = query.where('event_uuids', 'like', `%"${q.eventUuid.replace(/[^A-Za-z0-9-]/g, '')}"%`);
  if (q.after) {
    const [created, id] = decodeCursor(q.after);
    query = query.where((eb) => eb.or([eb('created', '<', created), eb.and([eb('created', '=', created), eb('id', '<', id)])]));
  }
  const rows = await query.orderBy('created', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => toDeliveryJson(ctx, r)),
    nextAfter: more ? cursor(page[page.length - 1].created, page[page.length - 1].id) : undefined,
  };
}

export async function getDelivery(ctx: AppContext, hookId: string, deliveryId: string): Promise<DeliveryJson> {
  await getEventHook(ctx.db, hookId);
  const row = await ctx.db.selectFrom('event_hook_deliveries').selectAll().where('hook_id', '=', hookId).where('id', '=', deliveryId).executeTakeFirst();
  if (!row) throw errors.notFound('EventHookDelivery', deliveryId);
  return toDeliveryJson(ctx, row);
}

function toDeliveryJson(ctx: AppContext, r: Selectable<EventHookDeliveriesTable>): DeliveryJson {
  const base = `${ctx.config.issuer}/api/v1/eventHooks/${r.hook_id}/deliveries`;
  return {
    id: r.id,
    eventHookId: r.hook_id,
    eventId: r.event_id,
    attempt: Number(r.attempt),
    outcome: r.outcome === 'SUCCESS' ? 'SUCCESS' : 'FAILURE',
    statusCode: r.status_code === null ? null : Number(r.status_code),
    latencyMs: Number(r.latency_ms),
    eventCount: Number(r.event_count),
    events: JSON.parse(r.event_uuids) as string[],
    responseExcerpt: r.response_excerpt,
    error: r.error,
    worker: r.worker,
    created: r.created,
    _links: { self: { href: `${base}/${r.id}` }, replay: { href: `${base}/${r.id}/replay`, hints: { allow: ['POST'] } } },
  };
}

/** The hook's queue: events waiting, delivered, given up or dead-lettered, newest first. */
export async function listQueue(
  ctx: AppContext, hookId: string, q: { limit: number; after?: string; status?: OutboxStatus },
): Promise<{ items: QueuedEventJson[]; nextAfter?: string }> {
  await getEventHook(ctx.db, hookId);
  const rows = await ctx.events.outbox.list(EVENT_HOOK_SINK, hookId, { limit: q.limit + 1, status: q.status, after: q.after ? decodeCursor(q.after) : undefined });
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ ...r, nextAttemptAt: r.status === 'PENDING' ? r.nextAttemptAt : null })),
    nextAfter: more ? cursor(page[page.length - 1].published, page[page.length - 1].eventUuid) : undefined,
  };
}

export type ReplayRequest =
  | { kind: 'delivery'; deliveryId: string }
  | { kind: 'events'; eventUuids: string[] }
  | { kind: 'status'; status: 'DEAD_LETTER' | 'FAILED' }
  | { kind: 'range'; since: string; until: string };

/**
 * Queues events for the hook again, as new (attempts from zero). Chosen events (by delivery or by uuid) go
 * as they are; a time range takes the hook's event types and applies its filter. Delivered when the hook is
 * ACTIVE and VERIFIED. Writes `event_hook.updated` with what was queued, so redeliveries are audited.
 */
export async function replay(ctx: AppContext, audit: AuditContext, hookId: string, request: ReplayRequest): Promise<ReplayResult> {
  const hook = await getEventHook(ctx.db, hookId);
  const types = new Set(JSON.parse(hook.events) as string[]);
  let events: Array<{ uuid: string; eventType: string; published: string }>;
  switch (request.kind) {
    case 'delivery': {
      const row = await ctx.db.selectFrom('event_hook_deliveries').select('event_uuids').where('hook_id', '=', hookId).where('id', '=', request.deliveryId).executeTakeFirst();
      if (!row) throw errors.notFound('EventHookDelivery', request.deliveryId);
      events = await logEvents(ctx.db, JSON.parse(row.event_uuids) as string[]);
      break;
    }
    case 'events': {
      const uuids = [...new Set(request.eventUuids)];
      if (uuids.length === 0) throw errors.validation('eventIds', ['eventIds: At least one event id is required']);
      if (uuids.length > MAX_REPLAY_EVENTS) throw errors.validation('eventIds', [`eventIds: At most ${MAX_REPLAY_EVENTS} events per redelivery`]);
      events = await logEvents(ctx.db, uuids);
      const found = new Set(events.map((e) => e.uuid));
      const causes = uuids.filter((u) => !found.has(u)).map((u) => `eventIds: No System Log event ${u}`);
      for (const e of events) if (!types.has(e.eventType)) causes.push(`eventIds: ${e.uuid} is a ${e.eventType} event, which the hook does not subscribe to`);
      if (causes.length > 0) throw errors.validation('eventIds', causes.slice(0, 20));
      break;
    }
    case 'status': {
      const rows = await ctx.events.outbox.list(EVENT_HOOK_SINK, hookId, { status: request.status, limit: MAX_REPLAY_EVENTS, oldestFirst: true });
      events = rows.map((r) => ({ uuid: r.eventUuid, eventType: r.eventType, published: r.published }));
      break;
    }
    case 'range': {
      if (request.since >= request.until) throw errors.validation('since', ['since: since must be earlier than until']);
      const rows = await ctx.db.selectFrom('system_log').select(['uuid', 'event_type', 'published', 'body'])
        .where('published', '>=', request.since).where('published', '<', request.until).where('event_type', 'in', [...types])
        .orderBy('published').limit(MAX_REPLAY_EVENTS + 1).execute();
      if (rows.length > MAX_REPLAY_EVENTS) {
        throw errors.validation('since', [`since: The range holds more than ${MAX_REPLAY_EVENTS} of the hook's events; redeliver a shorter range at a time`]);
      }
      const filters = new Map((hook.filter ? (JSON.parse(hook.filter) as FilterCondition[]) : []).map((f) => [f.event, compileFilter(f.expression)]));
      events = rows
        .filter((r) => filters.get(r.event_type)?.matches(JSON.parse(r.body) as LogEvent) ?? true)
        .map((r) => ({ uuid: r.uuid, eventType: r.event_type, published: r.published }));
      break;
    }
  }
  const queued = await ctx.db.transaction().execute(async (trx) => {
    const n = await requeueEvents(ctx, trx, EVENT_HOOK_SINK, hookId, events);
    await recordEvent(ctx, trx, audit, {
      eventType: 'event_hook.updated', displayMessage: 'Event hook redelivery requested', target: eventHookTarget(hook),
      debugData: { redelivery: request.kind, queued: n },
    });
    return n;
  });
  return { queued };
}

async function logEvents(db: Executor, uuids: string[]): Promise<Array<{ uuid: string; eventType: string; published: string }>> {
  const found: Array<{ uuid: string; eventType: string; published: string }> = [];
  for (let i = 0; i < uuids.length; i += 500) {
    const rows = await db.selectFrom('system_log').select(['uuid', 'event_type', 'published']).where('uuid', 'in', uuids.slice(i, i + 500)).execute();
    found.push(...rows.map((r) => ({ uuid: r.uuid, eventType: r.event_type, published: r.published })));
  }
  return found.sort((a, b) => (a.published < b.published ? -1 : 1));
}
