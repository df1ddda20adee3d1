import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { compare } from '../../engine/values/compare.js';
import { listInput } from '../shared/helper-flows.js';
import { operandOf } from '../shared/items.js';

/** Includes: whether the list has an item equal to `value` (loosely: 80 equals "80"; objects by content). */
export default defineCard({
  type: 'list:includes',
  title: 'Includes',
  description: 'Check whether a list includes a value.',
  kind: 'function',
  okta: { address: kernelAddress('list:includes'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'value', type: 'string' },
  ],
  outputs: [{ key: 'result', type: 'boolean' }],
  run(ctx) {
    const value = ctx.input('value');
    const result = listInput(ctx).some((item) => compare('==', operandOf(item), operandOf(value)));
    return { outputs: outputsByKey(ctx, { result }) };
  },
});
