import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';

/** Trim: the text without spaces and line breaks at either end. */
export default defineCard({
  type: 'string:trim',
  title: 'Trim',
  description: 'Remove spaces and line breaks from both ends of text.',
  kind: 'function',
  okta: { address: kernelAddress('string:trim'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const text = textInput(ctx, 'string');
    return { outputs: outputsByKey(ctx, { output: text.trim() }) };
  },
});
