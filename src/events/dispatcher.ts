/**
 * The delivery worker every Tollgate process runs. It finds targets with due outbox rows, claims a batch per
 * target (at most one batch per target in flight in this process, so a hook's events go out in order of
 * publication), hands it to the target's sink, and records the outcome. It wakes when this process writes an
 * event, when a batch finishes, when the earliest retry is due, and at least every `pollMs` (events written
 * by other instances).
 */
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../platform/context.js';
import type { EventSink, LiveTarget, OutboxItem } from './sink.js';
import { currentSubscriptionVersion } from './subscription-version.js';

type Claim = { token: string; items: OutboxItem[] };

export interface DispatcherOptions {
  /** Longest sleep between looks at the outbox. */
  pollMs: number;
  /** How long a claim holds its rows; a worker that dies releases them when it runs out. */
  leaseMs: number;
  /** Batches in flight at once in this process. */
  maxConcurrentBatches: number;
  /** How long delivered and failed rows and the delivery log are kept. */
  retentionMs: number;
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = {
  pollMs: 250,
  // Longer than the slowest batch: two 3 s attempts and the bookkeeping.
  leaseMs: 60_000,
  maxConcurrentBatches: 16,
  retentionMs: 7 * 24 * 3600 * 1000,
};

/** Options from the environment (TOLLGATE_EVENT_POLL_MS, TOLLGATE_EVENT_LEASE_MS, TOLLGATE_EVENT_CONCURRENCY). */
export function dispatcherOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DispatcherOptions {
  const num = (name: string, fallback: number) => {
    const v = Number(env[name]);
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  return {
    ...DEFAULT_DISPATCHER_OPTIONS,
    pollMs: num('TOLLGATE_EVENT_POLL_MS', DEFAULT_DISPATCHER_OPTIONS.pollMs),
    leaseMs: num('TOLLGATE_EVENT_LEASE_MS', DEFAULT_DISPATCHER_OPTIONS.leaseMs),
    maxConcurrentBatches: num('TOLLGATE_EVENT_CONCURRENCY', DEFAULT_DISPATCHER_OPTIONS.maxConcurrentBatches),
  };
}

export interface EventDispatcher {
  /** Look at the outbox now (for rows of these `sink/targetId` keys, when given). */
  wake(keys?: Iterable<string>): void;
  /** Stops looking for work and waits for the batches in flight to finish. */
  stop(): Promise<void>;
}

const PURGE_EVERY_MS = 10 * 60 * 1000;

export function startEventDispatcher(ctx: AppContext, options: Partial<DispatcherOptions> = dispatcherOptionsFromEnv()): EventDispatcher {
  const opts = { ...DEFAULT_DISPATCHER_OPTIONS, ...options };
  const { outbox, sinks: allSinks } = ctx.events;
  const inFlight = new Map<string, Promise<void>>();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let lastPurge = 0;

  const wake = (keys?: Iterable<string>) => {
    // A target with a batch in flight claims its next rows itself, and its end wakes a full pass.
    if (keys && [...keys].every((key) => inFlight.has(key))) return;
    woken = true;
    wakeUp?.();
  };

  // Woken, it still goes through the event loop (setImmediate): with a synchronous driver (better-sqlite3) a
  // claim, a delivery that answers at once and the wake it causes are all microtasks, and a loop of them would
  // never let timers, sockets or the request that is waiting run.
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    if (woken || stopped) { setImmediate(resolve); return; }
    const timer = setTimeout(done, ms);
    function done() { clearTimeout(timer); wakeUp = undefined; resolve(); }
    wakeUp = done;
  });

  /**
   * One target's batches, one at a time: after a delivered batch it claims the target's next rows itself
   * instead of waiting for a pass over every target (whose reads cost more than the batch under a steady
   * stream). It reuses the pass's `live` state only while the subscription version is unchanged (status,
   * verification, events, URI) and for at most `pollMs`, then ends, and the next pass reads afresh.
   */
  async function runTarget(sink: EventSink, targetId: string, live: LiveTarget, first: Claim, version: number): Promise<void> {
    const until = performance.now() + opts.pollMs;
    for (let batch = first; ;) {
      try {
        const outcome = await sink.deliver(ctx, targetId, batch.items, live);
        await outbox.finish(batch.token, batch.items, outcome);
        ctx.metrics.eventDeliveries.inc({ sink: sink.name, outcome: outcome.result });
        // A failed batch goes back to the pass, which decides what is due (as before continuations existed).
        if (outcome.result !== 'DELIVERED' || stopped || performance.now() > until) return;
      } catch (err) {
        ctx.metrics.eventDeliveries.inc({ sink: sink.name, outcome: 'ERROR' });
        ctx.log.error({ err, sink: sink.name, target: targetId }, 'event delivery failed unexpectedly');
        await outbox.release(batch.token, err instanceof Error ? err.message : String(err), new Date(ctx.clock().getTime() + 30_000)).catch(() => {});
        return;
      }
      // Through the event loop, so that a synchronous driver lets writers and requests in between batches.
      await new Promise((resolve) => setImmediate(resolve));
      if (stopped || await currentSubscriptionVersion(ctx.db) !== version) return;
      batch = await outbox.claim(sink.name, targetId, live.maxBatchSize, opts.leaseMs);
      if (batch.items.length === 0) return;
    }
  }

  async function tick(): Promise<number> {
    const now = ctx.clock().getTime();
    if (now - lastPurge > PURGE_EVERY_MS) {
      lastPurge = now;
      await purge(ctx, new Date(now - opts.retentionMs));
    }
    const version = await currentSubscriptionVersion(ctx.db);
    const sinks = new Map<string, { sink: EventSink; live: ReadonlyMap<string, LiveTarget> }>();
    for (const sink of allSinks) sinks.set(sink.name, { sink, live: await sink.liveTargets(ctx, ctx.db) });
    let nextDue = Infinity;
    for (const due of await outbox.dueTargets()) {
      const entry = sinks.get(due.sink);
      const live = entry?.live.get(due.targetId);
      if (!entry || !live) continue;
      const dueAt = Date.parse(due.nextAt);
      if (dueAt > now) { nextDue = Math.min(nextDue, dueAt); continue; }
      const key = `${due.sink}/${due.targetId}`;
      if (inFlight.has(key) || inFlight.size >= opts.maxConcurrentBatches || stopped) continue;
      const first = await outbox.claim(due.sink, due.targetId, live.maxBatchSize, opts.leaseMs);
      if (first.items.length === 0) continue;
      const job = runTarget(entry.sink, due.targetId, live, first, version).finally(() => {
        inFlight.delete(key);
        wake();
      });
      inFlight.set(key, job);
    }
    return nextDue === Infinity ? opts.pollMs : Math.max(1, Math.min(opts.pollMs, nextDue - now));
  }

  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let wait = opts.pollMs;
      try {
        wait = await tick();
      } catch (err) {
        if (stopped) break;
        ctx.log.error({ err }, 'event dispatcher could not read the outbox');
      }
      await sleep(wait);
    }
  })();

  ctx.events.setWaker(wake);
  return {
    wake,
    async stop() {
      stopped = true;
      ctx.events.setWaker(undefined);
      wakeUp?.();
      await loop;
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}

async function purge(ctx: AppContext, olderThan: Date): Promise<void> {
  await ctx.events.outbox.purgeFinished(olderThan);
  for (const sink of ctx.events.sinks) await sink.purge?.(ctx, olderThan);
}
