import { createHmac, getHashes } from 'node:crypto';
import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';

const DIGESTS = ['base64', 'hex', 'binary'] as const;

/**
 * HMAC: the keyed hash of `data` with `key` (both as UTF-8 text), by `algorithm` (`sha256`, `sha1`,
 * `sha512`, … as Node names them), written in `digest` (`base64`, `hex` or `binary`).
 */
export default defineCard({
  type: 'crypto:hmac',
  title: 'HMAC',
  description: 'Create a hash-based message authentication code.',
  kind: 'function',
  okta: { address: kernelAddress('crypto:hmac'), timeout: 90000 },
  inputs: [
    { key: 'algorithm', type: 'string', value: 'sha256' },
    { key: 'key', type: 'string' },
    { key: 'data', type: 'string' },
    { key: 'digest', type: 'string', value: 'base64' },
  ],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const algorithm = textInput(ctx, 'algorithm') || 'sha256';
    const digest = (textInput(ctx, 'digest') || 'base64') as (typeof DIGESTS)[number];
    if (!getHashes().some((name) => name.toLowerCase() === algorithm.toLowerCase())) throw new CardError(`'${algorithm}' is not a hash algorithm this server has`);
    if (!DIGESTS.includes(digest)) throw new CardError(`digest '${digest}' is not one of ${DIGESTS.join(', ')}`);
    let output: string;
    try {
      const mac = createHmac(algorithm, textInput(ctx, 'key')).update(textInput(ctx, 'data'), 'utf8').digest();
      output = mac.toString(digest === 'binary' ? 'latin1' : digest);
    } catch (error) {
      throw new CardError(`'${algorithm}' cannot make an HMAC (${(error as Error).message})`);
    }
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
