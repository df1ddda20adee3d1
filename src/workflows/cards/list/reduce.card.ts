import { defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import type { ExecutionResult } from '../../engine/types.js';
import { isPlainObject } from '../../engine/values/types.js';
import type { Field } from '../../model/flow.schema.js';
import { setOwn } from '../../model/own-keys.js';
import { flowRefOf, helperInputs, helperKeyOf, helperOutputs, listInput, returnedValue, runHelperOrFail } from '../shared/helper-flows.js';

/**
 * The memo a helper's Return gives. Okta's own templates (Generate unique username, Darwinbox) return an
 * object memo as a single Return field named as the memo (`memo`): that field's value is the next memo.
 * Otherwise Okta's rule: an object memo takes all the Return's fields, any other memo the single value.
 */
function nextMemo(result: ExecutionResult, memoField: Field | undefined, memoKey: string): unknown {
  const outputs = helperOutputs(result);
  const keys = Object.keys(outputs);
  if (keys.length === 1 && keys[0] === memoKey && isPlainObject(outputs[memoKey])) return outputs[memoKey];
  return returnedValue(result, memoField);
}

/**
 * Reduce: runs a helper flow on each item in turn, handing it the accumulated value as `memo`
 * (starting with the card's `memo`); each Return gives the next memo (see `nextMemo`). The output `item` is the last memo. One item at
 * a time: each call needs the memo of the one before.
 */
export default defineCard({
  type: 'list:reduce',
  title: 'Reduce',
  description: 'Reduce a list to a single value by calling a Flow on each item with the accumulated value.',
  kind: 'function',
  okta: { address: kernelAddress('list:reduce'), timeout: 300000 },
  inputs: [
    { key: 'list', type: 'object', list: true, value: [] },
    { key: 'memo', type: 'object' },
    { key: 'flo', type: 'flo', label: 'Helper Flow' },
  ],
  outputs: [{ key: 'item', type: 'object' }],
  extensible: { inputs: true },
  async run(ctx) {
    const list = listInput(ctx);
    const flow = flowRefOf(ctx);
    const memoInput = ctx.inputs.find(({ field }) => field.key === 'memo');
    let memo: unknown = memoInput?.value ?? null;
    const memoKey = memoInput ? helperKeyOf(memoInput.field) : 'memo';
    for (let index = 0; index < list.length; index++) {
      const inputs = helperInputs(ctx.inputs, list[index], ['list', 'flo', 'concurrency']);
      setOwn(inputs, memoKey, memo);
      memo = nextMemo(await runHelperOrFail(ctx, flow, { inputs, index }), memoInput?.field, memoKey);
    }
    return { outputs: outputsByKey(ctx, { item: memo }) };
  },
});
