import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';

/** To Upper Case: the text in upper case (not in the 125 templates; Okta ships it beside To Lower Case). */
export default defineCard({
  type: 'string:toUpperCase',
  title: 'To Upper Case',
  description: 'Convert text to upper case.',
  kind: 'function',
  okta: { address: kernelAddress('string:toUpperCase'), timeout: 90000 },
  inputs: [{ key: 'string', type: 'string', label: 'text' }],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const text = textInput(ctx, 'string');
    return { outputs: outputsByKey(ctx, { output: text.toUpperCase() }) };
  },
});
