/**
 * The transactional outbox (`event_outbox`): written in the transaction that writes the event, claimed by
 * delivery workers with a lease, and updated with the outcome of each batch.
 *
 * Claims are one UPDATE … WHERE id IN (SELECT … LIMIT n) per target: on PostgreSQL the inner SELECT takes
 * `FOR UPDATE SKIP LOCKED`, so concurrent workers of any instance claim disjoint rows; on SQLite the single
 * statement runs under the database's one writer lock. A claim carries a token and a lease: a worker that dies
 * mid-delivery leaves rows whose lease runs out, and any worker claims them again (at-least-once).
 */
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Trx } from '../../platform/db/index.js';
import { newUuid } from '../../platform/ids.js';
import type { LogEvent } from '../../identity/system-log/log-event.js';
import { eventSinks, type BatchOutcome, type OutboxItem, type WriteHints } from './event-sinks.js';

export type OutboxStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'DEAD_LETTER';

/** Called for every System Log event, in the writer's transaction: one outbox row per interested target. */
export async function enqueueEvent(ctx: AppContext, db: Executor, event: LogEvent, hints: WriteHints = {}): Promise<void> {
  const rows = [];
  const now = ctx.clock().toISOString();
  for (const sink of eventSinks()) {
    for (const targetId of await sink.targetsFor(ctx, db, event, hints)) {
      rows.push({
        id: newUuid(), sink: sink.name, target_id: targetId, event_uuid: event.uuid, event_type: event.eventType,
        published: event.published, status: 'PENDING', attempts: 0, next_attempt_at: now,
        claim_token: null, lease_until: null, last_error: null, created: now, updated: now,
      });
    }
  }
  if (rows.length === 0) return;
  await db.insertInto('event_outbox').values(rows).execute();
  wakeDispatcherSoon(ctx);
}

/** Targets with pending, unclaimed rows, and when their earliest row is due. */
export async function dueTargets(ctx: AppContext): Promise<Array<{ sink: string; targetId: string; nextAt: string }>> {
  const now = ctx.clock().toISOString();
  const rows = await ctx.db.selectFrom('event_outbox')
    .select(['sink', 'target_id', (eb) => eb.fn.min('next_attempt_at').as('next_at')])
    .where('status', '=', 'PENDING')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
    .groupBy(['sink', 'target_id'])
    .execute();
  return rows.map((r) => ({ sink: r.sink, targetId: r.target_id, nextAt: String(r.next_at) }));
}

/** Claims up to `limit` due rows of one target, oldest first, and reads their events. */
export async function claimBatch(ctx: AppContext, sink: string, targetId: string, limit: number, leaseMs: number): Promise<{ token: string; items: OutboxItem[] }> {
  const token = newUuid();
  const now = ctx.clock();
  const nowIso = now.toISOString();
  let due = ctx.db.selectFrom('event_outbox').select('id')
    .where('sink', '=', sink).where('target_id', '=', targetId).where('status', '=', 'PENDING')
    .where('next_attempt_at', '<=', nowIso)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
    .orderBy('published').orderBy('id').limit(limit);
  if (ctx.dialect === 'postgres') due = due.forUpdate().skipLocked();
  const claimed = await ctx.db.updateTable('event_outbox')
    .set({ claim_token: token, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', 'in', due)
    .returning(['id', 'sink', 'target_id', 'event_uuid', 'event_type', 'published', 'attempts'])
    .execute();
  if (claimed.length === 0) return { token, items: [] };
  const bodies = await ctx.db.selectFrom('system_log').select(['uuid', 'body'])
    .where('uuid', 'in', [...new Set(claimed.map((r) => r.event_uuid))]).execute();
  const byUuid = new Map(bodies.map((b) => [b.uuid, JSON.parse(b.body) as LogEvent]));
  const items: OutboxItem[] = [];
  const orphans: string[] = [];
  for (const r of claimed) {
    const event = byUuid.get(r.event_uuid);
    if (!event) { orphans.push(r.id); continue; }
    items.push({ id: r.id, sink: r.sink, targetId: r.target_id, eventUuid: r.event_uuid, eventType: r.event_type, published: r.published, attempts: Number(r.attempts), event });
  }
  if (orphans.length > 0) {
    // The System Log row is gone (purged): nothing can be delivered for it.
    await ctx.db.updateTable('event_outbox').set({ status: 'FAILED', last_error: 'The event is no longer in the System Log', claim_token: null, lease_until: null, updated: nowIso })
      .where('id', 'in', orphans).where('claim_token', '=', token).execute();
  }
  items.sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : a.id < b.id ? -1 : 1));
  return { token, items };
}

