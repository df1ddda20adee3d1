import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { isPlainObject } from '../../engine/values/types.js';
import { concurrencyOf, flowRefOf, forEachLimited, helperInputs, returnedValue, runHelperOrFail } from '../shared/helper-flows.js';

/**
 * Map to List: runs a helper flow per key of an object, handing it `{key, value}` (to the input the
 * card maps it to), and collects the Returns as `new list`, in the object's key order.
 */
export default defineCard({
  type: 'object:map',
  title: 'Map to List',
  description: 'Create a list by calling a Flow on each key and value of an object.',
  kind: 'function',
  okta: { address: kernelAddress('object:map'), timeout: 300000 },
  inputs: [
    { key: 'object', type: 'object', value: {} },
    { key: 'flo', type: 'flo', label: 'Helper Flow' },
    { key: 'concurrency', type: 'number', value: 1 },
  ],
  outputs: [{ key: 'new list', type: 'object', list: true }],
  extensible: { inputs: true },
  async run(ctx) {
    const object = ctx.input('object') ?? {};
    if (!isPlainObject(object)) throw new CardError("input 'object' must be an object");
    const entries = Object.entries(object).map(([key, value]) => ({ key, value }));
    const flow = flowRefOf(ctx);
    const target = ctx.outputFields.find((field) => field.key === 'new list');
    const results = await forEachLimited(
      entries.length,
      concurrencyOf(ctx),
      async (index) => returnedValue(await runHelperOrFail(ctx, flow, { inputs: helperInputs(ctx.inputs, entries[index], ['object', 'flo', 'concurrency']), index }), target),
      true,
    );
    return { outputs: outputsByKey(ctx, { 'new list': results.map((result) => (result.ok ? result.value : null)) }) };
  },
});
