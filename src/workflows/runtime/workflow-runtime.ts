import type { AppContext } from '../../platform/context.js';
import { defaultCardRegistry } from '../cards/registry.js';
import type { CardRegistry } from '../engine/card.js';
import { ExecutionRecorder } from './execution-recorder.js';
import { FlowCache } from './flow-cache.js';
import { InvokeRateLimiter } from './invoke-rate-limit.js';

/** Okta drops an API Endpoint connection after 60 s; the flow is cut off then. */
export const INVOKE_CUT_OFF_MS = 60_000;
/** After answering (Close), a flow may run on this long before Tollgate cuts it off. */
export const AFTER_ANSWER_LIMIT_MS = 10 * 60_000;

/** What cuts a running execution off: an AbortController, or the engine's CutOffController. */
export interface Abortable {
  abort(reason?: unknown): void;
}

export interface WorkflowRuntimeOptions {
  cutOffMs: number;
  afterAnswerLimitMs: number;
  /** The cards flows can use: Tollgate's registration list (tests add their own). */
  cards: CardRegistry;
}

/**
 * What the Workflows side of one server keeps in memory: the flow cache, the execution recorder, the
 * invoke rate limiter, and the executions still running (so that shutdown can cut them off and record
 * them). One per AppContext.
 */
export class WorkflowRuntime {
  readonly flows: FlowCache;
  readonly recorder: ExecutionRecorder;
  readonly limiter = new InvokeRateLimiter();
  readonly options: WorkflowRuntimeOptions = { cutOffMs: INVOKE_CUT_OFF_MS, afterAnswerLimitMs: AFTER_ANSWER_LIMIT_MS, cards: defaultCardRegistry };
  private readonly running = new Map<Abortable, Promise<unknown>>();
  /** The server's clock for executions (one function for all of them, read at each call). */
  readonly clock: () => Date;

  constructor(ctx: AppContext) {
    this.flows = new FlowCache(ctx);
    this.recorder = new ExecutionRecorder(ctx);
    this.clock = () => ctx.clock();
  }

  /** Remembers a running execution until `done` settles. */
  track(controller: Abortable, done: Promise<unknown>): void {
    const settled = done.finally(() => this.running.delete(controller));
    this.running.set(controller, settled);
  }

  /** Cuts off what still runs, waits for it to be recorded, and writes every waiting record. */
  async close(): Promise<void> {
    for (const controller of this.running.keys()) controller.abort(new Error('the server is shutting down'));
    await Promise.allSettled([...this.running.values()]);
    await this.recorder.flush();
  }

  /** After the last close: writes the waiting records and ends the recorder's writer thread. */
  stop(): Promise<void> {
    return this.recorder.stop();
  }
}

const runtimes = new WeakMap<AppContext, WorkflowRuntime>();

export function workflowRuntime(ctx: AppContext): WorkflowRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    runtime = new WorkflowRuntime(ctx);
    runtimes.set(ctx, runtime);
  }
  return runtime;
}
