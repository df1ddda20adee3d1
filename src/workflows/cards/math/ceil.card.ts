import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { requiredNumber } from '../shared/inputs.js';

/** Round Up: the smallest whole number not below a (2.1 → 3, -2.1 → -2). */
export default defineCard({
  type: 'math:ceil',
  title: 'Round Up',
  description: 'Round a number up to the next whole number.',
  kind: 'function',
  okta: { address: kernelAddress('math:ceil'), timeout: 90000 },
  inputs: [{ key: 'a', type: 'number', value: 0 }],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { output: Math.ceil(requiredNumber(ctx, 'a')) || 0 }) };
  },
});
