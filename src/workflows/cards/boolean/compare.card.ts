import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { CONDITION_FIELDS, evaluateCondition } from '../shared/condition.js';

/** Compare: whether value a <comparison> value b holds, by the types the fields declare. */
export default defineCard({
  type: 'boolean:compare',
  title: 'Compare',
  description: 'Compare two values.',
  kind: 'function',
  okta: { address: kernelAddress('boolean:compare'), timeout: 90000 },
  inputs: CONDITION_FIELDS,
  outputs: [{ key: 'result', type: 'boolean' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { result: evaluateCondition(ctx) }) };
  },
});
