/**
 * The outbox port: where System Log events wait for their sinks. `createSqlOutbox` (the `event_outbox`
 * table, the only code that touches it) is what servers run; `createMemoryOutbox` lets a test swap it.
 */
import type { Executor } from '../platform/db/index.js';
import type { LogEvent } from './log-event.js';
import type { SystemLogRow } from './system-log-row.js';
import type { BatchOutcome, OutboxItem } from './sink.js';

export type OutboxStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'DEAD_LETTER';

/** An event by its System Log identity (what redelivery queues again). */
export interface EventRef {
  uuid: string;
  eventType: string;
  published: string;
}

/** One row of a target's queue, as the API lists it. */
export interface QueuedRow {
  eventUuid: string;
  eventType: string;
  published: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  updated: string;
}

export interface OutboxTarget {
  sink: string;
  targetId: string;
}

/**
 * Writes an event's System Log row and its outbox rows in one statement: offered where each statement is a
 * round trip to the server (PostgreSQL). The targets are chosen before the statement, from the subscriptions
 * as of the version last seen; the statement reads the version again, and the caller mends the rows with
 * `unqueue` and `enqueue` in the same transaction when it moved.
 */
export interface FusedLogWriter {
  /** Inserts `row` and the event's rows for `targets` (none: the row alone); returns the subscription version read. */
  insertWithLogRow(db: Executor, row: SystemLogRow, event: LogEvent, targets: readonly OutboxTarget[]): Promise<number>;
  /** Drops the event's rows for these targets, in the writer's transaction. */
  unqueue(db: Executor, eventUuid: string, targets: readonly OutboxTarget[]): Promise<void>;
}

export interface Outbox {
  /** Queues `event` for these targets, in the writer's transaction `db`. */
  enqueue(db: Executor, event: LogEvent, targets: readonly OutboxTarget[]): Promise<void>;
  /** Present when the System Log row and the outbox rows are best written in one statement. */
  readonly fused?: FusedLogWriter;
  /** Targets with pending, unclaimed rows, and when their earliest row is due. */
  dueTargets(): Promise<Array<{ sink: string; targetId: string; nextAt: string }>>;
  /** Claims up to `limit` due rows of one target, oldest first, with their events. */
  claim(sink: string, targetId: string, limit: number, leaseMs: number): Promise<{ token: string; items: OutboxItem[] }>;
  /** Applies a batch's outcome to its rows still held by the claim, in one transaction with `outcome.record`. */
  finish(token: string, items: OutboxItem[], outcome: BatchOutcome): Promise<void>;
  /** Gives a claim back without counting an attempt (a worker stopping, a bug in a sink). */
  release(token: string, error?: string, retryAt?: Date): Promise<void>;
  /** Puts events back in a target's queue as new (attempts 0, due now), creating rows that never existed. */
  requeue(db: Executor, sink: string, targetId: string, events: readonly EventRef[]): Promise<number>;
  /** Drops every row of a target (the target was deleted), in the caller's transaction. */
  forgetTarget(db: Executor, sink: string, targetId: string): Promise<void>;
  /** Counts per status for one target. */
  counts(sink: string, targetId: string): Promise<Record<OutboxStatus, number>>;
  /** PENDING rows per sink (the queue depth on /metrics). */
  pendingBySink(): Promise<Record<string, number>>;
  /** A target's queue, newest first (or oldest first), from after the cursor `[published, eventUuid]`. */
  list(sink: string, targetId: string, q: { limit: number; after?: [string, string]; status?: OutboxStatus; oldestFirst?: boolean }): Promise<QueuedRow[]>;
  /** Deletes finished rows older than the retention. */
  purgeFinished(olderThan: Date): Promise<void>;
}
