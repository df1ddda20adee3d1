import { defineCard, kernelAddress } from '../../engine/card.js';
import { flowRefOf, passedInputs } from '../shared/helper-flows.js';

/** Call Flow Async: starts a helper flow with the card's other inputs and goes on without waiting. */
export default defineCard({
  type: 'control:run',
  title: 'Call Flow Async',
  description: 'Call another flow without waiting for it to finish.',
  kind: 'function',
  okta: { address: kernelAddress('control:run'), timeout: 90000 },
  inputs: [{ key: 'flo', type: 'flo', label: 'Helper Flow' }],
  outputs: [],
  extensible: { inputs: true },
  run(ctx) {
    ctx.flows.start(flowRefOf(ctx), { inputs: passedInputs(ctx.inputs, ['flo']) });
    return {};
  },
});
