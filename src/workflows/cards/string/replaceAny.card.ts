import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { booleanInput, textInput } from '../shared/inputs.js';
import { replaceLiteral } from '../shared/patterns.js';

/**
 * Replace Patterns: each of the texts in the `patterns` group (plain text, as the templates use it:
 * ".", "~", "null,") replaced by `replacement`; every occurrence when `global`, ignoring case
 * unless `case sensitive`.
 */
export default defineCard({
  type: 'string:replaceAny',
  title: 'Replace Patterns',
  description: 'Replace any of several texts within text.',
  kind: 'function',
  okta: { address: kernelAddress('string:replaceAny'), timeout: 90000 },
  inputs: [
    { key: 'text', type: 'string' },
    { key: 'replacement', type: 'string' },
    { key: 'global', type: 'boolean', value: true },
    { key: 'case sensitive', type: 'boolean', value: true },
  ],
  outputs: [{ key: 'output', type: 'string' }],
  extensible: { inputs: true },
  run(ctx) {
    const patterns = ctx.inputs.filter(({ field }) => field.group === 'patterns').map(({ value }) => textOf(value));
    const output = replaceLiteral(textInput(ctx, 'text'), patterns, textInput(ctx, 'replacement'), {
      global: booleanInput(ctx, 'global', true),
      caseSensitive: booleanInput(ctx, 'case sensitive', true),
    });
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
