import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { toBooleanLoose } from '../../engine/values/coerce.js';
import { concurrencyOf, flowRefOf, forEachLimited, helperInputs, listInput, returnedValue, runHelperOrFail } from '../shared/helper-flows.js';
import { ITERATOR_KEYS } from './each.card.js';

/**
 * Filter Custom: keeps the items for which the helper flow returns true (its Return's single
 * value); a helper that returns nothing keeps nothing. Order is kept.
 */
export default defineCard({
  type: 'list:filter',
  title: 'Filter Custom',
  description: 'Filter a list using a custom test. Each item in the input list is sent to a Flow that returns True for any item to include in the result list.',
  kind: 'function',
  okta: { address: kernelAddress('list:filter'), timeout: 300000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'flo', type: 'flo', label: 'Helper Flow' },
    { key: 'concurrency', type: 'number', value: 1 },
  ],
  outputs: [{ key: 'list', type: 'object', list: true }],
  extensible: { inputs: true },
  async run(ctx) {
    const list = listInput(ctx);
    const flow = flowRefOf(ctx);
    const kept = await forEachLimited(
      list.length,
      concurrencyOf(ctx),
      async (index) => toBooleanLoose(returnedValue(await runHelperOrFail(ctx, flow, { inputs: helperInputs(ctx.inputs, list[index], ITERATOR_KEYS), index }), undefined)) === true,
      true,
    );
    return { outputs: outputsByKey(ctx, { list: list.filter((_item, index) => kept[index].ok && (kept[index] as { value: boolean }).value) }) };
  },
});
