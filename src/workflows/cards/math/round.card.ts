import { CardError, defineCard, kernelAddress, outputsByKey } from '../card.js';
import { numberInput, requiredNumber } from '../shared/inputs.js';

/** A number rounded half away from zero to `decimals` places (0 to 15), without binary surprises (1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) throw new CardError(`decimals must be a whole number from 0 to 15, not ${decimals}`);
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`);
  const rounded = Math.round(shifted);
  const [back, backExponent = '0'] = String(rounded).split('e');
  const result = Number(`${back}e${Number(backExponent) - decimals}`);
  return value < 0 ? -result || 0 : result;
}

/** Round: a rounded to the nearest whole number (halves away from zero), or to `decimals` places. */
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
