import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';

/** JSON Stringify: an object or list as JSON text (nothing stays nothing). */
export default defineCard({
  type: 'json:stringify',
  title: 'Stringify',
  description: 'Turn an object or a list into JSON text.',
  kind: 'function',
  okta: { address: kernelAddress('json:stringify'), timeout: 30000 },
  inputs: [{ key: 'object', type: 'object', value: {} }],
  outputs: [{ key: 'output', type: 'string', value: '' }],
  run(ctx) {
    const value = ctx.input('object');
    return { outputs: outputsByKey(ctx, { output: value === null ? null : JSON.stringify(value) }) };
  },
});
