import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';

/** Base64: the text's UTF-8 bytes in Base64. */
export default defineCard({
  type: 'string:base64',
  title: 'Base64',
  description: 'Encode text in Base64.',
  kind: 'function',
  okta: { address: kernelAddress('string:base64'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { output: Buffer.from(textInput(ctx, 'string'), 'utf8').toString('base64') }) };
  },
});
