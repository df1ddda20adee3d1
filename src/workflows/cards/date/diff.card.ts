import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { dateOf } from '../shared/dates.js';

const UNITS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'] as const;

/**
 * Difference: end minus start, as a whole number of each unit (each output the full difference in
 * that unit, cut toward zero; negative when end is earlier).
 */
export default defineCard({
  type: 'date:diff',
  title: 'Difference',
  description: 'Calculate the difference between two dates.',
  kind: 'function',
  okta: { address: kernelAddress('date:diff'), timeout: 90000 },
  inputs: [
    { key: 'start', type: 'Date' },
    { key: 'end', type: 'Date' },
  ],
  outputs: UNITS.map((unit) => ({ key: unit, type: 'number' as const })),
  run(ctx) {
    const start = dateOf(ctx.input('start'), 'start').toUTC();
    const end = dateOf(ctx.input('end'), 'end').toUTC();
    const values: Record<string, number> = {};
    for (const unit of UNITS) values[unit] = Math.trunc(end.diff(start, unit).as(unit)) || 0;
    return { outputs: outputsByKey(ctx, values) };
  },
});
