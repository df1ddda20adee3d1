import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { requiredNumber } from '../shared/inputs.js';

/** Add: a + b. */
export default defineCard({
  type: 'math:add',
  title: 'Add',
  description: 'Add two numbers.',
  kind: 'function',
  okta: { address: kernelAddress('math:add'), timeout: 90000 },
  inputs: [
    { key: 'a', type: 'number', value: 0 },
    { key: 'b', type: 'number', value: 0 },
  ],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    const [a, b] = [requiredNumber(ctx, 'a'), requiredNumber(ctx, 'b')];
    return { outputs: outputsByKey(ctx, { output: a + b }) };
  },
});
