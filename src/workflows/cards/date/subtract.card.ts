import { CardError, defineCard, kernelAddress, outputsByKey } from '../card.js';
import { dateOf, isoOf, unitOf } from '../shared/dates.js';
import { numberInput } from '../shared/inputs.js';

/** Subtract: the date `scale` `unit`s earlier (milliseconds … years; months and years by the UTC calendar). */
export default defineCard({
  type: 'date:subtract',
  title: 'Subtract',
  description: 'Subtract a duration from a date.',
  kind: 'function',
  okta: { address: kernelAddress('date:subtract'), timeout: 90000 },
  inputs: [
    { key: 'start', type: 'Date' },
    { key: 'scale', type: 'number', value: 0 },
    { key: 'unit', type: 'string', value: 'days' },
  ],
  outputs: [{ key: 'output', type: 'Date' }],
  run(ctx) {
    const start = dateOf(ctx.input('start'), 'start');
    const scale = numberInput(ctx, 'scale') ?? 0;
    const unit = unitOf(ctx.input('unit'));
    if ((unit === 'months' || unit === 'years') && !Number.isInteger(scale)) throw new CardError(`${unit} must be added in whole numbers, not ${scale}`);
    return { outputs: outputsByKey(ctx, { output: isoOf(start.toUTC().minus({ [unit]: scale })) }) };
  },
});
