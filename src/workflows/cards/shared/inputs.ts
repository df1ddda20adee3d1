import { CardError, type CardRunContext } from '../../engine/card.js';
import { toBooleanLoose, toNumberLoose } from '../../engine/values/coerce.js';
import { textOf } from '../../engine/values/types.js';
import { describeValue } from './helper-flows.js';

/* Reading inputs the way function cards need them, with errors that name the input. */

/** A number input; nothing stays nothing, anything that is not a number fails the card. */
export function numberInput(ctx: Pick<CardRunContext, 'input'>, key: string): number | null {
  const value = ctx.input(key);
  if (value === null) return null;
  const number = toNumberLoose(value);
  if (typeof number === 'number') return number;
  throw new CardError(`input '${key}' must be a number, not ${describeValue(value)}`);
}

/** A number input that must be given. */
export function requiredNumber(ctx: Pick<CardRunContext, 'input'>, key: string): number {
  const number = numberInput(ctx, key);
  if (number === null) throw new CardError(`input '${key}' needs a number`);
  return number;
}

/** A text input; nothing is empty text, other values are written as text. */
export function textInput(ctx: Pick<CardRunContext, 'input'>, key: string): string {
  return textOf(ctx.input(key));
}

/** A true/false input; nothing is `fallback`; text and numbers are read loosely (Okta's looseBooleans). */
export function booleanInput(ctx: Pick<CardRunContext, 'input'>, key: string, fallback = false): boolean {
  const value = ctx.input(key);
  if (value === null) return fallback;
  // Loose booleans: "1" and "0" read as the numbers they hold.
  const boolean = toBooleanLoose(typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value);
  if (typeof boolean === 'boolean') return boolean;
  throw new CardError(`input '${key}' must be true or false, not ${describeValue(value)}`);
}
