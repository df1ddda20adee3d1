import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';

/** Concatenate: the text of every input, in the card's order, with nothing between them. */
export default defineCard({
  type: 'string:concat',
  title: 'Concatenate',
  description: 'Concatenate two or more text strings.',
  kind: 'function',
  okta: { address: kernelAddress('string:concat'), timeout: 90000 },
  inputs: [
    { key: 'string1', type: 'string', label: 'text 1' },
    { key: 'string2', type: 'string', label: 'text 2' },
  ],
  outputs: [{ key: 'output', type: 'string' }],
  extensible: { inputs: true },
  run(ctx) {
    return { outputs: outputsByKey(ctx, { output: ctx.inputs.map(({ value }) => textOf(value)).join('') }) };
  },
});
