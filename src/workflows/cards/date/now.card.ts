import { DateTime } from 'luxon';
import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { formatDate, isoOf } from '../shared/dates.js';

/**
 * Now: the current date and time in UTC, whole (`date`, `iso`, `full`: "Wed, 07 Sep 2016 16:55:25
 * GMT", `time`: "16:55:25") and in parts (`year`, `month` as its English name, `day`, `hour`,
 * `minute`, `second`, `millisecond`).
 */
export default defineCard({
  type: 'date:now',
  title: 'Now',
  description: 'Get the current date and time.',
  kind: 'function',
  okta: { address: kernelAddress('date:now'), timeout: 90000 },
  inputs: [],
  outputs: [
    { key: 'date', type: 'Date' },
    { key: 'iso', type: 'string' },
    { key: 'full', type: 'string' },
    { key: 'time', type: 'string' },
    { key: 'year', type: 'number' },
    { key: 'month', type: 'string' },
    { key: 'day', type: 'number' },
    { key: 'hour', type: 'number' },
    { key: 'minute', type: 'number' },
    { key: 'second', type: 'number' },
    { key: 'millisecond', type: 'number' },
  ],
  run(ctx) {
    const now = DateTime.fromJSDate(ctx.now(), { zone: 'utc' });
    return {
      outputs: outputsByKey(ctx, {
        date: isoOf(now),
        iso: isoOf(now),
        full: ctx.now().toUTCString(),
        time: formatDate(now, 'HH:mm:ss', 'UTC'),
        year: now.year,
        month: formatDate(now, 'MMMM', 'UTC'),
        day: now.day,
        hour: now.hour,
        minute: now.minute,
        second: now.second,
        millisecond: now.millisecond,
      }),
    };
  },
});
