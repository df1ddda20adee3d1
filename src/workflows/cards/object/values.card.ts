import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { isPlainObject } from '../../engine/values/types.js';

/** Values: the object's values, in key order (nothing gives an empty list). */
export default defineCard({
  type: 'object:values',
  title: 'Values',
  description: 'Get the values of an object.',
  kind: 'function',
  okta: { address: kernelAddress('object:values'), timeout: 90000 },
  inputs: [{ key: 'object', type: 'object', value: {} }],
  outputs: [{ key: 'values', type: 'object', list: true }],
  run(ctx) {
    const object = ctx.input('object') ?? {};
    if (!isPlainObject(object)) throw new CardError("input 'object' must be an object");
    return { outputs: outputsByKey(ctx, { values: Object.values(object) }) };
  },
});
