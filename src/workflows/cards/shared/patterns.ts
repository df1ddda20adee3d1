import type { RE2JS } from 're2js';
import { compilePattern, flagsOf } from '../../../platform/linear-regex.js';
import { CardError } from '../../engine/card.js';

/**
 * A regular expression from a flow, compiled for RE2 (linear time: no pattern can stall the server); a
 * malformed or unsupported one (lookaround, backreferences) fails the card with the reason.
 */
export function patternOf(source: string, flags: string): RE2JS {
  try {
    return compilePattern(source, flagsOf(flags));
  } catch (error) {
    throw new CardError((error as Error).message);
  }
}

/** The UTF-16 position of the first match of `pattern` in `text`, or -1 (as `String.prototype.search`). */
export function searchPattern(text: string, pattern: RE2JS): number {
  const matcher = pattern.matcher(text);
  return matcher.find() ? matcher.start() : -1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces plain texts (not patterns) with `replacement`, taken literally (`$&` stays `$&`):
 * every occurrence when `global`, else the first; ignoring case unless `caseSensitive`.
 * The texts are escaped, so the native engine only ever sees an alternation of literals.
 */
export function replaceLiteral(text: string, searches: readonly string[], replacement: string, options: { global: boolean; caseSensitive: boolean }): string {
  const wanted = searches.filter((search) => search !== '');
  if (wanted.length === 0) return text;
  const pattern = new RegExp(wanted.map(escapeRegExp).join('|'), `${options.global ? 'g' : ''}${options.caseSensitive ? '' : 'i'}`);
  return text.replace(pattern, () => replacement);
}
