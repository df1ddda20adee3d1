import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { booleanInput, textInput } from '../shared/inputs.js';
import { replaceLiteral } from '../shared/patterns.js';

/**
 * Replace: `src` (plain text) replaced by `dest` in the text; every occurrence when `global`, else
 * the first; ignoring case unless `sensitive` (true by default).
 */
export default defineCard({
  type: 'string:replace',
  title: 'Replace',
  description: 'Replace text within text.',
  kind: 'function',
  okta: { address: kernelAddress('string:replace'), timeout: 90000 },
  inputs: [
    { key: 'string', type: 'string', label: 'text' },
    { key: 'src', type: 'string', label: 'search for' },
    { key: 'dest', type: 'string', label: 'replace with' },
    { key: 'global', type: 'boolean', value: false },
    { key: 'sensitive', type: 'boolean', label: 'case sensitive', value: true },
  ],
  outputs: [{ key: 'output', type: 'string' }],
  run(ctx) {
    const output = replaceLiteral(textInput(ctx, 'string'), [textInput(ctx, 'src')], textInput(ctx, 'dest'), {
      global: booleanInput(ctx, 'global', false),
      caseSensitive: booleanInput(ctx, 'sensitive', true),
    });
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
