import { defineCard, kernelAddress } from '../../engine/card.js';
import { isPlainObject } from '../../engine/values/types.js';

/**
 * Helper Flow: starts a flow that another flow (or `tollgate flow run --input`) calls with inputs by
 * name. Outputs: the inputs, plus `context` (`index`, `parent`, `error`, `execution_id`, `execution_time`).
 */
export default defineCard({
  type: 'control:callable',
  title: 'Helper Flow',
  description: 'Starts a flow on demand, when another flow or the Invoke API calls it.',
  kind: 'event',
  // A scheduled flow starts with this card too (Okta names it "Scheduled Flow").
  triggers: ['call', 'schedule'],
  okta: { address: kernelAddress('control:callable'), timeout: 30000 },
  inputs: [],
  outputs: [
    { key: 'index', type: 'number', group: 'context', label: 'Index' },
    { key: 'parent', type: 'object', group: 'context', label: 'Caller' },
    { key: 'error', type: 'object', group: 'context', label: 'Error' },
    { key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' },
  ],
  extensible: { outputs: true },
  run(ctx) {
    const call = ctx.trigger.kind === 'call' ? ctx.trigger : { inputs: {} as Record<string, unknown>, parent: undefined, index: undefined, context: undefined, error: undefined };
    const context: Record<string, unknown> = {
      index: call.index ?? null,
      parent: call.parent ?? null,
      error: call.error ?? null,
      execution_id: ctx.executionId,
      execution_time: ctx.trigger.kind === 'schedule' ? ctx.trigger.scheduledAt : ctx.now().toISOString(),
    };
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.outputFields) {
      if (field.group === 'context') {
        // Okta's own context values, else a value an outer card passed into this nested flow.
        const extra = call.context ?? {};
        outputs[field.id] = Object.hasOwn(context, field.key) ? context[field.key] : Object.hasOwn(extra, field.key) ? extra[field.key] : null;
      } else outputs[field.id] = inputFor(call.inputs, field.group, field.key);
    }
    return { outputs };
  },
});

/** An input by key; a grouped input (`Output.Message`) also from an object under its group's name. */
function inputFor(inputs: Record<string, unknown>, group: string | undefined, key: string): unknown {
  if (group !== undefined) {
    const grouped = Object.hasOwn(inputs, group) ? inputs[group] : undefined;
    if (isPlainObject(grouped) && Object.hasOwn(grouped, key)) return grouped[key];
  }
  return Object.hasOwn(inputs, key) ? inputs[key] : null;
}
