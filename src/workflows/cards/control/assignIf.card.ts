import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { CONDITION_FIELDS, evaluateCondition } from '../shared/condition.js';

/** Assign If: `valueIfTrue` when value a <comparison> value b holds, else `valueIfFalse`; no branches. */
export default defineCard({
  type: 'control:assignIf',
  title: 'Assign If',
  description: 'Assign a value based on a condition.',
  kind: 'function',
  okta: { address: kernelAddress('control:assignIf'), timeout: 90000 },
  inputs: [...CONDITION_FIELDS, { key: 'valueIfTrue', type: 'string' }, { key: 'valueIfFalse', type: 'string' }],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const output = evaluateCondition(ctx) ? ctx.input('valueIfTrue') : ctx.input('valueIfFalse');
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
