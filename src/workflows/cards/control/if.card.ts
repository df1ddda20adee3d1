import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { CONDITION_FIELDS, evaluateCondition } from '../shared/condition.js';

/** If/Else: compares value a with value b; the engine then runs the true or the false branch. */
export default defineCard({
  type: 'control:if',
  title: 'If/Else',
  description: 'Evaluate a condition and branch the flow.',
  kind: 'function',
  okta: { address: kernelAddress('control:if'), timeout: 90000 },
  inputs: CONDITION_FIELDS,
  outputs: [{ key: 'result', type: 'boolean' }],
  extensible: { outputs: true },
  run(ctx) {
    const result = evaluateCondition(ctx);
    return { outputs: outputsByKey(ctx, { result }), branch: result };
  },
});
