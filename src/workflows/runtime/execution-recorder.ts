import type { AppContext } from '../../platform/context.js';
import type { ExecutionRow } from '../store/executions.store.js';
import { executionWriterFor, type ExecutionWriter, type Retention } from '../store/execution-writer.js';

/**
 * A batch is written when this many executions wait, or this long after the first one came. Each batch
 * is one transaction (one WAL sync on SQLite; a file database commits on the writer's own thread).
 */
const MAX_BATCH = 250;
const FLUSH_DELAY_MS = 100;
/** A flow's history is trimmed after at most this many new executions, so that each trim deletes little. */
const MAX_WRITES_BETWEEN_TRIMS = 100;
/** Retention by age (and a count check of every flow) runs at most this often. */
const FULL_PRUNE_EVERY_MS = 60_000;

/**
 * Writes execution records after the caller has had its answer, in batches (one transaction per batch),
 * and applies the retention rules: executions older than `executionMaxAgeDays` go, and each flow keeps
 * its newest `executionMaxPerFlow`. A failed write is logged and dropped: recording never changes what a
 * caller gets. `flush()` writes what waits now (the API calls it before reading history); `stop()` flushes
 * and ends the writer thread. A clean shutdown (SIGTERM, close) loses nothing; a process killed outright
 * (kill -9) loses the records still waiting: at most one batch (MAX_BATCH, FLUSH_DELAY_MS) plus the batch
 * being committed, never a user or an event (those are written on the request's own path).
 */
export class ExecutionRecorder {
  private pending: ExecutionRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  /** Executions written per flow since that flow's history was last trimmed to its cap. */
  private readonly writtenSinceTrim = new Map<string, number>();
  private lastFullPrune = 0;
  /** Made at the first write: servers that never run a flow start no thread. */
  private writer: ExecutionWriter | undefined;

  constructor(private readonly ctx: AppContext) {}

  record(row: ExecutionRow): void {
    this.ctx.metrics.flowExecutions.inc({ trigger: row.trigger, status: row.status });
    this.pending.push(row);
    if (this.pending.length >= MAX_BATCH) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
      this.timer.unref();
    }
  }

  /** Writes every waiting record; resolves when they (and anything written before) are stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  /** Writes what waits and ends the writer thread (the store closes next). Later records use a new writer. */
  async stop(): Promise<void> {
    await this.flush();
    const writer = this.writer;
    this.writer = undefined;
    await writer?.stop();
  }

  /** Writes what waits, then applies both retention rules to every flow now. */
  async applyRetention(): Promise<void> {
    await this.flush();
    this.lastFullPrune = 0;
    this.writing = this.writing.then(() => this.write([]));
    await this.writing;
  }

  private async write(batch: ExecutionRow[]): Promise<void> {
    for (const row of batch) this.writtenSinceTrim.set(row.flow_id, (this.writtenSinceTrim.get(row.flow_id) ?? 0) + 1);
    const retention = this.retentionDue();
    if (batch.length === 0 && retention.trim.length === 0 && retention.olderThan === undefined) return;
    try {
      this.writer ??= executionWriterFor(this.ctx);
      await this.writer.write(batch, retention);
    } catch (err) {
      this.ctx.log.error({ err, executions: batch.length }, 'could not record flow executions or apply their retention');
    }
  }

  /**
   * What retention goes with the next write. Trimming a flow costs a query: not after every execution, but
   * often enough that each trim deletes few rows. A flow can go this far over its cap. The age rule (and a
   * count check of every flow, for flows over their cap from before this process started or written by
   * another instance) runs at most once a minute.
   */
  private retentionDue(): Retention {
    const { executionMaxAgeDays, executionMaxPerFlow } = this.ctx.config.workflows;
    const threshold = Math.max(1, Math.min(MAX_WRITES_BETWEEN_TRIMS, Math.ceil(executionMaxPerFlow / 10)));
    const trim: string[] = [];
    for (const [flowId, written] of this.writtenSinceTrim) {
      if (written < threshold) continue;
      this.writtenSinceTrim.delete(flowId);
      trim.push(flowId);
    }
    const now = Date.now();
    if (now - this.lastFullPrune < FULL_PRUNE_EVERY_MS) return { trim, keep: executionMaxPerFlow };
    this.lastFullPrune = now;
    const olderThan = new Date(this.ctx.clock().getTime() - executionMaxAgeDays * 86_400_000).toISOString();
    return { trim, keep: executionMaxPerFlow, olderThan };
  }
}
