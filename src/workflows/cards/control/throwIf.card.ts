import { defineCard, kernelAddress } from '../../engine/card.js';
import { inputsObject } from '../shared/by-key.js';
import { CONDITION_FIELDS, evaluateCondition } from '../shared/condition.js';
import { returnedError } from './throw.card.js';

/** Return Error If: ends the flow as failed when the condition is true; extra inputs travel as details. */
export default defineCard({
  type: 'control:throwIf',
  title: 'Return Error If',
  description: 'End the flow with an error if a condition is true.',
  kind: 'function',
  okta: { address: kernelAddress('control:throwIf'), timeout: 90000 },
  inputs: [...CONDITION_FIELDS, { key: 'message', type: 'string', value: '' }, { key: 'statusCode', type: 'number' }],
  outputs: [],
  extensible: { inputs: true },
  run(ctx) {
    if (!evaluateCondition(ctx)) return {};
    const details = inputsObject(ctx, ['left-operand', 'operator', 'right-operand', 'message', 'statusCode']);
    throw returnedError(ctx.input('message'), ctx.input('statusCode'), Object.keys(details).length > 0 ? details : undefined);
  },
});
