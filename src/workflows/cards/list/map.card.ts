import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { concurrencyOf, flowRefOf, forEachLimited, helperInputs, listInput, returnedValue, runHelperOrFail } from '../shared/helper-flows.js';
import { ITERATOR_KEYS } from './each.card.js';

/**
 * Map: runs a helper flow per item and collects what each Return gives, in the list's order, as
 * `new list` (an object per item when `new list` holds objects, else the Return's single value).
 */
export default defineCard({
  type: 'list:map',
  title: 'Map',
  description: 'Create a new list by calling a Flow on each item of a list.',
  kind: 'function',
  okta: { address: kernelAddress('list:map'), timeout: 300000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'flo', type: 'flo', label: 'Helper Flow' },
    { key: 'concurrency', type: 'number', value: 1 },
  ],
  outputs: [{ key: 'new list', type: 'object', list: true }],
  extensible: { inputs: true },
  async run(ctx) {
    const list = listInput(ctx);
    const flow = flowRefOf(ctx);
    const target = ctx.outputFields.find((field) => field.key === 'new list');
    const results = await forEachLimited(
      list.length,
      concurrencyOf(ctx),
      async (index) => returnedValue(await runHelperOrFail(ctx, flow, { inputs: helperInputs(ctx.inputs, list[index], ITERATOR_KEYS), index }), target),
      true,
    );
    return { outputs: outputsByKey(ctx, { 'new list': results.map((result) => (result.ok ? result.value : null)) }) };
  },
});
