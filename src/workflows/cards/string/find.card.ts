import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { graphemeIndexOf, utf16IndexOf } from '../shared/graphemes.js';
import { numberInput, textInput } from '../shared/inputs.js';

/**
 * Find: the position (0 is the first) of the first `substr` in the text from `start`, or -1. Positions are
 * user-perceived characters, as Text Segment takes them (see shared/graphemes.ts).
 */
export default defineCard({
  type: 'string:find',
  title: 'Find',
  description: 'Find the position of text within text.',
  kind: 'function',
  okta: { address: kernelAddress('string:find'), timeout: 90000 },
  inputs: [
    { key: 'string', type: 'string', label: 'text' },
    { key: 'substr', type: 'string', label: 'search for' },
    { key: 'start', type: 'number', label: 'start at' },
  ],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    const text = textInput(ctx, 'string');
    const output = graphemeIndexOf(text, text.indexOf(textInput(ctx, 'substr'), utf16IndexOf(text, Math.max(0, numberInput(ctx, 'start') ?? 0))));
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
