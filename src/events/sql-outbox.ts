/**
 * The outbox as the `event_outbox` table: written in the transaction that writes the event, claimed by
 * delivery workers with a lease, and updated with the outcome of each batch.
 *
 * Claims are one UPDATE … WHERE id IN (SELECT … LIMIT n) per target: on PostgreSQL the inner SELECT takes
 * `FOR UPDATE SKIP LOCKED`, so concurrent workers of any instance claim disjoint rows; on SQLite the single
 * statement runs under the database's one writer lock. A claim carries a token and a lease: a worker that dies
 * mid-delivery leaves rows whose lease runs out, and any worker claims them again (at-least-once).
 */
import { sql } from 'kysely';
import type { Db, DialectName, Trx } from '../platform/db/index.js';
import { newUuid } from '../platform/ids.js';
import type { Clock } from '../platform/time.js';
import type { LogEvent } from './log-event.js';
import type { EventRef, FusedLogWriter, Outbox, OutboxStatus, QueuedRow } from './outbox.js';
import type { OutboxItem } from './sink.js';

export interface SqlOutboxOptions {
  db: Db;
  dialect: DialectName;
  clock: Clock;
}

export function createSqlOutbox({ db, dialect, clock }: SqlOutboxOptions): Outbox {
  const newRow = (sink: string, targetId: string, e: EventRef, now: string) => ({
    id: newUuid(), sink, target_id: targetId, event_uuid: e.uuid, event_type: e.eventType, published: e.published,
    status: 'PENDING', attempts: 0, next_attempt_at: now, claim_token: null, lease_until: null, last_error: null, created: now, updated: now,
  });

  /**
   * PostgreSQL: the System Log row and its outbox rows as one statement, data-modifying CTEs (each runs once
   * to completion, read or not), with the subscription version read by the same statement.
   */
  const fused: FusedLogWriter = {
    async insertWithLogRow(trx, row, event, targets) {
      const now = clock().toISOString();
      let query = trx.with('log', (qb) => qb.insertInto('system_log').values(row)
        .returning((eb) => eb.selectFrom('event_hook_config_version').select('version').where('id', '=', 1).as('event_hook_version')));
      if (targets.length > 0) {
        query = query.with('queued', (qb) => qb.insertInto('event_outbox').values(targets.map((t) => newRow(t.sink, t.targetId, event, now)))) as unknown as typeof query;
      }
      const written = await query.selectFrom('log').select('event_hook_version').executeTakeFirst();
      return Number(written?.event_hook_version ?? 0);
    },
    async unqueue(trx, eventUuid, targets) {
      if (targets.length === 0) return;
      await trx.deleteFrom('event_outbox').where('event_uuid', '=', eventUuid)
        .where((eb) => eb.or(targets.map((t) => eb.and([eb('sink', '=', t.sink), eb('target_id', '=', t.targetId)])))).execute();
    },
  };

  return {
    fused: dialect === 'postgres' ? fused : undefined,

    async enqueue(trx, event, targets) {
      if (targets.length === 0) return;
      const now = clock().toISOString();
      await trx.insertInto('event_outbox').values(targets.map((t) => newRow(t.sink, t.targetId, event, now))).execute();
    },

    async dueTargets() {
      const now = clock().toISOString();
      const rows = await db.selectFrom('event_outbox')
        .select(['sink', 'target_id', (eb) => eb.fn.min('next_attempt_at').as('next_at')])
        .where('status', '=', 'PENDING')
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
        .groupBy(['sink', 'target_id'])
        .execute();
      return rows.map((r) => ({ sink: r.sink, targetId: r.target_id, nextAt: String(r.next_at) }));
    },

    async claim(sink, targetId, limit, leaseMs) {
      const token = newUuid();
      const now = clock();
      const nowIso = now.toISOString();
      let due = db.selectFrom('event_outbox').select('id')
        .where('sink', '=', sink).where('target_id', '=', targetId).where('status', '=', 'PENDING')
        .where('next_attempt_at', '<=', nowIso)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowIso)]))
        .orderBy('published').orderBy('id').limit(limit);
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      const claimed = await db.updateTable('event_outbox')
        .set({ claim_token: token, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
        .where('id', 'in', due)
        .returning(['id', 'sink', 'target_id', 'event_uuid', 'event_type', 'published', 'attempts'])
        .execute();
      if (claimed.length === 0) return { token, items: [] };
      const bodies = await db.selectFrom('system_log').select(['uuid', 'body'])
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
        await db.updateTable('event_outbox').set({ status: 'FAILED', last_error: 'The event is no longer in the System Log', claim_token: null, lease_until: null, updated: nowIso })
          .where('id', 'in', orphans).where('claim_token', '=', token).execute();
      }
      items.sort((a, b) => (a.published < b.published ? -1 : a.published > b.published ? 1 : a.id < b.id ? -1 : 1));
      return { token, items };
    },

    async finish(token, items, outcome) {
      const now = clock().toISOString();
      const ids = items.map((i) => i.id);
      const attempts = outcome.attempts ?? 1;
      await db.transaction().execute(async (trx: Trx) => {
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
    },

    async release(token, error, retryAt) {
      const set: Record<string, string | null> = { claim_token: null, lease_until: null, updated: clock().toISOString() };
      if (error) set.last_error = error;
      if (retryAt) set.next_attempt_at = retryAt.toISOString();
      await db.updateTable('event_outbox').set(set).where('claim_token', '=', token).execute();
    },

    async requeue(trx, sink, targetId, events) {
      if (events.length === 0) return 0;
      const now = clock().toISOString();
      for (let i = 0; i < events.length; i += 500) {
        const chunk = events.slice(i, i + 500);
        await trx.insertInto('event_outbox').values(chunk.map((e) => newRow(sink, targetId, e, now))).onConflict((oc) => oc.columns(['sink', 'target_id', 'event_uuid']).doUpdateSet({
          status: 'PENDING', attempts: 0, next_attempt_at: now, claim_token: null, lease_until: null, last_error: null, updated: now,
        })).execute();
      }
      return events.length;
    },

    async forgetTarget(trx, sink, targetId) {
      await trx.deleteFrom('event_outbox').where('sink', '=', sink).where('target_id', '=', targetId).execute();
    },

    async counts(sink, targetId) {
      const rows = await db.selectFrom('event_outbox').select(['status', sql<number>`count(*)`.as('n')])
        .where('sink', '=', sink).where('target_id', '=', targetId).groupBy('status').execute();
      const counts: Record<OutboxStatus, number> = { PENDING: 0, DELIVERED: 0, FAILED: 0, DEAD_LETTER: 0 };
      for (const r of rows) counts[r.status as OutboxStatus] = Number(r.n);
      return counts;
    },

    async pendingBySink() {
      const rows = await db.selectFrom('event_outbox').select(['sink', sql<number>`count(*)`.as('n')])
        .where('status', '=', 'PENDING').groupBy('sink').execute();
      return Object.fromEntries(rows.map((r) => [r.sink, Number(r.n)]));
    },

    async list(sink, targetId, q) {
      let query = db.selectFrom('event_outbox').selectAll().where('sink', '=', sink).where('target_id', '=', targetId);
      if (q.status) query = query.where('status', '=', q.status);
      if (q.after) {
        const [published, uuid] = q.after;
        query = query.where((eb) => eb.or([eb('published', '<', published), eb.and([eb('published', '=', published), eb('event_uuid', '<', uuid)])]));
      }
      const order = q.oldestFirst ? 'asc' : 'desc';
      const rows = await query.orderBy('published', order).orderBy('event_uuid', order).limit(q.limit).execute();
      return rows.map((r): QueuedRow => ({
        eventUuid: r.event_uuid, eventType: r.event_type, published: r.published, status: r.status as OutboxStatus,
        attempts: Number(r.attempts), nextAttemptAt: r.next_attempt_at, lastError: r.last_error, updated: r.updated,
      }));
    },

    async purgeFinished(olderThan) {
      await db.deleteFrom('event_outbox').where('status', 'in', ['DELIVERED', 'FAILED']).where('updated', '<', olderThan.toISOString()).execute();
    },
  };
}
