import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { dateOf, formatDate, isoOf, zoneOf } from '../shared/dates.js';

/**
 * Convert: one date in several forms: `date`, `iso` (UTC, without fractional seconds), `epoch`
 * (seconds since 1970, as text), `unix` (milliseconds since 1970, as text), `human` and `custom` (in
 * `format` and `zone`, like Date to Text).
 * Okta's reference gives `human` as "Wed, September 7th at 12:01 AM" (weekday, month, ordinal day, 12-hour
 * time; no year), here in UTC.
 */
const HUMAN = 'ddd, MMMM Do [at] h:mm A';

export default defineCard({
  type: 'date:fromISO',
  title: 'Convert',
  description: 'Convert a date and time to various formats.',
  kind: 'function',
  okta: { address: kernelAddress('date:fromISO'), timeout: 90000 },
  inputs: [
    { key: 'start', type: 'string' },
    { key: 'format', type: 'string' },
    { key: 'zone', type: 'string' },
  ],
  outputs: [
    { key: 'date', type: 'Date' },
    { key: 'iso', type: 'string' },
    { key: 'epoch', type: 'string' },
    { key: 'unix', type: 'string' },
    { key: 'human', type: 'string' },
    { key: 'custom', type: 'string' },
  ],
  run(ctx) {
    const date = dateOf(ctx.input('start'), 'start').toUTC();
    const format = textOf(ctx.input('format'));
    return {
      outputs: outputsByKey(ctx, {
        date: isoOf(date),
        iso: formatDate(date, 'YYYY-MM-DD[T]HH:mm:ss[Z]', 'UTC'),
        epoch: String(Math.floor(date.toMillis() / 1000)),
        unix: String(date.toMillis()),
        human: formatDate(date, HUMAN, 'UTC'),
        custom: format === '' ? null : formatDate(date, format, zoneOf(ctx.input('zone'))),
      }),
    };
  },
});
