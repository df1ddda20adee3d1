/**
 * The outbox port: where System Log events wait for their sinks. `createSqlOutbox` (the `event_outbox`
 * table, the only code that touches it) is what servers run; `createMemoryOutbox` lets a test swap it.
 */
import type { Executor } from '../platform/db/index.js';
import type { LogEvent } from './log-event.js';
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

export interface Outbox {
  /** Queues `event` for these targets, in the writer's transaction `db`. */
  enqueue(db: Executor, event: LogEvent, targets: ReadonlyArray<{ sink: string; targetId: string }>): Promise<void>;
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
