import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';

/** List Construct: a list of the card's inputs' values, in the card's order (nothing included). */
export default defineCard({
  type: 'list:construct',
  title: 'Construct',
  description: 'Build a list from values.',
  kind: 'function',
  okta: { address: kernelAddress('list:construct'), timeout: 90000 },
  inputs: [],
  outputs: [{ key: 'list', type: 'object', list: true }],
  extensible: { inputs: true },
  run(ctx) {
    return { outputs: outputsByKey(ctx, { list: ctx.inputs.map(({ value }) => value) }) };
  },
});
