import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { numberInput, requiredNumber } from '../shared/inputs.js';

/**
 * A number rounded to `decimals` places (0 to 15), without binary surprises (1.005 → 1.01).
 *
 * Okta's reference (help.okta.com "Round"): "Rounds a number to the nearest integer" — "If the number input is
 * 10.4, the rounded output is 10. If the number input is 10.5, the rounded output is 11." It is silent on
 * negative halves. Rule used: halves go toward +∞ (-2.5 → -2, -0.5 → 0), JavaScript's Math.round, because
 * Okta's Workflows engine is JavaScript and the documented 10.5 → 11 is that rule; Divide's "Number of
 * decimal points" uses the same rounding so both cards agree.
 */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) throw new CardError(`decimals must be a whole number from 0 to 15, not ${decimals}`);
  const [mantissa, exponent = '0'] = String(value).split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`);
  const rounded = Math.round(shifted);
  const [back, backExponent = '0'] = String(rounded).split('e');
  return Number(`${back}e${Number(backExponent) - decimals}`) || 0;
}

/** Round: a rounded to the nearest whole number (halves toward +∞, see roundTo), or to `decimals` places. */
export default defineCard({
  type: 'math:round',
  title: 'Round',
  description: 'Round a number to the nearest whole number.',
  kind: 'function',
  okta: { address: kernelAddress('math:round'), timeout: 90000 },
  inputs: [
    { key: 'a', type: 'number', value: 0 },
    { key: 'decimals', type: 'number' },
  ],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { output: roundTo(requiredNumber(ctx, 'a'), numberInput(ctx, 'decimals') ?? 0) }) };
  },
});
