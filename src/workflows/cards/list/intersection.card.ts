import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';
import { includesValue, unique } from '../shared/items.js';

/** Intersection: The items of list 1 that are also in list 2 (equal objects count as equal), each once, in list 1's order. */
export default defineCard({
  type: 'list:intersection',
  title: 'Intersection',
  description: 'Get the items that are in both lists.',
  kind: 'function',
  okta: { address: kernelAddress('list:intersection'), timeout: 90000 },
  inputs: [
    { key: 'list1', type: 'object', list: true, value: [] },
    { key: 'list2', type: 'object', list: true, value: [] },
  ],
  outputs: [{ key: 'list', type: 'object', list: true }],
  run(ctx) {
    const other = listInput(ctx, 'list2');
    return { outputs: outputsByKey(ctx, { list: unique(listInput(ctx, 'list1').filter((item) => includesValue(other, item))) }) };
  },
});
