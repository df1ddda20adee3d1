import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { isPlainObject } from '../../engine/values/types.js';
import { setOwn } from '../../model/own-keys.js';

/**
 * Merge: the keys of every object input, in the card's order; a key in several objects keeps the
 * value of the last one (help.okta.com "Merge"). Inputs with nothing are skipped.
 */
export default defineCard({
  type: 'object:merge',
  title: 'Merge',
  description: 'Merge two or more objects into one.',
  kind: 'function',
  okta: { address: kernelAddress('object:merge'), timeout: 90000 },
  inputs: [
    { key: 'start', type: 'object', label: 'object 1' },
    { key: 'sink', type: 'object', label: 'object 2' },
  ],
  outputs: [{ key: 'output', type: 'object' }],
  extensible: { inputs: true },
  run(ctx) {
    const output: Record<string, unknown> = {};
    for (const { field, value } of ctx.inputs) {
      if (value === null) continue;
      if (!isPlainObject(value)) throw new CardError(`input '${field.key}' must be an object`);
      for (const [key, member] of Object.entries(value)) setOwn(output, key, member);
    }
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
