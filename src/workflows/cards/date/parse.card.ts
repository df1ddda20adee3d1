import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { dateOf, isoOf, parseDate } from '../shared/dates.js';

/**
 * Text to Date: text read with Okta's format codes (`MM/DD/Y`, `x` for Unix milliseconds) as a
 * date in UTC; without a format, any standard date text.
 */
export default defineCard({
  type: 'date:parse',
  title: 'Text to Date',
  description: 'Read a date from text in a given format.',
  kind: 'function',
  okta: { address: kernelAddress('date:parse'), timeout: 90000 },
  inputs: [
    { key: 'start', type: 'string' },
    { key: 'format', type: 'string' },
  ],
  outputs: [{ key: 'output', type: 'Date' }],
  run(ctx) {
    const text = textOf(ctx.input('start'));
    const format = textOf(ctx.input('format')).trim();
    if (format === '') return { outputs: outputsByKey(ctx, { output: isoOf(dateOf(text, 'start')) }) };
    const date = parseDate(text, format);
    if (!date) throw new CardError(`'${text}' does not match the date format '${format}'`);
    return { outputs: outputsByKey(ctx, { output: isoOf(date) }) };
  },
});
