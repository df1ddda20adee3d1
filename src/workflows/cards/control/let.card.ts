import { defineCard, kernelAddress } from '../../engine/card.js';
import { mirrorInputs } from '../shared/by-key.js';

/** Assign: each input becomes the output of the same name (new variables for later cards). */
export default defineCard({
  type: 'control:let',
  title: 'Assign',
  description: 'Create new output fields based on the input supplied.',
  kind: 'function',
  okta: { address: kernelAddress('control:let'), timeout: 90000 },
  inputs: [],
  outputs: [],
  extensible: { inputs: true, outputs: true },
  run(ctx) {
    return { outputs: mirrorInputs(ctx) };
  },
});
