import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';

/** Encode Component: the text encoded for use inside a URL (JavaScript's encodeURIComponent). */
export default defineCard({
  type: 'url:encodeComponent',
  title: 'Encode Component',
  description: 'Encode text for use in a URL.',
  kind: 'function',
  okta: { address: kernelAddress('url:encodeComponent'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { output: encodeURIComponent(textInput(ctx, 'string')) }) };
  },
});
