import type { CardRunContext, CardFieldSpec } from '../../engine/card.js';
import { compare } from '../../engine/values/compare.js';

/** The condition fields shared by If/Else, Continue If and Return Error If (Okta's keys and labels). */
export const CONDITION_FIELDS: readonly CardFieldSpec[] = [
  { key: 'left-operand', type: 'string', label: 'value a' },
  { key: 'operator', type: 'string', label: 'comparison', value: '==' },
  { key: 'right-operand', type: 'string', label: 'value b' },
];

/**
 * Evaluates value a <comparison> value b, by the types the two value fields declare. `group` picks
 * one condition of a card with several (If/ElseIf).
 */
export function evaluateCondition(ctx: Pick<CardRunContext, 'inputs'>, group?: string): boolean {
  const inGroup = (key: string) => ctx.inputs.find((input) => input.field.key === key && (group === undefined || input.field.group === group));
  const left = inGroup('left-operand');
  const right = inGroup('right-operand');
  const operator = inGroup('operator')?.value;
  return compare(typeof operator === 'string' ? operator : '==', {
    value: left?.value ?? null,
    type: left?.field.type,
    list: left?.field.list,
  }, {
    value: right?.value ?? null,
    type: right?.field.type,
    list: right?.field.list,
  });
}
