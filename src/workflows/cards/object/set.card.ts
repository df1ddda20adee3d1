import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { setPath } from '../../engine/values/paths.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';

/** Set: a copy of the object with `value` at the dotted `path` (created or replaced; the input is not changed). */
export default defineCard({
  type: 'object:set',
  title: 'Set',
  description: 'Set the value at a path in an object.',
  kind: 'function',
  okta: { address: kernelAddress('object:set'), timeout: 90000 },
  inputs: [
    { key: 'object', type: 'object', value: {} },
    { key: 'path', type: 'string' },
    { key: 'value', type: 'string' },
  ],
  outputs: [{ key: 'output', type: 'object' }],
  run(ctx) {
    const object = ctx.input('object') ?? {};
    if (!isPlainObject(object)) throw new CardError("input 'object' must be an object");
    const path = textOf(ctx.input('path'));
    if (path === '') throw new CardError('a path is needed to set a value');
    const output = structuredClone(object);
    try {
      setPath(output, path, ctx.input('value'));
    } catch (error) {
      throw new CardError((error as Error).message);
    }
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
