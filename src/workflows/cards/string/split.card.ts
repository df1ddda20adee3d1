import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';

/** Split: cuts text at each separator into a list; an empty separator gives the characters. */
export default defineCard({
  type: 'string:split',
  title: 'Split',
  description: 'Split text into a list at a separator.',
  kind: 'function',
  okta: { address: kernelAddress('string:split'), timeout: 90000 },
  inputs: [
    { key: 'string', type: 'string', label: 'text' },
    { key: 'delimiter', type: 'string', label: 'separator', value: ',' },
  ],
  outputs: [{ key: 'output', type: 'string', list: true, value: [] }],
  run(ctx) {
    const text = ctx.input('string');
    const separator = textOf(ctx.input('delimiter'));
    const output = text === null ? [] : separator === '' ? Array.from(textOf(text)) : textOf(text).split(separator);
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
