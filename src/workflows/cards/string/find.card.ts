import { defineCard, kernelAddress, outputsByKey } from '../card.js';
import { numberInput, textInput } from '../shared/inputs.js';

/** Find: the position (0 is the first) of the first `substr` in the text from `start`, or -1. */
export default defineCard({
  type: 'string:find',
  title: 'Find',
  description: 'Find the position of text within text.',
  kind: 'function',
  okta: { address: kernelAddress('string:find'), timeout: 90000 },
  inputs: [
    { key: 'string', type: 'string', label: 'text' },
    { key: 'substr', type: 'string', label: 'search for' },
    { key: 'start', type: 'number', label: 'start at' },
  ],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    const output = textInput(ctx, 'string').indexOf(textInput(ctx, 'substr'), numberInput(ctx, 'start') ?? 0);
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
