import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { textOf } from '../../engine/values/types.js';
import { dateOf, formatDate, isoOf, zoneOf } from '../shared/dates.js';

/** Date to Text: the date in Okta's format codes (`M/D/Y`, `dddd, MMMM D, Y h:mm a z`), in `zone`. */
export default defineCard({
  type: 'date:format',
  title: 'Date to Text',
  description: 'Format a date as text in a time zone.',
  kind: 'function',
  okta: { address: kernelAddress('date:format'), timeout: 90000 },
  inputs: [
    { key: 'start', type: 'Date' },
    { key: 'format', type: 'string', value: 'YYYY-MM-DD' },
    { key: 'zone', type: 'string', value: 'UTC' },
  ],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const start = dateOf(ctx.input('start'), 'start');
    const format = textOf(ctx.input('format'));
    return { outputs: outputsByKey(ctx, { output: format === '' ? isoOf(start) : formatDate(start, format, zoneOf(ctx.input('zone'))) }) };
  },
});
