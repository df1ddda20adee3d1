import { defineCard, kernelAddress } from '../card.js';

/**
 * Helper Flow: starts a flow that another flow (or `tollgate flow run --input`) calls with inputs by
 * name. Outputs: the inputs, plus `context` (`index`, `parent`, `error`, `execution_id`, `execution_time`).
 */
export default defineCard({
  type: 'control:callable',
  title: 'Helper Flow',
  description: 'Starts a flow on demand, when another flow or the Invoke API calls it.',
  kind: 'event',
  triggers: ['call'],
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
    const call = ctx.trigger.kind === 'call' ? ctx.trigger : { inputs: {} as Record<string, unknown>, parent: undefined, index: undefined };
    const context: Record<string, unknown> = {
      index: call.index ?? null,
      parent: call.parent ?? null,
      error: null,
      execution_id: ctx.executionId,
      execution_time: ctx.now().toISOString(),
    };
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.outputFields) {
      const source = field.group === 'context' ? context : call.inputs;
      outputs[field.id] = Object.hasOwn(source, field.key) ? source[field.key] : null;
    }
    return { outputs };
  },
});
