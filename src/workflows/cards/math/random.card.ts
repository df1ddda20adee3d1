import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { requiredNumber } from '../shared/inputs.js';

/** Random Integer: a whole number from a to b, both included (either order). */
export default defineCard({
  type: 'math:random',
  title: 'Random Integer',
  description: 'Generate a random whole number between two numbers.',
  kind: 'function',
  okta: { address: kernelAddress('math:random'), timeout: 90000 },
  inputs: [
    { key: 'a', type: 'number', value: 0, label: 'minimum' },
    { key: 'b', type: 'number', value: 100, label: 'maximum' },
  ],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    const [a, b] = [requiredNumber(ctx, 'a'), requiredNumber(ctx, 'b')];
    const low = Math.ceil(Math.min(a, b));
    const high = Math.floor(Math.max(a, b));
    if (low > high) throw new CardError(`there is no whole number between ${a} and ${b}`);
    return { outputs: outputsByKey(ctx, { output: low + Math.floor(ctx.random() * (high - low + 1)) }) };
  },
});
