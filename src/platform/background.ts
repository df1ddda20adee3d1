/**
 * Background work of one server that outlives the request that started it (import jobs): tracked per
 * AppContext so that shutdown can ask it to stop at the next safe point (between two rows) and wait for
 * it. Work stopped this way is resumed later like work whose process died (see the import workers).
 */
import type { AppContext } from './context.js';

interface Background {
  stopping: boolean;
  running: Set<Promise<unknown>>;
}

const backgrounds = new WeakMap<AppContext, Background>();

function backgroundOf(ctx: AppContext): Background {
  let bg = backgrounds.get(ctx);
  if (!bg) {
    bg = { stopping: false, running: new Set() };
    backgrounds.set(ctx, bg);
  }
  return bg;
}

/** Remembers a run until it settles (it must not reject). */
export function trackBackground(ctx: AppContext, run: Promise<unknown>): void {
  const { running } = backgroundOf(ctx);
  running.add(run);
  void run.finally(() => running.delete(run));
}

/** Whether the server is shutting down: background work stops at its next safe point. */
export function isStopping(ctx: AppContext): boolean {
  return backgrounds.get(ctx)?.stopping ?? false;
}

/** Asks the background work to stop and waits for it. */
export async function stopBackground(ctx: AppContext): Promise<void> {
  const bg = backgroundOf(ctx);
  bg.stopping = true;
  await Promise.allSettled([...bg.running]);
}
