import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';
import { itemTest } from './filterBy.card.js';

/** Find: the first item whose value at `path` <operator> `comparison` holds, and its index (none: nothing and -1). */
export default defineCard({
  type: 'list:findBy',
  title: 'Find',
  description: 'Find the first item in a list that matches a comparison.',
  kind: 'function',
  okta: { address: kernelAddress('list:findBy'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'path', type: 'string' },
    { key: 'operator', type: 'string', value: '==' },
    { key: 'comparison', type: 'string' },
  ],
  outputs: [
    { key: 'item', type: 'object' },
    { key: 'index', type: 'number' },
  ],
  run(ctx) {
    const list = listInput(ctx);
    const index = list.findIndex(itemTest(ctx));
    return { outputs: outputsByKey(ctx, { item: index === -1 ? null : list[index], index }) };
  },
});
