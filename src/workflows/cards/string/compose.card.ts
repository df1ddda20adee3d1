import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';

/** `{{{name}}}` (what Okta writes) or `{{name}}`: the text of the input with that key (or id). */
const PLACEHOLDER = /\{\{\{([^{}]+)\}\}\}|\{\{([^{}]+)\}\}/g;

/**
 * Compose: builds text from a template (`_text_`) and the values dragged into it. Each placeholder
 * names another input of the card; its value is written as text (objects and lists as JSON, nothing
 * as empty text). A placeholder that names no input stays as written.
 */
export default defineCard({
  type: 'string:compose',
  title: 'Compose',
  description: 'Compose text from values.',
  kind: 'function',
  okta: { address: kernelAddress('string:compose'), timeout: 90000 },
  inputs: [{ key: '_text_', type: 'string', value: '' }],
  outputs: [{ key: 'output', type: 'string', value: '' }],
  extensible: { inputs: true },
  run(ctx) {
    const template = textOf(ctx.input('_text_'));
    const output = template.replace(PLACEHOLDER, (match, triple: string | undefined, double: string | undefined) => {
      const name = (triple ?? double ?? '').trim();
      const input = ctx.inputs.find(({ field }) => field.key !== '_text_' && (field.key === name || field.id === name));
      return input ? textOf(input.value) : match;
    });
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
