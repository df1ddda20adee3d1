import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { graphemeLength } from '../shared/graphemes.js';
import { textInput } from '../shared/inputs.js';

/**
 * Text Length: the number of characters. Okta: "the number of characters in the text"; counted as a reader
 * sees them (an emoji with a skin tone is 1, not 4 UTF-16 units; see shared/graphemes.ts).
 */
export default defineCard({
  type: 'string:length',
  title: 'Length',
  description: 'Count the characters in text.',
  kind: 'function',
  okta: { address: kernelAddress('string:length'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'length', type: 'number' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { length: graphemeLength(textInput(ctx, 'string')) }) };
  },
});
