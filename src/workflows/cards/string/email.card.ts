import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';

const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+/;

/** Find Email: the first email address in the text, or nothing. */
export default defineCard({
  type: 'string:email',
  title: 'Find Email',
  description: 'Find the first email address in text.',
  kind: 'function',
  okta: { address: kernelAddress('string:email'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'email', type: 'string' }],
  run(ctx) {
    const found = EMAIL.exec(textInput(ctx, 'string'));
    return { outputs: outputsByKey(ctx, { email: found ? found[0] : null }) };
  },
});
