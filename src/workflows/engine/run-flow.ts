import type { FlowDefinition, FlowGraph } from '../model/flow.schema.js';
import { Execution } from './execution.js';
import { prepareFlow, type PreparedFlow } from './prepare.js';
import type { EngineContext, ExecutionResult, FlowReply, FlowRun, FlowTrigger } from './types.js';

/**
 * Starts one execution of a flow. `reply` resolves as soon as the HTTP caller can be answered (API
 * Connector Close, Return Raw, Return) or, when no card answers, once the execution has ended;
 * `done` resolves with the full result. Neither rejects: failures are in the result.
 */
export function startFlow(flow: FlowDefinition | FlowGraph | PreparedFlow, trigger: FlowTrigger, ctx: EngineContext): FlowRun {
  const prepared = 'cardsById' in flow ? flow : prepareFlow(flow);
  let resolveReply!: (reply: FlowReply) => void;
  const reply = new Promise<FlowReply>((resolve) => (resolveReply = resolve));
  let replied = false;
  // Passed inline: under tsx a closure assigned to a name also costs a defineProperty per execution.
  const execution = new Execution(prepared, trigger, ctx, ctx.cards, (value: FlowReply) => {
    if (replied) return;
    replied = true;
    resolveReply(value);
  });
  const done = execution.run();
  return { reply, done };
}

/** Runs a flow to its end (the CLI and helper-flow calls; the invoke endpoint uses `startFlow`). */
export function runFlow(flow: FlowDefinition | FlowGraph | PreparedFlow, trigger: FlowTrigger, ctx: EngineContext): Promise<ExecutionResult> {
  return startFlow(flow, trigger, ctx).done;
}
