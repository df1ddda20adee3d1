import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';

/** Flatten: a list of lists as one list (one level; items that are not lists stay as they are). */
export default defineCard({
  type: 'list:flatten',
  title: 'Flatten',
  description: 'Flatten a list of lists into one list.',
  kind: 'function',
  okta: { address: kernelAddress('list:flatten'), timeout: 90000 },
  inputs: [{ key: 'lists', type: 'object', list: true, value: [] }],
  outputs: [{ key: 'list', type: 'object', list: true }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { list: listInput(ctx, 'lists').flat(1) }) };
  },
});
