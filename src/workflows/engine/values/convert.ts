import { toIsoDate } from './coerce.js';
import { textOf } from './types.js';

/** A conversion on a wire that cannot be done (e.g. `parse` of text that is not JSON). */
export class ConversionError extends Error {}

/**
 * Okta's conversions on a wire (a pin's `transform.convert`), applied to the value leaving the output
 * before it reaches the input. Nothing stays nothing, except for `wrapArray`, which gives an empty list.
 */
export function applyConversion(value: unknown, convert: string | undefined, forceWrapArray = false): unknown {
  const converted = convert === undefined ? value : convertOne(value, convert);
  if (forceWrapArray && !Array.isArray(converted)) return converted === null || converted === undefined ? [] : [converted];
  return converted;
}

function convertOne(value: unknown, convert: string): unknown {
  if (value === undefined) value = null;
  switch (convert) {
    case 'parse':
      return parseJsonText(value);
    case 'stringify':
      if (value === null || typeof value === 'string') return value;
      return JSON.stringify(value);
    case 'toString':
      return value === null ? null : textOf(value);
    case 'wrapArray':
      if (Array.isArray(value)) return value;
      return value === null ? [] : [value];
    case 'parseFloat': {
      if (value === null || typeof value === 'number') return value;
      const number = Number.parseFloat(textOf(value));
      return Number.isNaN(number) ? null : number;
    }
    case 'booleanToString':
      return value === null ? null : textOf(value);
    case 'isoString':
    case 'dateTime': {
      // Loose nulls: nothing and empty text convert to nothing.
      if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
      const iso = toIsoDate(value);
      if (iso === undefined) throw new ConversionError(`'${textOf(value)}' is not a date`);
      return iso;
    }
    default:
      throw new ConversionError(`unknown conversion '${convert}'`);
  }
}

/** JSON text to its value; objects and lists pass through; empty text is nothing. */
export function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return null;
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new ConversionError(`the text is not valid JSON (${(error as Error).message})`);
  }
}
