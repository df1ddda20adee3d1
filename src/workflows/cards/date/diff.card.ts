import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { dateOf } from '../shared/dates.js';

const UNITS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds', 'milliseconds'] as const;

/**
 * Difference. Okta's reference: the "end date" field is the later date and the "start date" field the
 * earlier one; "if start date is later than end date, the outputs are negative". In Okta's export the input
 * keyed `start` is the one labelled "end date" (every template wires Now into it) and `end` is labelled
 * "start date", so each output is `start` − `end` by key.
 * Okta's outputs include partial units ("days: the number of days between the two dates, including partial
 * days"): 36 hours is 1.5 days, not 1; templates round or ceil them afterwards.
 */
export default defineCard({
  type: 'date:diff',
  title: 'Difference',
  description: 'Calculate the difference between two dates & times: end date (the later, key `start`) minus start date (key `end`), in each unit including partial units; negative when the start date is later.',
  kind: 'function',
  okta: { address: kernelAddress('date:diff'), timeout: 90000 },
  inputs: [
    { key: 'start', type: 'Date', label: 'end date' },
    { key: 'end', type: 'Date', label: 'start date' },
  ],
  outputs: UNITS.map((unit) => ({ key: unit, type: 'number' as const })),
  run(ctx) {
    const later = dateOf(ctx.input('start'), 'end date').toUTC();
    const earlier = dateOf(ctx.input('end'), 'start date').toUTC();
    const values: Record<string, number> = {};
    for (const unit of UNITS) values[unit] = later.diff(earlier, unit).as(unit) || 0;
    return { outputs: outputsByKey(ctx, values) };
  },
});
