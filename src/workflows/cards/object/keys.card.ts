import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { isPlainObject } from '../../engine/values/types.js';

/** Keys: the object's keys, in order (nothing gives an empty list). */
export default defineCard({
  type: 'object:keys',
  title: 'Keys',
  description: 'Get the keys of an object.',
  kind: 'function',
  okta: { address: kernelAddress('object:keys'), timeout: 90000 },
  inputs: [{ key: 'object', type: 'object', value: {} }],
  outputs: [{ key: 'keys', type: 'string', list: true }],
  run(ctx) {
    const object = ctx.input('object') ?? {};
    if (!isPlainObject(object)) throw new CardError("input 'object' must be an object");
    return { outputs: outputsByKey(ctx, { keys: Object.keys(object) }) };
  },
});
