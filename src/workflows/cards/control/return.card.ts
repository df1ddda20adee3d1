import { defineCard, kernelAddress } from '../../engine/card.js';
import { inputsObject, mirrorInputs } from '../shared/by-key.js';

/**
 * Return: ends the flow and hands its fields back, by key. A helper flow gives them to its caller;
 * an API Endpoint flow answers 200 with them as a JSON object (the engine does that).
 */
export default defineCard({
  type: 'control:return',
  title: 'Return',
  description: 'End the flow and return values to the caller.',
  kind: 'function',
  okta: { address: kernelAddress('control:return'), timeout: 90000 },
  inputs: [],
  outputs: [],
  extensible: { inputs: true, outputs: true },
  run(ctx) {
    return { outputs: mirrorInputs(ctx), end: { kind: 'return', outputs: inputsObject(ctx) } };
  },
});
