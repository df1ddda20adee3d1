import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';

/** To Lower Case: the text in lower case. */
export default defineCard({
  type: 'string:toLowerCase',
  title: 'To Lower Case',
  description: 'Convert text to lower case.',
  kind: 'function',
  okta: { address: kernelAddress('string:toLowerCase'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const text = textInput(ctx, 'string');
    return { outputs: outputsByKey(ctx, { output: text.toLowerCase() }) };
  },
});
