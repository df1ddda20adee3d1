import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';

/** Base64 Decode: Base64 (standard or URL-safe alphabet) back to UTF-8 text; anything else fails. */
export default defineCard({
  type: 'string:base64Decode',
  title: 'Base64 Decode',
  description: 'Decode Base64 text.',
  kind: 'function',
  okta: { address: kernelAddress('string:base64Decode'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const encoded = textInput(ctx, 'string').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(encoded) || encoded.length % 4 === 1) throw new CardError('the text is not Base64');
    const base64 = encoded.replace(/-/g, '+').replace(/_/g, '/');
    return { outputs: outputsByKey(ctx, { output: Buffer.from(base64, 'base64').toString('utf8') }) };
  },
});
