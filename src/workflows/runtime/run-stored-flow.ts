/**
 * Runs a stored flow inside the server for anything but its invoke URL: a helper flow another flow calls
 * by id, a flow an Okta event starts, a scheduled tick. Every run gets the host's services (other flows,
 * outbound HTTP, the Okta connector, tables), is tracked so that shutdown can cut it off, and is
 * recorded (with the execution and card that started it, for helper flows) after it ends.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { runFlow, type ExecutionResult, type FlowTrigger } from '../engine/index.js';
import { readNestedFlow } from '../flopack/index.js';
import type { RunnableFlow } from './flow-cache.js';
import { workflowRuntime } from './workflow-runtime.js';
import { executionRowOf } from '../store/execution-record.js';
import { engineServices } from './engine-services.js';

export interface StoredRunOptions {
  /** The execution and card that started this run (Call Flow, iterators, error flows). */
  parent?: { executionId: string; cardId: string };
  /** The caller's signal: when the parent is cut off, so is this run. */
  signal?: AbortSignal;
  executionId?: string;
  /** Longest run; the runtime's after-answer limit (10 minutes) when unset. */
  limitMs?: number;
}

export async function runStoredFlow(ctx: AppContext, flow: RunnableFlow, trigger: FlowTrigger, options: StoredRunOptions = {}): Promise<ExecutionResult> {
  const runtime = workflowRuntime(ctx);
  const executionId = options.executionId ?? randomUUID();
  const controller = new AbortController();
  const limitMs = options.limitMs ?? runtime.options.afterAnswerLimitMs;
  const limit = setTimeout(() => controller.abort(new Error(`the flow ran for more than ${limitMs / 1000} seconds`)), limitMs);
  limit.unref();
  const parentSignal = options.signal;
  const followParent = () => controller.abort(parentSignal?.reason);
  if (parentSignal?.aborted) followParent();
  else parentSignal?.addEventListener('abort', followParent, { once: true });

  const done = runFlow(flow.prepared, trigger, {
    executionId,
    clock: () => ctx.clock(),
    signal: controller.signal,
    recordValues: flow.saveAllData,
    cards: runtime.options.cards,
    readNestedFlow,
    services: engineServices(ctx),
  });
  runtime.track(controller, done);
  try {
    const result = await done;
    runtime.recorder.record(executionRowOf(result, {
      flowId: flow.id, flowName: flow.name, trigger: trigger.kind, saveAllData: flow.saveAllData, parent: options.parent,
    }));
    return result;
  } finally {
    clearTimeout(limit);
    parentSignal?.removeEventListener('abort', followParent);
  }
}
