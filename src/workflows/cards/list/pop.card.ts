import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';

/** Get Last Item: the last item of a list, and the list without it (an empty list gives nothing). */
export default defineCard({
  type: 'list:pop',
  title: 'Get Last Item',
  description: 'Get the last item of a list.',
  kind: 'function',
  okta: { address: kernelAddress('list:pop'), timeout: 90000 },
  inputs: [{ key: 'list', type: 'string', list: true, value: [] }],
  outputs: [
    { key: 'list', type: 'string', list: true, value: [] },
    { key: 'item', type: 'string', value: '' },
  ],
  run(ctx) {
    const value = ctx.input('list');
    const list = Array.isArray(value) ? value : [];
    return { outputs: outputsByKey(ctx, { list: list.slice(0, -1), item: list.length > 0 ? list[list.length - 1] : null }) };
  },
});
