import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';

/**
 * Lookup: a value→value table. The `options` fields are the table (field key → value); `key` picks
 * the row (compared as text; nothing picks the row named `null`), and `else` answers for any other key.
 */
export default defineCard({
  type: 'control:lookup',
  title: 'Lookup',
  description: 'Look up a value in a table of options.',
  kind: 'function',
  okta: { address: kernelAddress('control:lookup'), timeout: 90000 },
  inputs: [
    { key: 'key', type: 'string' },
    { key: 'else', type: 'string' },
  ],
  outputs: [{ key: 'result', type: 'string' }],
  extensible: { inputs: true },
  run(ctx) {
    const key = ctx.input('key');
    const name = key === null ? 'null' : textOf(key);
    const row = ctx.inputs.find(({ field }) => field.group === 'options' && field.key === name);
    return { outputs: outputsByKey(ctx, { result: row ? row.value : ctx.input('else') }) };
  },
});
