import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { setPath } from '../../engine/values/paths.js';

/**
 * Construct: an object from the inputs, each input's key naming where its value goes. Dotted keys
 * build nested objects and numbers build lists: `commands.0.type` gives `{"commands":[{"type":…}]}`.
 */
export default defineCard({
  type: 'object:construct',
  title: 'Construct',
  description: 'Build an object from fields.',
  kind: 'function',
  okta: { address: kernelAddress('object:construct'), timeout: 90000 },
  inputs: [],
  outputs: [{ key: 'output', type: 'object', value: {} }],
  extensible: { inputs: true },
  run(ctx) {
    const output: Record<string, unknown> = {};
    for (const { field, value } of ctx.inputs) if (field.key !== '') setPath(output, field.key, value);
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
