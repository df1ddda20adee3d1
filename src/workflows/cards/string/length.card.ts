import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { textInput } from '../shared/inputs.js';

/** Text Length: the number of characters (UTF-16 units, as Okta's JavaScript counts them). */
export default defineCard({
  type: 'string:length',
  title: 'Length',
  description: 'Count the characters in text.',
  kind: 'function',
  okta: { address: kernelAddress('string:length'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'length', type: 'number' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { length: textInput(ctx, 'string').length }) };
  },
});
