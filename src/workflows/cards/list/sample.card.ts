import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { listInput } from '../shared/helper-flows.js';
import { numberInput } from '../shared/inputs.js';

/** Sample: `amount` items picked at random (each at most once; the whole list, shuffled, if it is shorter). */
export default defineCard({
  type: 'list:sample',
  title: 'Sample',
  description: 'Pick random items from a list.',
  kind: 'function',
  okta: { address: kernelAddress('list:sample'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'amount', type: 'number', value: 1 },
  ],
  outputs: [{ key: 'samples', type: 'object', list: true }],
  run(ctx) {
    const pool = [...listInput(ctx)];
    const amount = numberInput(ctx, 'amount') ?? 1;
    if (!Number.isInteger(amount) || amount < 0) throw new CardError(`amount must be a whole number of items, not ${amount}`);
    const samples: unknown[] = [];
    while (samples.length < amount && pool.length > 0) samples.push(pool.splice(Math.floor(ctx.random() * pool.length), 1)[0]);
    return { outputs: outputsByKey(ctx, { samples }) };
  },
});
