import { Worker } from 'node:worker_threads';
import type { AppContext } from '../../platform/context.js';
import { sqliteFileOf } from '../../platform/db/index.js';
import { insertExecutionRows, type ExecutionRow } from './executions.store.js';

/** Commits batches of execution rows; `stop()` ends what it started (after the last write resolved). */
export interface ExecutionWriter {
  write(rows: ExecutionRow[]): Promise<void>;
  stop(): Promise<void>;
}

/** On the store's own connection: PostgreSQL (asynchronous already) and in-memory SQLite (one connection only). */
function connectionWriter(ctx: AppContext): ExecutionWriter {
  return {
    write: (rows) => ctx.db.transaction().execute((trx) => insertExecutionRows(trx, rows)),
    stop: async () => undefined,
  };
}

/**
 * SQLite in a file: a worker thread with its own connection commits each batch (see
 * execution-writer.worker.ts), so the commit and its WAL sync leave the event loop. Should the worker die,
 * the batches go through the main connection again.
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
    write(rows) {
      if (dead) return fallback.write(rows);
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, rows });
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
