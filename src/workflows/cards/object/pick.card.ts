import { defineCard, kernelAddress } from '../../engine/card.js';
import { getPath } from '../../engine/values/paths.js';

/** Get Multiple: one output per path; each output's key is its dotted path (`data.userProfile.login`). */
export default defineCard({
  type: 'object:pick',
  title: 'Get Multiple',
  description: 'Get the values at several paths in an object.',
  kind: 'function',
  okta: { address: kernelAddress('object:pick'), timeout: 90000 },
  inputs: [{ key: 'object', type: 'object', value: {} }],
  outputs: [],
  extensible: { outputs: true },
  run(ctx) {
    const object = ctx.input('object');
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.outputFields) outputs[field.id] = getPath(object, field.key);
    return { outputs };
  },
});
