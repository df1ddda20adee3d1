import { defineCard, kernelAddress } from '../../engine/card.js';
import { concurrencyOf, flowRefOf, forEachLimited, helperInputs, listInput, runHelperOrFail } from '../shared/helper-flows.js';

export const ITERATOR_KEYS = ['list', 'flo', 'concurrency'];

/**
 * For Each: runs a helper flow once per item (`context.index` its position), `concurrency` at a
 * time. The item goes to the helper input the card maps it to; other inputs go as they are. The
 * first failing item fails the card (items already running finish; no new one starts). No outputs.
 */
export default defineCard({
  type: 'list:each',
  title: 'For Each',
  description: 'Process items in a list by calling a Flow for each item.',
  kind: 'function',
  okta: { address: kernelAddress('list:each'), timeout: 300000 },
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
    await forEachLimited(list.length, concurrencyOf(ctx), (index) => runHelperOrFail(ctx, flow, { inputs: helperInputs(ctx.inputs, list[index], ITERATOR_KEYS), index }), true);
    return {};
  },
});
