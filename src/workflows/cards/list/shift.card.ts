import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';

/** Get First Item: the first item, and the list without it (an empty list gives nothing and []). */
export default defineCard({
  type: 'list:shift',
  title: 'Get First Item',
  description: 'Get the first item of a list.',
  kind: 'function',
  okta: { address: kernelAddress('list:shift'), timeout: 90000 },
  inputs: [{ key: 'list', type: 'object', list: true, value: [] }],
  outputs: [
    { key: 'list', type: 'object', list: true },
    { key: 'item', type: 'object' },
  ],
  run(ctx) {
    const list = listInput(ctx);
    return { outputs: outputsByKey(ctx, { list: list.slice(1), item: list.length > 0 ? list[0] : null }) };
  },
});
