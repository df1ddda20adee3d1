import { CardError } from '../card.js';

/** A regular expression from a flow; a malformed one fails the card with the reason. */
export function patternOf(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new CardError(`'${source}' is not a valid regular expression (${(error as Error).message})`);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces plain texts (not patterns) with `replacement`, taken literally (`$&` stays `$&`):
 * every occurrence when `global`, else the first; ignoring case unless `caseSensitive`.
 */
export function replaceLiteral(text: string, searches: readonly string[], replacement: string, options: { global: boolean; caseSensitive: boolean }): string {
  const wanted = searches.filter((search) => search !== '');
  if (wanted.length === 0) return text;
  const pattern = new RegExp(wanted.map(escapeRegExp).join('|'), `${options.global ? 'g' : ''}${options.caseSensitive ? '' : 'i'}`);
  return text.replace(pattern, () => replacement);
}
