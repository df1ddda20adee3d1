import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../platform/context.js';
import { sqliteFileOf } from '../../platform/db/index.js';
import { crowdedFlows, deleteExecutionsBefore, deleteExecutionsBeyond, insertExecutionRows, type ExecutionRow } from './executions.store.js';

/** The retention work that goes with a batch: flows to trim to `keep`, and, now and then, the age rule. */
export interface Retention {
  /** Flows that have had enough new executions since their last trim. */
  trim: string[];
  /** Each flow keeps its newest `keep` executions. */
  keep: number;
  /** Set for a full pass: executions started before this go, and every flow over `keep` is trimmed too. */
  olderThan?: string;
}

/**
 * Commits batches of execution rows (one transaction each) and then applies the retention that comes
 * with them (each delete its own short transaction); `stop()` ends what it started.
 */
export interface ExecutionWriter {
  write(rows: ExecutionRow[], retention: Retention): Promise<void>;
  stop(): Promise<void>;
}

/** On the store's own connection: PostgreSQL (asynchronous already) and in-memory SQLite (one connection only). */
function connectionWriter(ctx: AppContext): ExecutionWriter {
  return {
    async write(rows, retention) {
      if (rows.length > 0) await ctx.db.transaction().execute((trx) => insertExecutionRows(trx, rows));
      const trim = new Set(retention.trim);
      if (retention.olderThan !== undefined) {
        await deleteExecutionsBefore(ctx.db, retention.olderThan);
        // Flows over their cap from before this process started (or written by another instance).
        for (const flowId of await crowdedFlows(ctx.db, retention.keep)) trim.add(flowId);
      }
      for (const flowId of trim) await deleteExecutionsBeyond(ctx.db, flowId, retention.keep);
    },
    stop: async () => undefined,
  };
}

/**
 * SQLite in a file: a worker thread with its own connection commits each batch and runs its deletes (see
 * execution-writer.worker.ts), so neither the commit with its WAL sync nor a trim runs on the event loop.
 * Should the worker die, the batches go through the main connection again.
 */
function workerWriter(ctx: AppContext, file: string): ExecutionWriter {
  const fromSource = import.meta.url.endsWith('.ts');
  const worker = new Worker(new URL(`./execution-writer.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url), { workerData: { file } });
  worker.unref();
  const waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let nextId = 0;
  let dead = false;
  const fallback = connectionWriter(ctx);
  worker.on('message', (reply: { id: number; error?: string }) => {
    const entry = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.error) entry?.reject(new Error(reply.error));
    else entry?.resolve();
  });
  const die = (err: Error) => {
    if (dead) return;
    dead = true;
    ctx.log.error({ err }, 'the execution writer thread stopped; execution records are written on the main connection');
    for (const entry of waiting.values()) entry.reject(err);
    waiting.clear();
  };
  worker.on('error', die);
  worker.on('exit', () => die(new Error('the execution writer thread exited')));
  return {
    write(rows, retention) {
      if (dead) return fallback.write(rows, retention);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, rows, retention });
      });
    },
    async stop() {
      if (dead) return;
      dead = true;
      await worker.terminate();
    },
  };
}

export function executionWriterFor(ctx: AppContext): ExecutionWriter {
  const file = ctx.dialect === 'sqlite' ? sqliteFileOf(ctx.config.databaseUrl) : ':memory:';
  return file === ':memory:' || file === '' ? connectionWriter(ctx) : workerWriter(ctx, file);
}
