import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { booleanInput } from '../shared/inputs.js';

/** Or: True if a or b (or both) is true. Nothing counts as false (Okta's loose booleans). */
export default defineCard({
  type: 'boolean:or',
  title: 'Or',
  description: 'True if a or b (or both) is true.',
  kind: 'function',
  okta: { address: kernelAddress('boolean:or'), timeout: 90000 },
  inputs: [
    { key: 'a', type: 'boolean', value: false },
    { key: 'b', type: 'boolean', value: false },
  ],
  outputs: [{ key: 'output', type: 'boolean' }],
  run(ctx) {
    const [a, b] = [booleanInput(ctx, 'a'), booleanInput(ctx, 'b')];
    return { outputs: outputsByKey(ctx, { output: a || b }) };
  },
});
