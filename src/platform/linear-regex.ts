import { RE2JS } from 're2js';

/*
 * Regular expressions that come from outside (flow cards, claim and SAML group filters, schema patterns)
 * run on RE2 (re2js): matching takes time linear in the input, so no pattern can stall the process the way
 * `^([a-z]+)+$` does on a backtracking engine. RE2 has no lookaround and no backreferences; those patterns
 * are refused with a reason instead of being run.
 */

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

export interface PatternFlags {
  caseInsensitive?: boolean;
  /** `^` and `$` match at line breaks. */
  multiline?: boolean;
  /** `.` matches line breaks. */
  dotAll?: boolean;
}

/** Longest pattern accepted: a pattern is a rule, not data. */
export const MAX_PATTERN_LENGTH = 4096;

/** Why RE2 cannot run `source` (lookaround, backreferences), found outside escapes and character classes. */
function unsupportedSyntax(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))) return 'backreferences (\\1, \\k<name>) are not supported';
      i++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
      if (source[i + 1] === '^') i++;
      if (source[i + 1] === ']') i++;
    } else if (char === '(' && /^\(\?<?[=!]/.test(source.slice(i, i + 4))) {
      return 'lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported';
    }
  }
  return undefined;
}

/** JavaScript-style flags (`i`, `m`, `s`; `g`, `u`, `y` change nothing here) as re2js flags. */
export function flagsOf(text: string): PatternFlags {
  for (const flag of text) {
    if (!'gimsuy'.includes(flag)) throw new PatternError(`'${flag}' is not a regular expression flag (use i, m, s or g)`);
  }
  return { caseInsensitive: text.includes('i'), multiline: text.includes('m'), dotAll: text.includes('s') };
}

/** Compiles `source` (JavaScript / Java syntax as Okta uses it, within RE2's) or throws a PatternError saying why not. */
export function compilePattern(source: string, flags: PatternFlags = {}): RE2JS {
  if (source.length > MAX_PATTERN_LENGTH) throw new PatternError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  const unsupported = unsupportedSyntax(source);
  if (unsupported) throw new PatternError(`'${source}' is not a supported regular expression: ${unsupported}`);
  let bits = 0;
  if (flags.caseInsensitive) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.multiline) bits |= RE2JS.MULTILINE;
  if (flags.dotAll) bits |= RE2JS.DOTALL;
  try {
    return RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (error) {
    const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
    throw new PatternError(`'${source}' is not a valid regular expression (${reason})`);
  }
}

/** Whether `value` matches all of `source` (Okta's schema `pattern` and REGEX group filters are whole-value). */
export function matchesWhole(source: string, value: string, flags: PatternFlags = {}): boolean {
  return compilePattern(source, flags).testExact(value);
}

/** The reason `source` cannot be used as a pattern, or undefined when it can. */
export function patternProblem(source: string): string | undefined {
  try {
    compilePattern(source);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
