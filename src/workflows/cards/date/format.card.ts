import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { dateOf, FORMAT_CODES, formatDate, isoOf, knownZoneOf } from '../shared/dates.js';

/**
 * Date to Text: the date in Okta's format codes (`M/D/Y`, `dddd, MMMM D, Y h:mm a z`), in `zone`.
 * Okta's reference: the format uses Moment.js tokens (help.okta.com "Date to Text"), including the ISO
 * week-year `GGGG`; the zone is a time zone name ("US/Pacific"): one that is not a zone is an error here,
 * not a silent UTC.
 */
export default defineCard({
  type: 'date:format',
  title: 'Date to Text',
  description: `Format a date as text in a time zone (an IANA name; an unknown zone is an error). Format codes (Moment.js): ${FORMAT_CODES.join(' ')}; [text] is literal.`,
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
    return { outputs: outputsByKey(ctx, { output: format === '' ? isoOf(start) : formatDate(start, format, knownZoneOf(ctx.input('zone'))) }) };
  },
});
