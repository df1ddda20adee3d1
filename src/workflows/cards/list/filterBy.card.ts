import { defineCard, kernelAddress, outputsByKey, type CardRunContext } from '../../engine/card.js';
import { compare } from '../../engine/values/compare.js';
import { getPath } from '../../engine/values/paths.js';
import { textOf } from '../../engine/values/types.js';
import { listInput } from '../shared/helper-flows.js';
import { operandOf } from '../shared/items.js';

/**
 * Filter: the items whose value at `path` (the item itself when empty) <operator> `comparison`
 * holds, in order. Items compare by what they hold; `comparison` by its field's declared type.
 */
export default defineCard({
  type: 'list:filterBy',
  title: 'Filter',
  description: 'Filter a list by comparing a value in each item.',
  kind: 'function',
  okta: { address: kernelAddress('list:filterBy'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'path', type: 'string' },
    { key: 'operator', type: 'string', value: '==' },
    { key: 'comparison', type: 'string' },
  ],
  outputs: [{ key: 'list', type: 'object', list: true }],
  run(ctx) {
    const list = listInput(ctx);
    const test = itemTest(ctx);
    return { outputs: outputsByKey(ctx, { list: list.filter(test) }) };
  },
});

/** Whether an item's value at `path` stands in the card's comparison (shared with Find). */
export function itemTest(ctx: Pick<CardRunContext, 'input' | 'inputs'>): (item: unknown) => boolean {
  const path = textOf(ctx.input('path'));
  const operator = textOf(ctx.input('operator')) || '==';
  const comparison = ctx.inputs.find(({ field }) => field.key === 'comparison');
  const against = { value: comparison?.value ?? null, type: comparison?.field.type, list: comparison?.field.list };
  return (item) => compare(operator, operandOf(getPath(item, path)), against);
}
