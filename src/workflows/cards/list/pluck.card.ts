import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { getPath } from '../../engine/values/paths.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { listInput } from '../shared/helper-flows.js';

/** Pluck: the value at `key` (a key, or a dotted path) of each item, in order; nothing where an item has none. */
export default defineCard({
  type: 'list:pluck',
  title: 'Pluck',
  description: 'Get the value of a key from each object in a list.',
  kind: 'function',
  okta: { address: kernelAddress('list:pluck'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'key', type: 'string' },
  ],
  outputs: [{ key: 'values', type: 'string', list: true }],
  run(ctx) {
    const key = textOf(ctx.input('key'));
    const values = listInput(ctx).map((item) => (isPlainObject(item) && Object.hasOwn(item, key) ? item[key] : getPath(item, key)));
    return { outputs: outputsByKey(ctx, { values }) };
  },
});
