import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { listInput } from '../shared/helper-flows.js';

/** List to Text: the items as text (objects as JSON, nothing as empty text) with `delimiter` between them. */
export default defineCard({
  type: 'list:join',
  title: 'List to Text',
  description: 'Join the items of a list into text.',
  kind: 'function',
  okta: { address: kernelAddress('list:join'), timeout: 90000 },
  inputs: [
    { key: 'list', type: 'string', list: true, value: [] },
    { key: 'delimiter', type: 'string', value: ',' },
  ],
  outputs: [{ key: 'string', type: 'string' }],
  run(ctx) {
    const delimiter = ctx.input('delimiter');
    return { outputs: outputsByKey(ctx, { string: listInput(ctx).map(textOf).join(delimiter === null ? ',' : textOf(delimiter)) }) };
  },
});
