import { defineCard, kernelAddress } from '../../engine/card.js';
import type { Field } from '../../model/flow.schema.js';
import { evaluateCondition } from '../shared/condition.js';
import { contextValues, flowRefOf, outputsFromHelper, runHelperOrFail } from '../shared/helper-flows.js';

/**
 * If/ElseIf: conditions in order (the `if` group, then each extra condition group as Okta's editor
 * placed them); the first that holds runs its nested flow, none runs the `else` flow. Outer values
 * reach the nested flows through the card's `context` inputs; the chosen flow's Return fields become
 * the card's outputs with the same keys.
 */
export default defineCard({
  type: 'control:branch',
  title: 'If/ElseIf',
  description: 'Run the first branch whose condition is true, else the else branch.',
  kind: 'function',
  okta: { address: kernelAddress('control:branch'), timeout: 300000 },
  inputs: [
    { key: 'left-operand', type: 'string', group: 'if', label: 'value a' },
    { key: 'operator', type: 'string', group: 'if', label: 'comparison', value: '==' },
    { key: 'right-operand', type: 'string', group: 'if', label: 'value b' },
    { key: 'flo', type: 'flo', group: 'if', label: 'Helper Flow' },
    { key: 'flo', type: 'flo', group: 'else', label: 'Helper Flow' },
  ],
  outputs: [],
  extensible: { inputs: true, outputs: true },
  async run(ctx) {
    const chosen = conditionGroups(ctx.inputs.map(({ field }) => field)).find((group) => evaluateCondition(ctx, group)) ?? 'else';
    if (!ctx.inputs.some(({ field }) => field.group === chosen && field.key === 'flo')) return {};
    const result = await runHelperOrFail(ctx, flowRefOf(ctx, 'flo', chosen), { inputs: {}, context: contextValues(ctx.inputs) });
    return { outputs: outputsFromHelper(ctx.outputFields, result) };
  },
});

/** The condition groups in Okta's order: `if` first, then the others by their place on the card. */
export function conditionGroups(fields: readonly Field[]): string[] {
  const placeOf = (field: Field): number => {
    const metadata = field.okta?.metadata as { index?: unknown } | undefined;
    return typeof metadata?.index === 'number' ? metadata.index : Number.MAX_SAFE_INTEGER;
  };
  const places = new Map<string, number>();
  fields.forEach((field, position) => {
    if (field.key !== 'left-operand' || field.group === undefined || field.group === 'else') return;
    const place = placeOf(field) === Number.MAX_SAFE_INTEGER ? position : placeOf(field);
    places.set(field.group, Math.min(places.get(field.group) ?? place, place));
  });
  return [...places].sort(([a, placeA], [b, placeB]) => (a === 'if' ? -1 : b === 'if' ? 1 : placeA - placeB)).map(([group]) => group);
}
