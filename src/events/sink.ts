/**
 * Receivers of System Log events through the outbox. Event hooks (hooks/event) and flows that start on
 * events (workflows) implement `EventSink`; the composition root (server.ts) passes them to `createEvents`,
 * so this layer knows no receiver.
 *
 * Every sink gets the same guarantees: rows are written in the transaction that wrote the event (so what
 * rolls back is never delivered), claimed by one worker at a time (SKIP LOCKED on PostgreSQL, a single
 * UPDATE on SQLite), retried as the outcome says, and released after a lease when a worker dies.
 */
import type { AppContext } from '../platform/context.js';
import type { Executor, Trx } from '../platform/db/index.js';
import type { LogEvent } from './log-event.js';

/** One claimed outbox row with its event. */
export interface OutboxItem {
  id: string;
  sink: string;
  targetId: string;
  eventUuid: string;
  eventType: string;
  published: string;
  /** Attempts made before this one. */
  attempts: number;
  event: LogEvent;
}

/** What became of a batch; the outbox applies it to the batch's rows in one transaction with `record`. */
export type BatchOutcome = (
  | { result: 'DELIVERED' }
  /** Again at `at`; rows whose attempts reach `giveUpAtAttempts` are given up instead. */
  | { result: 'RETRY'; at: Date; error: string; giveUpAtAttempts?: number; deadLetter?: boolean }
  | { result: 'GIVE_UP'; deadLetter: boolean; error: string }
  /** The target cannot receive now (e.g. the hook was deactivated meanwhile): back to the queue, untouched. */
  | { result: 'RELEASE' }
) & {
  /** Attempts made in this job (added to each row's count). */
  attempts?: number;
  /** Extra writes that commit together with the rows' new state (delivery log, System Log events). */
  record?: (trx: Trx) => Promise<void>;
};

/** What the System Log writer read together with its insert, so sinks need not query it again. */
export interface WriteHints {
  /**
   * `event_hook_config_version.version` as of this write: bumped by every change to what any sink receives
   * (event hooks, flows that start on events), so sinks can keep their targets cached per version.
   */
  subscriptionVersion?: number;
}

export interface LiveTarget {
  maxBatchSize: number;
  /** What the sink read about the target with `liveTargets`, handed back to `deliver` (saves queries per batch). */
  state?: unknown;
}

export interface EventSink {
  /** Stored in `event_outbox.sink`. */
  readonly name: string;
  /** Targets that want this event. Runs inside the writer's transaction on every event: keep it cheap. */
  targetsFor(ctx: AppContext, db: Executor, event: LogEvent, hints: WriteHints): Promise<readonly string[]>;
  /** Targets that may receive now, and their batch size; rows of other targets wait in the outbox. */
  liveTargets(ctx: AppContext, db: Executor): Promise<ReadonlyMap<string, LiveTarget>>;
  /** Delivers one batch (same target, oldest first). Must not throw for receiver trouble. */
  deliver(ctx: AppContext, targetId: string, items: OutboxItem[], live: LiveTarget): Promise<BatchOutcome>;
  /** Deletes the sink's own records older than the retention (e.g. a delivery log); run with the outbox's purge. */
  purge?(ctx: AppContext, olderThan: Date): Promise<void>;
}
