/**
 * The delivery worker every Tollgate process runs. It finds targets with due outbox rows, claims a batch per
 * target (at most one batch per target in flight in this process, so a hook's events go out in order of
 * publication), hands it to the target's sink, and records the outcome. It wakes when this process writes an
 * event, when a batch finishes, when the earliest retry is due, and at least every `pollMs` (events written
 * by other instances).
 */
import type { AppContext } from '../platform/context.js';
import type { EventSink, LiveTarget } from './sink.js';

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
  /** Look at the outbox now. */
  wake(): void;
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

  const wake = () => {
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

  async function tick(): Promise<number> {
    const now = ctx.clock().getTime();
    if (now - lastPurge > PURGE_EVERY_MS) {
      lastPurge = now;
      await purge(ctx, new Date(now - opts.retentionMs));
    }
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
      const { token, items } = await outbox.claim(due.sink, due.targetId, live.maxBatchSize, opts.leaseMs);
      if (items.length === 0) continue;
      const job = (async () => {
        try {
          const outcome = await entry.sink.deliver(ctx, due.targetId, items, live);
          await outbox.finish(token, items, outcome);
          ctx.metrics.eventDeliveries.inc({ sink: due.sink, outcome: outcome.result });
        } catch (err) {
          ctx.metrics.eventDeliveries.inc({ sink: due.sink, outcome: 'ERROR' });
          ctx.log.error({ err, sink: due.sink, target: due.targetId }, 'event delivery failed unexpectedly');
          await outbox.release(token, err instanceof Error ? err.message : String(err), new Date(ctx.clock().getTime() + 30_000)).catch(() => {});
        }
      })().finally(() => {
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
