import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';
import { requiredNumber } from '../shared/inputs.js';

/** At: the item at `index` (0 is the first; -1 the last); nothing past either end. */
export default defineCard({
  type: 'list:at',
  title: 'At',
  description: 'Return the item at a specific position in a list, where the first item is in position 0.',
  kind: 'function',
  okta: { address: kernelAddress('list:at'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'index', type: 'number', value: 0 },
  ],
  outputs: [{ key: 'item', type: 'object' }],
  run(ctx) {
    const list = listInput(ctx);
    const index = requiredNumber(ctx, 'index');
    if (!Number.isInteger(index)) throw new CardError(`index must be a whole number, not ${index}`);
    return { outputs: outputsByKey(ctx, { item: list.at(index) ?? null }) };
  },
});
