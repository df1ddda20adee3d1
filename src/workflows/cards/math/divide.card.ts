import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { numberInput, requiredNumber } from '../shared/inputs.js';
import { roundTo } from './round.card.js';

/**
 * Divide: a ÷ b, rounded to `decimals` places when given; `percentage` is the same quotient as a
 * percentage text ("12.5%"). Dividing by zero fails the card.
 * Okta's reference (help.okta.com "Divide"): "Number of decimal points: the number of decimal points in the
 * resulting quotient value", so 0 gives a whole number (10 ÷ 4 → 3, -10 ÷ 4 → -2: halves toward +∞, the
 * rule of Round, see round.card.ts). The percentage is rounded to the same number of places.
 */
export default defineCard({
  type: 'math:divide',
  title: 'Divide',
  description: 'Divide one number by another.',
  kind: 'function',
  okta: { address: kernelAddress('math:divide'), timeout: 90000 },
  inputs: [
    { key: 'a', type: 'number', value: 0 },
    { key: 'b', type: 'number', value: 0 },
    { key: 'decimals', type: 'number' },
  ],
  outputs: [
    { key: 'output', type: 'number' },
    { key: 'percentage', type: 'string' },
  ],
  run(ctx) {
    const [a, b] = [requiredNumber(ctx, 'a'), requiredNumber(ctx, 'b')];
    if (b === 0) throw new CardError('cannot divide by zero');
    const decimals = numberInput(ctx, 'decimals');
    const quotient = a / b;
    const output = decimals === null ? quotient : roundTo(quotient, decimals);
    const percent = decimals === null ? quotient * 100 : roundTo(quotient * 100, decimals);
    return { outputs: outputsByKey(ctx, { output, percentage: `${percent}%` }) };
  },
});
