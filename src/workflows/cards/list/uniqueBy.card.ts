import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { getPath } from '../../engine/values/paths.js';
import { textOf } from '../../engine/values/types.js';
import { listInput } from '../shared/helper-flows.js';
import { unique } from '../shared/items.js';

/** Remove Duplicates: the first item of each distinct value at `path` (the whole item when empty), in order. */
export default defineCard({
  type: 'list:uniqueBy',
  title: 'Remove Duplicates',
  description: 'Remove duplicate items from a list.',
  kind: 'function',
  okta: { address: kernelAddress('list:uniqueBy'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'path', type: 'string' },
  ],
  outputs: [{ key: 'unique list', type: 'object', list: true }],
  run(ctx) {
    const path = textOf(ctx.input('path'));
    return { outputs: outputsByKey(ctx, { 'unique list': unique(listInput(ctx), (item) => getPath(item, path)) }) };
  },
});
