/**
 * The outbox in memory, for tests that want the event kernel without the `event_outbox` table (and for
 * checking that nothing else depends on that table). One process only, lost at exit, and not part of the
 * writer's transaction: a row is queued when `enqueue` runs, even if that transaction rolls back later.
 * Claims, leases, outcomes, requeues and counts behave as the SQL outbox's do.
 */
import type { Db, Executor } from '../platform/db/index.js';
import { newUuid } from '../platform/ids.js';
import type { Clock } from '../platform/time.js';
import type { LogEvent } from './log-event.js';
import type { EventRef, Outbox, OutboxStatus, QueuedRow } from './outbox.js';
import type { OutboxItem } from './sink.js';

interface Row {
  id: string;
  sink: string;
  targetId: string;
  event: EventRef & { body?: LogEvent };
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  claimToken: string | null;
  leaseUntil: string | null;
  lastError: string | null;
  updated: string;
}

export interface MemoryOutboxOptions {
  /** The store, for the sinks' records (delivery log) written with each outcome, and for events requeued by reference. */
  db: Db;
  clock: Clock;
}

export function createMemoryOutbox({ db, clock }: MemoryOutboxOptions): Outbox {
  const rows: Row[] = [];
  const now = () => clock().toISOString();
  const unclaimed = (row: Row, at: string) => row.leaseUntil === null || row.leaseUntil <= at;
  const ofTarget = (sink: string, targetId: string) => rows.filter((row) => row.sink === sink && row.targetId === targetId);
  const byAge = (a: Row, b: Row) => (a.event.published < b.event.published ? -1 : a.event.published > b.event.published ? 1 : a.id < b.id ? -1 : 1);
  const add = (sink: string, targetId: string, event: Row['event'], at: string) => {
    rows.push({ id: newUuid(), sink, targetId, event, status: 'PENDING', attempts: 0, nextAttemptAt: at, claimToken: null, leaseUntil: null, lastError: null, updated: at });
  };
  const released = (row: Row, at: string) => Object.assign(row, { claimToken: null, leaseUntil: null, updated: at });

  return {
    async enqueue(_db: Executor, event: LogEvent, targets) {
      const at = now();
      for (const target of targets) add(target.sink, target.targetId, { uuid: event.uuid, eventType: event.eventType, published: event.published, body: event }, at);
    },

    async dueTargets() {
      const at = now();
      const due = new Map<string, { sink: string; targetId: string; nextAt: string }>();
      for (const row of rows) {
        if (row.status !== 'PENDING' || !unclaimed(row, at)) continue;
        const key = `${row.sink}/${row.targetId}`;
        const seen = due.get(key);
        if (!seen || row.nextAttemptAt < seen.nextAt) due.set(key, { sink: row.sink, targetId: row.targetId, nextAt: row.nextAttemptAt });
      }
      return [...due.values()];
    },

    async claim(sink, targetId, limit, leaseMs) {
      const token = newUuid();
      const at = clock();
      const atIso = at.toISOString();
      const claimed = ofTarget(sink, targetId)
        .filter((row) => row.status === 'PENDING' && row.nextAttemptAt <= atIso && unclaimed(row, atIso))
        .sort(byAge).slice(0, limit);
      const items: OutboxItem[] = [];
      for (const row of claimed) {
        row.claimToken = token;
        row.leaseUntil = new Date(at.getTime() + leaseMs).toISOString();
        const event = row.event.body ?? (await systemLogEvent(db, row.event.uuid));
        if (!event) {
          Object.assign(released(row, atIso), { status: 'FAILED', lastError: 'The event is no longer in the System Log' });
          continue;
        }
        items.push({ id: row.id, sink, targetId, eventUuid: row.event.uuid, eventType: row.event.eventType, published: row.event.published, attempts: row.attempts, event });
      }
      return { token, items };
    },

    async finish(token, items, outcome) {
      const at = now();
      const attempts = outcome.attempts ?? 1;
      await db.transaction().execute(async (trx) => {
        await outcome.record?.(trx);
      });
      // Applied after the records committed, as one step (nothing else runs in between).
      const ids = new Set(items.map((item) => item.id));
      for (const row of rows) {
        if (!ids.has(row.id) || row.claimToken !== token) continue;
        released(row, at);
        if (outcome.result === 'RELEASE') continue;
        row.attempts += attempts;
        if (outcome.result === 'DELIVERED') Object.assign(row, { status: 'DELIVERED', lastError: null });
        else if (outcome.result === 'GIVE_UP') Object.assign(row, { status: outcome.deadLetter ? 'DEAD_LETTER' : 'FAILED', lastError: outcome.error });
        else if (outcome.giveUpAtAttempts !== undefined && row.attempts >= outcome.giveUpAtAttempts) Object.assign(row, { status: outcome.deadLetter ? 'DEAD_LETTER' : 'FAILED', lastError: outcome.error });
        else Object.assign(row, { nextAttemptAt: outcome.at.toISOString(), lastError: outcome.error });
      }
    },

    async release(token, error, retryAt) {
      const at = now();
      for (const row of rows) {
        if (row.claimToken !== token) continue;
        released(row, at);
        if (error) row.lastError = error;
        if (retryAt) row.nextAttemptAt = retryAt.toISOString();
      }
    },

    async requeue(_db, sink, targetId, events) {
      const at = now();
      for (const event of events) {
        const row = ofTarget(sink, targetId).find((candidate) => candidate.event.uuid === event.uuid);
        if (row) Object.assign(released(row, at), { status: 'PENDING', attempts: 0, nextAttemptAt: at, lastError: null });
        else add(sink, targetId, { uuid: event.uuid, eventType: event.eventType, published: event.published }, at);
      }
      return events.length;
    },

    async forgetTarget(_db, sink, targetId) {
      for (let i = rows.length - 1; i >= 0; i--) if (rows[i].sink === sink && rows[i].targetId === targetId) rows.splice(i, 1);
    },

    async counts(sink, targetId) {
      const counts: Record<OutboxStatus, number> = { PENDING: 0, DELIVERED: 0, FAILED: 0, DEAD_LETTER: 0 };
      for (const row of ofTarget(sink, targetId)) counts[row.status] += 1;
      return counts;
    },

    async pendingBySink() {
      const pending: Record<string, number> = {};
      for (const row of rows) if (row.status === 'PENDING') pending[row.sink] = (pending[row.sink] ?? 0) + 1;
      return pending;
    },

    async list(sink, targetId, q) {
      let found = ofTarget(sink, targetId).filter((row) => !q.status || row.status === q.status);
      if (q.after) {
        const [published, uuid] = q.after;
        found = found.filter((row) => row.event.published < published || (row.event.published === published && row.event.uuid < uuid));
      }
      const order = (a: Row, b: Row) => (a.event.published === b.event.published ? (a.event.uuid < b.event.uuid ? -1 : 1) : a.event.published < b.event.published ? -1 : 1);
      found.sort((a, b) => (q.oldestFirst ? order(a, b) : order(b, a)));
      return found.slice(0, q.limit).map((row): QueuedRow => ({
        eventUuid: row.event.uuid, eventType: row.event.eventType, published: row.event.published, status: row.status,
        attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, lastError: row.lastError, updated: row.updated,
      }));
    },

    async purgeFinished(olderThan) {
      const before = olderThan.toISOString();
      for (let i = rows.length - 1; i >= 0; i--) {
        const row = rows[i];
        if ((row.status === 'DELIVERED' || row.status === 'FAILED') && row.updated < before) rows.splice(i, 1);
      }
    },
  };
}

/** An event queued again by reference (redelivery), read from the System Log. */
async function systemLogEvent(db: Db, uuid: string): Promise<LogEvent | undefined> {
  const row = await db.selectFrom('system_log').select('body').where('uuid', '=', uuid).executeTakeFirst();
  return row ? (JSON.parse(row.body) as LogEvent) : undefined;
}
