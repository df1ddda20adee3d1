import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { numberInput } from '../shared/inputs.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random: random text of `length` letters and digits (default 16; at most 1000). */
export default defineCard({
  type: 'string:random',
  title: 'Random',
  description: 'Generate random text of a given length.',
  kind: 'function',
  okta: { address: kernelAddress('string:random'), timeout: 90000 },
  inputs: [{ key: 'length', type: 'number', value: 16 }],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const length = numberInput(ctx, 'length') ?? 16;
    if (!Number.isInteger(length) || length < 0 || length > 1000) throw new CardError(`length must be a whole number from 0 to 1000, not ${length}`);
    const output = Array.from({ length }, () => ALPHABET[Math.floor(ctx.random() * ALPHABET.length)]).join('');
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
