import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { getPath } from '../../engine/values/paths.js';
import { textOf } from '../../engine/values/types.js';
import { listInput } from '../shared/helper-flows.js';
import { compareItems } from '../shared/items.js';

/** Sort: the items in ascending order of their value at `path` (the item itself when empty); stable. */
export default defineCard({
  type: 'list:sortBy',
  title: 'Sort',
  description: 'Sort a list in ascending order.',
  kind: 'function',
  okta: { address: kernelAddress('list:sortBy'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'path', type: 'string' },
  ],
  outputs: [{ key: 'sorted list', type: 'object', list: true }],
  run(ctx) {
    const path = textOf(ctx.input('path'));
    const sorted = listInput(ctx)
      .map((item, index) => ({ item, index, key: getPath(item, path) }))
      .sort((a, b) => compareItems(a.key, b.key) || a.index - b.index)
      .map(({ item }) => item);
    return { outputs: outputsByKey(ctx, { 'sorted list': sorted }) };
  },
});
