import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { booleanInput } from '../shared/inputs.js';

/** And: True if both a and b are true. Nothing counts as false (Okta's loose booleans). */
export default defineCard({
  type: 'boolean:and',
  title: 'And',
  description: 'True if both a and b are true.',
  kind: 'function',
  okta: { address: kernelAddress('boolean:and'), timeout: 90000 },
  inputs: [
    { key: 'a', type: 'boolean', value: false },
    { key: 'b', type: 'boolean', value: false },
  ],
  outputs: [{ key: 'output', type: 'boolean' }],
  run(ctx) {
    const [a, b] = [booleanInput(ctx, 'a'), booleanInput(ctx, 'b')];
    return { outputs: outputsByKey(ctx, { output: a && b }) };
  },
});