/** Applies a batch's outcome to its rows (those still held by this claim) together with the sink's records. */
export async function finishBatch(ctx: AppContext, token: string, items: OutboxItem[], outcome: BatchOutcome): Promise<void> {
  const now = ctx.clock().toISOString();
  const ids = items.map((i) => i.id);
  const attempts = outcome.attempts ?? 1;
  await ctx.db.transaction().execute(async (trx: Trx) => {
    const base = trx.updateTable('event_outbox').where('id', 'in', ids).where('claim_token', '=', token);
    const released = { claim_token: null, lease_until: null, updated: now };
    switch (outcome.result) {
      case 'DELIVERED':
        await base.set((eb) => ({ ...released, status: 'DELIVERED', last_error: null, attempts: eb('attempts', '+', attempts) })).execute();
        break;
      case 'RETRY': {
        const limit = outcome.giveUpAtAttempts;
        if (limit !== undefined) {
          await base.where('attempts', '>=', limit - attempts).set((eb) => ({
            ...released, status: outcome.deadLetter ? 'DEAD_LETTER' : 'FAILED', last_error: outcome.error, attempts: eb('attempts', '+', attempts),
          })).execute();
        }
        // Rows given up on just now are no longer PENDING, so this leaves them alone.
        await base.where('status', '=', 'PENDING').set((eb) => ({
          ...released, next_attempt_at: outcome.at.toISOString(), last_error: outcome.error, attempts: eb('attempts', '+', attempts),
        })).execute();
        break;
      }
      case 'GIVE_UP':
        await base.set((eb) => ({ ...released, status: outcome.deadLetter ? 'DEAD_LETTER' : 'FAILED', last_error: outcome.error, attempts: eb('attempts', '+', attempts) })).execute();
        break;
      case 'RELEASE':
        await base.set(released).execute();
        break;
    }
    await outcome.record?.(trx);
  });
}

/** Releases a claim without counting an attempt (a worker stopping, or a bug in a sink). */
export async function releaseClaim(ctx: AppContext, token: string, error?: string, retryAt?: Date): Promise<void> {
  const set: Record<string, string | null> = { claim_token: null, lease_until: null, updated: ctx.clock().toISOString() };
  if (error) set.last_error = error;
  if (retryAt) set.next_attempt_at = retryAt.toISOString();
  await ctx.db.updateTable('event_outbox').set(set).where('claim_token', '=', token).execute();
}

/**
 * Puts rows of one target back in the queue as new (attempts 0, due now): redelivery. Rows that do not exist
 * yet are created, so events that were never queued for the target (older than the hook, or filtered out)
 * can be delivered too.
 */
export async function requeue(ctx: AppContext, db: Executor, sink: string, targetId: string, events: Array<{ uuid: string; eventType: string; published: string }>): Promise<number> {
  if (events.length === 0) return 0;
  const now = ctx.clock().toISOString();
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    await db.insertInto('event_outbox').values(chunk.map((e) => ({
      id: newUuid(), sink, target_id: targetId, event_uuid: e.uuid, event_type: e.eventType, published: e.published,
      status: 'PENDING', attempts: 0, next_attempt_at: now, claim_token: null, lease_until: null, last_error: null, created: now, updated: now,
    }))).onConflict((oc) => oc.columns(['sink', 'target_id', 'event_uuid']).doUpdateSet({
      status: 'PENDING', attempts: 0, next_attempt_at: now, claim_token: null, lease_until: null, last_error: null, updated: now,
    })).execute();
  }
  wakeDispatcherSoon(ctx);
  return events.length;
}

/** Deletes finished rows older than the retention (redelivery of old events reads the System Log instead). */
export async function purgeFinished(ctx: AppContext, olderThan: Date): Promise<void> {
  await ctx.db.deleteFrom('event_outbox').where('status', 'in', ['DELIVERED', 'FAILED']).where('updated', '<', olderThan.toISOString()).execute();
}

/** Counts per status for one target (for the API and tests). */
export async function outboxCounts(db: Executor, sink: string, targetId: string): Promise<Record<OutboxStatus, number>> {
  const rows = await db.selectFrom('event_outbox').select(['status', sql<number>`count(*)`.as('n')])
    .where('sink', '=', sink).where('target_id', '=', targetId).groupBy('status').execute();
  const counts: Record<OutboxStatus, number> = { PENDING: 0, DELIVERED: 0, FAILED: 0, DEAD_LETTER: 0 };
  for (const r of rows) counts[r.status as OutboxStatus] = Number(r.n);
  return counts;
}

/** PENDING rows per sink (every registered sink, 0 when it has none): the queue depth on /metrics. */
export async function pendingBySink(db: Executor): Promise<Record<string, number>> {
  const rows = await db.selectFrom('event_outbox').select(['sink', sql<number>`count(*)`.as('n')])
    .where('status', '=', 'PENDING').groupBy('sink').execute();
  const counts: Record<string, number> = Object.fromEntries(eventSinks().map((sink) => [sink.name, 0]));
  for (const r of rows) counts[r.sink] = Number(r.n);
  return counts;
}

/** The dispatcher of each running server, so a write can wake it as soon as its transaction may have committed. */
const wakers = new WeakMap<AppContext, { wake: () => void; scheduled: boolean }>();

export function registerDispatcherWaker(ctx: AppContext, wake: (() => void) | undefined): void {
  if (wake) wakers.set(ctx, { wake, scheduled: false });
  else wakers.delete(ctx);
}

function wakeDispatcherSoon(ctx: AppContext): void {
  const waker = wakers.get(ctx);
  if (!waker || waker.scheduled) return;
  // The writer's transaction commits after this returns; the worker looks shortly after (and polls anyway).
  waker.scheduled = true;
  setTimeout(() => {
    waker.scheduled = false;
    waker.wake();
  }, 5).unref();
}
