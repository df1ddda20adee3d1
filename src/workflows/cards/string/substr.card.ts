import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { graphemes } from '../shared/graphemes.js';
import { numberInput, textInput } from '../shared/inputs.js';

/**
 * Text Segment: the characters from position `start` (0 is the first) up to but not including `end`;
 * no `start` starts at 0, no `end` (or one past the text) goes to the end.
 * Positions count user-perceived characters (Okta: "the position of the first character"), so a segment
 * never cuts an emoji or an accented letter in half (see shared/graphemes.ts).
 */
export default defineCard({
  type: 'string:substr',
  title: 'Text Segment',
  description: 'Extract a segment of text by position.',
  kind: 'function',
  okta: { address: kernelAddress('string:substr'), timeout: 90000 },
  inputs: [
    { key: 'string', type: 'string', label: 'text' },
    { key: 'start', type: 'number', label: 'start at' },
    { key: 'end', type: 'number', label: 'end before' },
  ],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const chars = graphemes(textInput(ctx, 'string'));
    const start = numberInput(ctx, 'start') ?? 0;
    const end = numberInput(ctx, 'end') ?? chars.length;
    if (!Number.isInteger(start) || !Number.isInteger(end)) throw new CardError('start and end must be whole positions');
    return { outputs: outputsByKey(ctx, { output: start >= end ? '' : chars.slice(Math.max(0, start), Math.max(0, end)).join('') }) };
  },
});
