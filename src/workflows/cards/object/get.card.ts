import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { getPath } from '../../engine/values/paths.js';
import { textOf } from '../../engine/values/types.js';

/** Object Get: the value at a dotted path (`a.b.0.c`); nothing when the path leads nowhere. */
export default defineCard({
  type: 'object:get',
  title: 'Get',
  description: 'Get the value at a path in an object.',
  kind: 'function',
  okta: { address: kernelAddress('object:get'), timeout: 90000 },
  inputs: [
    { key: 'object', type: 'object', value: {} },
    { key: 'path', type: 'string', value: '' },
  ],
  outputs: [{ key: 'output', type: 'string', value: '' }],
  run(ctx) {
    return { outputs: outputsByKey(ctx, { output: getPath(ctx.input('object'), textOf(ctx.input('path'))) }) };
  },
});
