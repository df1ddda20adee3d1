import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { graphemeIndexOf, utf16IndexOf } from '../shared/graphemes.js';
import { numberInput, textInput } from '../shared/inputs.js';

/** Find Last: the position of the last `substr` in the text (at or before `index`, when given), or -1. */
export default defineCard({
  type: 'string:lastIndexOf',
  title: 'Find Last',
  description: 'Find the position of the last occurrence of text within text.',
  kind: 'function',
  okta: { address: kernelAddress('string:lastIndexOf'), timeout: 90000 },
  inputs: [
    { key: 'string', type: 'string', label: 'text' },
    { key: 'substr', type: 'string', label: 'search for' },
    { key: 'index', type: 'number', label: 'start before' },
  ],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    const text = textInput(ctx, 'string');
    // Positions are user-perceived characters, as Text Segment takes them (see shared/graphemes.ts).
    const index = numberInput(ctx, 'index');
    const output = graphemeIndexOf(text, text.lastIndexOf(textInput(ctx, 'substr'), index === null ? Number.POSITIVE_INFINITY : utf16IndexOf(text, index)));
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
