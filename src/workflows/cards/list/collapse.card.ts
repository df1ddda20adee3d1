import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { isPlainObject } from '../../engine/values/types.js';
import { setOwn } from '../../model/own-keys.js';
import { listInput } from '../shared/helper-flows.js';

/** Collapse: a list of objects as one object; a key in several objects keeps the last value. */
export default defineCard({
  type: 'list:collapse',
  title: 'Collapse',
  description: 'Combine a list of objects into one object.',
  kind: 'function',
  okta: { address: kernelAddress('list:collapse'), timeout: 90000 },
  inputs: [{ key: 'list', type: 'object', list: true, value: [] }],
  outputs: [{ key: 'output', type: 'object' }],
  run(ctx) {
    const output: Record<string, unknown> = {};
    listInput(ctx).forEach((item, index) => {
      if (item === null) return;
      if (!isPlainObject(item)) throw new CardError(`item ${index} of the list is not an object`);
      for (const [key, value] of Object.entries(item)) setOwn(output, key, value);
    });
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
