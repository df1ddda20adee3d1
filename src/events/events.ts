/**
 * The events kernel of one server: its outbox, its sinks and its dispatcher's wake-up, built once by the
 * composition root and carried on the context (`ctx.events`), so `recordEvent` reaches it without a
 * registry. Swapping the outbox (e.g. for `createMemoryOutbox()` in a test) is the `outbox` argument.
 */
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { LogEvent } from './log-event.js';
import type { Outbox, OutboxTarget } from './outbox.js';
import { insertSystemLogRow, type SystemLogRow } from './system-log-row.js';
import type { EventSink, WriteHints } from './sink.js';

export interface Events {
  readonly outbox: Outbox;
  readonly sinks: readonly EventSink[];
  /**
   * Writes the event's System Log row and queues the event for every sink target that wants it, in the
   * writer's transaction.
   */
  record(ctx: AppContext, db: Executor, event: LogEvent, row: SystemLogRow): Promise<void>;
  /**
   * Tells this process's dispatcher that rows may be waiting (soon: the writer's transaction commits first),
   * for these `sink/targetId` keys when given.
   */
  wakeSoon(keys?: readonly string[]): void;
  /** The dispatcher's wake-up (set while one runs); `keys` undefined means any target. */
  setWaker(wake: ((keys?: Iterable<string>) => void) | undefined): void;
}

declare module '../platform/context.js' {
  interface AppContext {
    /** This server's events kernel (`createEvents`). */
    readonly events: Events;
  }
}

export function createEvents({ outbox, sinks }: { outbox: Outbox; sinks: readonly EventSink[] }): Events {
  let waker: ((keys?: Iterable<string>) => void) | undefined;
  let scheduled = false;
  /** The keys written since the wake-up was scheduled; undefined once any write named none. */
  let pending: Set<string> | undefined;
  const wakeSoon = (keys?: readonly string[]) => {
    if (!waker) return;
    if (!scheduled) pending = keys ? new Set(keys) : undefined;
    else if (pending) {
      if (keys) for (const key of keys) pending.add(key);
      else pending = undefined;
    }
    if (scheduled) return;
    // The writer's transaction commits after enqueue returns; the worker looks shortly after (and polls anyway).
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      const keys = pending;
      pending = undefined;
      waker?.(keys);
    }, 5).unref();
  };
  const targetsOf = async (ctx: AppContext, db: Executor, event: LogEvent, hints: WriteHints) => {
    const targets: OutboxTarget[] = [];
    for (const sink of sinks) {
      for (const targetId of await sink.targetsFor(ctx, db, event, hints)) targets.push({ sink: sink.name, targetId });
    }
    return targets;
  };
  const wakeFor = (targets: readonly OutboxTarget[]) => {
    if (targets.length > 0) wakeSoon(targets.map((t) => `${t.sink}/${t.targetId}`));
  };
  /** The subscription version the last write read (the sinks' caches are at it). */
  let lastVersion: number | undefined;
  return {
    outbox,
    sinks,
    async record(ctx, db, event, row) {
      const fused = outbox.fused;
      if (fused && lastVersion !== undefined) {
        const expected = lastVersion;
        const predicted = await targetsOf(ctx, db, event, { subscriptionVersion: expected });
        const version = await fused.insertWithLogRow(db, row, event, predicted);
        if (version === expected) { wakeFor(predicted); return; }
        // Subscriptions changed since the last write: queue for the targets as of this write's version.
        lastVersion = version;
        const targets = await targetsOf(ctx, db, event, { subscriptionVersion: version });
        const key = (t: OutboxTarget) => `${t.sink}/${t.targetId}`;
        const wanted = new Set(targets.map(key));
        const queued = new Set(predicted.map(key));
        await fused.unqueue(db, event.uuid, predicted.filter((t) => !wanted.has(key(t))));
        const missing = targets.filter((t) => !queued.has(key(t)));
        if (missing.length > 0) await outbox.enqueue(db, event, missing);
        wakeFor(targets);
        return;
      }
      const version = await insertSystemLogRow(db, row);
      lastVersion = version;
      const targets = await targetsOf(ctx, db, event, { subscriptionVersion: version });
      if (targets.length === 0) return;
      await outbox.enqueue(db, event, targets);
      wakeFor(targets);
    },
    wakeSoon,
    setWaker(wake) {
      waker = wake;
    },
  };
}

/** Redelivery: puts events back in a target's queue and wakes the dispatcher. */
export async function requeueEvents(ctx: AppContext, db: Executor, sink: string, targetId: string, events: Parameters<Outbox['requeue']>[3]): Promise<number> {
  const n = await ctx.events.outbox.requeue(db, sink, targetId, events);
  if (n > 0) ctx.events.wakeSoon();
  return n;
}

/** PENDING rows per sink, every sink of the kernel listed (0 when it has none): the queue depth on /metrics. */
export async function pendingBySink(events: Events): Promise<Record<string, number>> {
  return { ...Object.fromEntries(events.sinks.map((s) => [s.name, 0])), ...(await events.outbox.pendingBySink()) };
}
