import { baseType, type BaseType, type Declared } from './types.js';

/*
 * Okta's loose coercions (the flopack flags looseBooleans, looseStrings, looseNulls, auto-transform):
 * a value that reaches a field of another type is read as that type when it reasonably can be, and is
 * left as it is when it cannot (the card that uses it then decides). Nothing here throws.
 * Dates are ISO-8601 text, as in Okta's JSON.
 */

/** The value read as the field's declared type (and as a list when the field is one). */
export function coerceToField(value: unknown, declared: Declared): unknown {
  if (value === undefined || value === null) return null;
  const base = baseType(declared.type);
  if (declared.list) {
    const list = Array.isArray(value) ? value : parsedJsonList(value) ?? [value];
    return list.map((item) => coerceScalar(item, base));
  }
  return coerceScalar(value, base);
}

export function coerceScalar(value: unknown, base: BaseType): unknown {
  if (value === undefined || value === null) return null;
  switch (base) {
    case 'string':
      return toText(value);
    case 'number':
      return toNumberLoose(value);
    case 'boolean':
      return toBooleanLoose(value);
    case 'Date':
      // Loose nulls: empty text is no date.
      if (typeof value === 'string' && value.trim() === '') return null;
      return toIsoDate(value) ?? value;
    case 'object':
      return toObjectLoose(value);
    default:
      return value;
  }
}

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Text that holds a number becomes that number; empty text is nothing. */
export function toNumberLoose(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    const number = Number(text);
    return Number.isFinite(number) ? number : value;
  }
  return value;
}

/** `true`/`false` in any case, and numbers (0 is false), are true/false values. */
export function toBooleanLoose(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    if (text === '') return null;
  }
  return value;
}

/** A date as ISO-8601 text, from text Date can read or from milliseconds since 1970; else undefined. */
export function toIsoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** JSON text of an object or list is read as that object or list (Okta's auto-transform). */
function toObjectLoose(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return null;
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

function parsedJsonList(value: unknown): unknown[] | undefined {
  if (typeof value !== 'string' || !value.trim().startsWith('[')) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
