import type { CardRunContext, CardFieldSpec } from '../card.js';
import { compare } from '../../engine/values/compare.js';

/** The condition fields shared by If/Else, Continue If and Return Error If (Okta's keys and labels). */
export const CONDITION_FIELDS: readonly CardFieldSpec[] = [
  { key: 'left-operand', type: 'string', label: 'value a' },
  { key: 'operator', type: 'string', label: 'comparison', value: '==' },
  { key: 'right-operand', type: 'string', label: 'value b' },
];

/** Evaluates value a <comparison> value b, by the types the two value fields declare. */
export function evaluateCondition(ctx: Pick<CardRunContext, 'inputs'>): boolean {
  const left = ctx.inputs.find((input) => input.field.key === 'left-operand');
  const right = ctx.inputs.find((input) => input.field.key === 'right-operand');
  const operator = ctx.inputs.find((input) => input.field.key === 'operator')?.value;
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
