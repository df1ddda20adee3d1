import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';

/** Add to End: the list with `item` added after its last item (the input list is not changed). */
export default defineCard({
  type: 'list:push',
  title: 'Add to End',
  description: 'Add an item to the end of a list.',
  kind: 'function',
  okta: { address: kernelAddress('list:push'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'item', type: 'string' },
  ],
  outputs: [{ key: 'list', type: 'object', list: true }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { list: [...listInput(ctx), ctx.input('item')] }) };
  },
});
