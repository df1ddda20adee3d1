import { defineCard, kernelAddress } from '../../engine/card.js';

/**
 * Delegated Flow: a flow an admin runs from the Admin Console with inputs (group `inputs`), started
 * here by a call with those inputs. `user context.okta-user-id` is the admin who ran it (the call's
 * `okta-user-id` context value), `context.execution_id` the execution.
 */
export default defineCard({
  type: 'http:delegated',
  title: 'Delegated Flow',
  description: 'Start a flow from the Admin Console, with inputs an admin gives.',
  kind: 'event',
  triggers: ['call', 'manual'],
  okta: { address: kernelAddress('http:delegated'), timeout: 90000 },
  inputs: [],
  outputs: [
    { key: 'okta-user-id', type: 'string', group: 'user context' },
    { key: 'execution_id', type: 'string', group: 'context', label: 'Execution ID' },
  ],
  extensible: { outputs: true },
  run(ctx) {
    const call = ctx.trigger.kind === 'call' ? ctx.trigger : undefined;
    const inputs = call?.inputs ?? {};
    const context = call?.context ?? {};
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.outputFields) {
      if (field.group === 'context') outputs[field.id] = field.key === 'execution_id' ? ctx.executionId : null;
      else if (field.group === 'user context') outputs[field.id] = Object.hasOwn(context, field.key) ? context[field.key] : Object.hasOwn(inputs, field.key) ? inputs[field.key] : null;
      else outputs[field.id] = Object.hasOwn(inputs, field.key) ? inputs[field.key] : null;
    }
    return { outputs };
  },
});
