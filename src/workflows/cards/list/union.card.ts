import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';
import { unique } from '../shared/items.js';

/** Union (Combine Unique): the items of both lists, each once (equal objects count as one), list 1's first. */
export default defineCard({
  type: 'list:union',
  title: 'Union (Combine Unique)',
  description: 'Combine two lists, keeping each item once.',
  kind: 'function',
  okta: { address: kernelAddress('list:union'), timeout: 90000 },
  inputs: [
    { key: 'list1', type: 'object', list: true, value: [] },
    { key: 'list2', type: 'object', list: true, value: [] },
  ],
  outputs: [{ key: 'union', type: 'object', list: true }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { union: unique([...listInput(ctx, 'list1'), ...listInput(ctx, 'list2')]) }) };
  },
});
