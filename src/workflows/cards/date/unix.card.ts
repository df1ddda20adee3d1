import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { dateOf } from '../shared/dates.js';

/** UNIX: the date as milliseconds since 1970-01-01T00:00:00Z. */
export default defineCard({
  type: 'date:unix',
  title: 'UNIX',
  description: 'Convert a date to UNIX time (milliseconds since 1970).',
  kind: 'function',
  okta: { address: kernelAddress('date:unix'), timeout: 90000 },
  inputs: [{ key: 'start', type: 'Date' }],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    const date = dateOf(ctx.input('start'), 'start');
    return { outputs: outputsByKey(ctx, { output: date.toMillis() }) };
  },
});
