import { defineCard, kernelAddress } from '../../engine/card.js';
import { flowRefOf, outputsFromHelper, passedInputs, runHelperOrFail } from '../shared/helper-flows.js';

/**
 * Call Flow: runs a helper flow with the card's other inputs (by key) and waits for it; the helper's
 * Return fields become the outputs with the same keys. A helper that fails fails this card.
 */
export default defineCard({
  type: 'control:spawn',
  title: 'Call Flow',
  description: 'Call another flow and wait for its output.',
  kind: 'function',
  okta: { address: kernelAddress('control:spawn'), timeout: 300000 },
  inputs: [{ key: 'flo', type: 'flo', label: 'Helper Flow' }],
  outputs: [],
  extensible: { inputs: true, outputs: true },
  async run(ctx) {
    const result = await runHelperOrFail(ctx, flowRefOf(ctx), { inputs: passedInputs(ctx.inputs, ['flo']) });
    return { outputs: outputsFromHelper(ctx.outputFields, result) };
  },
});
