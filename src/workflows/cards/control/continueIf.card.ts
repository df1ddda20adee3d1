import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { CONDITION_FIELDS, evaluateCondition } from '../shared/condition.js';
import { textOf } from '../../engine/values/types.js';

/** Continue If: when the condition is false the flow stops here, without an error, with the optional message. */
export default defineCard({
  type: 'control:continueIf',
  title: 'Continue If',
  description: 'Continue or halt the flow based on a condition.',
  kind: 'function',
  okta: { address: kernelAddress('control:continueIf'), timeout: 90000 },
  inputs: [...CONDITION_FIELDS, { key: 'message', type: 'string', group: 'otherwise' }],
  outputs: [{ key: 'message', type: 'string' }],
  run(ctx) {
    if (evaluateCondition(ctx)) return {};
    const message = ctx.input('message');
    return {
      outputs: outputsByKey(ctx, { message }),
      end: { kind: 'halt', message: message === null ? undefined : textOf(message) },
    };
  },
});
