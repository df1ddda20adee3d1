import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { booleanInput } from '../shared/inputs.js';

/** Or (Exclusive): True if exactly one of a and b is true. Nothing counts as false (Okta's loose booleans). */
export default defineCard({
  type: 'boolean:xor',
  title: 'Or (Exclusive)',
  description: 'True if exactly one of a and b is true.',
  kind: 'function',
  okta: { address: kernelAddress('boolean:xor'), timeout: 90000 },
  inputs: [
    { key: 'a', type: 'boolean', value: false },
    { key: 'b', type: 'boolean', value: false },
  ],
  outputs: [{ key: 'output', type: 'boolean' }],
  run(ctx) {
    const [a, b] = [booleanInput(ctx, 'a'), booleanInput(ctx, 'b')];
    return { outputs: outputsByKey(ctx, { output: a !== b }) };
  },
});
