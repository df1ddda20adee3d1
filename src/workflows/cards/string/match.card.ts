import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textInput } from '../shared/inputs.js';
import { patternOf, searchPattern } from '../shared/patterns.js';

/** Find Pattern: the position of the first match of the regular expression `target`, or -1. */
export default defineCard({
  type: 'string:match',
  title: 'Find Pattern',
  description: 'Find the position of the first match of a regular expression.',
  kind: 'function',
  okta: { address: kernelAddress('string:match'), timeout: 90000 },
  inputs: [
    { key: 'string', type: 'string', label: 'text' },
    { key: 'target', type: 'string', label: 'pattern' },
  ],
  outputs: [{ key: 'output', type: 'number' }],
  run(ctx) {
    const output = searchPattern(textInput(ctx, 'string'), patternOf(textInput(ctx, 'target'), ''));
    return { outputs: outputsByKey(ctx, { output }) };
  },
});
