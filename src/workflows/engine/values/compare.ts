import { toBooleanLoose, toIsoDate, toNumberLoose } from './coerce.js';
import { baseType, deepEqual, isPlainObject, textOf, type Declared } from './types.js';

/**
 * Okta's comparison operators (the `choices` of every comparing card: If/Else, Continue If, Return
 * Error If, Assign If, Compare, List Filter/Find, If/ElseIf). One module, so every card compares alike.
 */
export const COMPARISON_OPERATORS = [
  '==',
  '!=',
  '===',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '%',
  'in',
  'not in',
  'has',
  "doesn't have",
  'is empty',
  'is not empty',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export function isComparisonOperator(value: unknown): value is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly unknown[]).includes(value);
}

/** A value together with the type its field declares: Okta compares by the declared types. */
export interface Operand extends Declared {
  value: unknown;
}

/**
 * How two operands compare, from their declared types: as numbers if either is a number (80 > 9),
 * as dates if either is a date, as true/false if either is one, as text if both are text ("80" < "9"),
 * and structurally for objects and lists.
 */
type Domain = 'number' | 'date' | 'boolean' | 'text' | 'structure';

function domainOf(a: Operand, b: Operand): Domain {
  if (a.list || b.list) return 'structure';
  const types = [baseType(a.type), baseType(b.type)];
  if (types.includes('object')) return 'structure';
  if (types.includes('number')) return 'number';
  if (types.includes('Date')) return 'date';
  if (types.includes('boolean')) return 'boolean';
  if (types[0] === 'string' && types[1] === 'string') return 'text';
  // Undeclared types (e.g. a card that compares list items): judge by the values themselves.
  return typeof a.value === 'number' || typeof b.value === 'number' ? 'number' : 'structure';
}

/** Throws for an operator Okta does not have, so a typo fails the card instead of branching wrongly. */
export function compare(operator: string, a: Operand, b: Operand): boolean {
  switch (operator) {
    case '==':
      return looseEquals(a, b);
    case '!=':
      return !looseEquals(a, b);
    case '===':
      return strictEquals(a.value, b.value);
    case '!==':
      return !strictEquals(a.value, b.value);
    case '>':
      return order(a, b, (x) => x > 0);
    case '>=':
      return order(a, b, (x) => x >= 0);
    case '<':
      return order(a, b, (x) => x < 0);
    case '<=':
      return order(a, b, (x) => x <= 0);
    case '%':
      return isMultipleOf(a.value, b.value);
    case 'in':
      return isIn(a.value, b.value);
    case 'not in':
      return !isIn(a.value, b.value);
    case 'has':
      return hasKey(a.value, b.value);
    case "doesn't have":
      return !hasKey(a.value, b.value);
    case 'is empty':
      return isEmpty(a.value);
    case 'is not empty':
      return !isEmpty(a.value);
    default:
      throw new Error(`unknown comparison '${operator}' (Okta's are: ${COMPARISON_OPERATORS.join(', ')})`);
  }
}

function asNumber(value: unknown): number | undefined {
  const number = toNumberLoose(value);
  return typeof number === 'number' ? number : undefined;
}

function asTime(value: unknown): number | undefined {
  const iso = toIsoDate(value);
  return iso === undefined ? undefined : Date.parse(iso);
}

function asBoolean(value: unknown): boolean {
  // Loose booleans and nulls: nothing counts as false.
  return toBooleanLoose(value) === true;
}

function looseEquals(a: Operand, b: Operand): boolean {
  const bothNothing = (a.value ?? null) === null && (b.value ?? null) === null;
  switch (domainOf(a, b)) {
    case 'number': {
      if (bothNothing) return true;
      const [x, y] = [asNumber(a.value), asNumber(b.value)];
      return x !== undefined && x === y;
    }
    case 'date': {
      if (bothNothing) return true;
      const [x, y] = [asTime(a.value), asTime(b.value)];
      return x !== undefined && x === y;
    }
    case 'boolean':
      return asBoolean(a.value) === asBoolean(b.value);
    case 'text':
      // Loose nulls: an empty text field and an unset one are equal.
      return textOf(a.value) === textOf(b.value);
    case 'structure':
      return deepEqual(a.value ?? null, b.value ?? null);
  }
}

function strictEquals(a: unknown, b: unknown): boolean {
  return kindOf(a) === kindOf(b) && deepEqual(a ?? null, b ?? null);
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

/** Ordering comparisons are false when either side has no value of the compared kind. */
function order(a: Operand, b: Operand, accept: (sign: number) => boolean): boolean {
  let sign: number | undefined;
  switch (domainOf(a, b)) {
    case 'number': {
      const [x, y] = [asNumber(a.value), asNumber(b.value)];
      if (x !== undefined && y !== undefined) sign = Math.sign(x - y);
      break;
    }
    case 'date': {
      const [x, y] = [asTime(a.value), asTime(b.value)];
      if (x !== undefined && y !== undefined) sign = Math.sign(x - y);
      break;
    }
    case 'boolean':
      sign = Number(asBoolean(a.value)) - Number(asBoolean(b.value));
      break;
    case 'text': {
      // Text sorts by character code, so "80" < "9" and "B" < "a".
      const [x, y] = [textOf(a.value), textOf(b.value)];
      sign = x === y ? 0 : x < y ? -1 : 1;
      break;
    }
    case 'structure':
      break;
  }
  return sign !== undefined && accept(sign);
}

/** 12, 0 and -4 are multiples of 4; 2, 3 and 7 are not. Only 0 is a multiple of 0. */
function isMultipleOf(a: unknown, b: unknown): boolean {
  const [x, y] = [asNumber(a), asNumber(b)];
  if (x === undefined || y === undefined) return false;
  if (y === 0) return x === 0;
  const quotient = x / y;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

/** `in`: value a is part of text b ("test" in "this is a test"), or an item of list b. */
function isIn(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return false;
  if (Array.isArray(b)) return b.some((item) => deepEqual(item, a) || (typeof item !== 'object' && textOf(item) === textOf(a)));
  if (b === null || b === undefined || isPlainObject(b)) return false;
  return textOf(b).includes(textOf(a));
}

/** `has key`: object a has a key named b (a list "has" its indexes). */
function hasKey(a: unknown, b: unknown): boolean {
  const key = textOf(b);
  if (Array.isArray(a)) return /^\d+$/.test(key) && Number(key) < a.length;
  return isPlainObject(a) && Object.hasOwn(a, key);
}

/** Nothing, empty text, an empty list and an object without keys are empty; numbers and true/false never are. */
export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}
