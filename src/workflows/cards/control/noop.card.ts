import { defineCard, kernelAddress } from '../../engine/card.js';
import { mirrorInputs } from '../shared/by-key.js';

/** Noop: does nothing. It heads If/Else branches and starts flows that are run by hand. */
export default defineCard({
  type: 'control:noop',
  title: 'Noop',
  description: 'Does nothing.',
  kind: 'function',
  okta: { address: kernelAddress('control:noop'), timeout: 90000 },
  inputs: [],
  outputs: [],
  extensible: { inputs: true, outputs: true },
  run(ctx) {
    return { outputs: mirrorInputs(ctx) };
  },
});
