import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { isEmpty } from '../../engine/values/compare.js';
import { isPlainObject } from '../../engine/values/types.js';
import { setOwn } from '../../model/own-keys.js';
import { booleanInput } from '../shared/inputs.js';

/**
 * Clear Empty: the object without keys whose value is empty (nothing, empty text, an empty list or
 * an object without keys). With `recursive`, nested objects (also inside lists) are cleared first,
 * so an object that becomes empty goes too.
 */
export default defineCard({
  type: 'object:clearEmpty',
  title: 'Clear Empty',
  description: 'Remove keys with empty values from an object.',
  kind: 'function',
  okta: { address: kernelAddress('object:clearEmpty'), timeout: 90000 },
  inputs: [
    { key: 'object', type: 'object', value: {} },
    { key: 'recursive', type: 'boolean', value: false },
  ],
  outputs: [{ key: 'output', type: 'object' }],
  run(ctx) {
    const object = ctx.input('object') ?? {};
    if (!isPlainObject(object)) throw new CardError("input 'object' must be an object");
    return { outputs: outputsByKey(ctx, { output: clear(object, booleanInput(ctx, 'recursive', false)) }) };
  },
});

function clear(object: Record<string, unknown>, recursive: boolean): Record<string, unknown> {
  const output: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    const cleared = recursive ? clearValue(value) : value;
    if (!isEmpty(cleared)) setOwn(output, key, cleared);
  }
  return output;
}

function clearValue(value: unknown): unknown {
  if (isPlainObject(value)) return clear(value, true);
  if (Array.isArray(value)) return value.map((item) => (isPlainObject(item) ? clear(item, true) : item));
  return value;
}
