import { defineCard, kernelAddress } from '../../engine/card.js';
import { concurrencyOf, flowRefOf, forEachLimited, helperInputs, listInput } from '../shared/helper-flows.js';
import { ITERATOR_KEYS } from './each.card.js';

/**
 * For Each - Ignore Errors: like For Each, but every item runs whatever happens to the others; a
 * failing item is recorded in its own execution and the card still succeeds.
 */
export default defineCard({
  type: 'list:asyncEach',
  title: 'For Each - Ignore Errors',
  description: 'Process items in a list by calling a Flow for each item, continuing through all items even if one causes an error.',
  kind: 'function',
  okta: { address: kernelAddress('list:asyncEach'), timeout: 300000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'flo', type: 'flo', label: 'Helper Flow' },
    { key: 'concurrency', type: 'number', value: 1 },
  ],
  outputs: [],
  extensible: { inputs: true },
  async run(ctx) {
    const list = listInput(ctx);
    const flow = flowRefOf(ctx);
    await forEachLimited(list.length, concurrencyOf(ctx), (index) => ctx.flows.run(flow, { inputs: helperInputs(ctx.inputs, list[index], ITERATOR_KEYS), index }), false);
    return {};
  },
});
