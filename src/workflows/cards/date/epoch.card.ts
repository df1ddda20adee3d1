import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { dateOf } from '../shared/dates.js';

/** EPOCH: the date as whole seconds since 1970-01-01T00:00:00Z. */
export default defineCard({
  type: 'date:epoch',
  title: 'EPOCH',
  description: 'Convert a date to epoch time (seconds since 1970).',
  kind: 'function',
  okta: { address: kernelAddress('date:epoch'), timeout: 90000 },
  inputs: [{ key: 'start', type: 'Date' }],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    const date = dateOf(ctx.input('start'), 'start');
    return { outputs: outputsByKey(ctx, { output: Math.floor(date.toMillis() / 1000) }) };
  },
});
