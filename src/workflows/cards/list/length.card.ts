import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';

/** List Length: how many items the list has (nothing has 0). */
export default defineCard({
  type: 'list:length',
  title: 'Length',
  description: 'Count the number of items in a list.',
  kind: 'function',
  okta: { address: kernelAddress('list:length'), timeout: 90000 },
  inputs: [{ key: 'list', type: 'object', list: true, value: [] }],
  outputs: [{ key: 'length', type: 'number' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { length: listInput(ctx).length }) };
  },
});
