import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { textOf } from '../../engine/values/types.js';
import { dateOf, formatDate, isoOf, zoneOf } from '../shared/dates.js';

/**
 * Convert: one date in several forms: `date`, `iso` (UTC, without fractional seconds), `epoch`
 * (seconds since 1970, as text), `unix` (milliseconds since 1970, as text), `human` (in UTC: "Wed,
 * 07 Sep 2016 16:55:25 GMT") and `custom` (in `format` and `zone`, like Date to Text).
 */
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
        human: date.toJSDate().toUTCString(),
        custom: format === '' ? null : formatDate(date, format, zoneOf(ctx.input('zone'))),
      }),
    };
  },
});
