import { compilePattern } from '../platform/linear-regex.js';

/**
 * The part of the Okta Expression Language that custom claims use most: terms joined by `+` (string
 * concatenation): quoted strings, numbers, `true`/`false`, `user.<attribute>` (the user's profile),
 * `app.clientId`, and `isMemberOfGroupName("…")`. Anything else is refused when the claim is saved.
 */
export type Term =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'user'; attribute: string }
  | { kind: 'clientId' }
  | { kind: 'memberOf'; group: string };

export interface ExpressionInput {
  profile: Record<string, unknown> | null;
  userId: string | null;
  clientId: string;
  groupNames: string[];
}

const TERM = /^\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?)|(true|false)|user\.([A-Za-z_][A-Za-z0-9_]*)|(app\.clientId)|isMemberOfGroupName\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*\))\s*/;

/** The terms of an expression, or why it cannot be evaluated. */
export function parseClaimExpression(text: string): Term[] | { error: string } {
  const terms: Term[] = [];
  let rest = text;
  for (;;) {
    const m = TERM.exec(rest);
    if (!m) return { error: `Unsupported expression near '${rest.trim().slice(0, 40)}'` };
    const unescape = (s: string) => s.replace(/\\(.)/g, '$1');
    if (m[1] !== undefined || m[2] !== undefined) terms.push({ kind: 'literal', value: unescape(m[1] ?? m[2]) });
    else if (m[3] !== undefined) terms.push({ kind: 'literal', value: Number(m[3]) });
    else if (m[4] !== undefined) terms.push({ kind: 'literal', value: m[4] === 'true' });
    else if (m[5] !== undefined) terms.push({ kind: 'user', attribute: m[5] });
    else if (m[6] !== undefined) terms.push({ kind: 'clientId' });
    else terms.push({ kind: 'memberOf', group: unescape(m[7] ?? m[8]) });
    rest = rest.slice(m[0].length);
    if (rest === '') return terms;
    if (!rest.startsWith('+')) return { error: `Unsupported expression near '${rest.trim().slice(0, 40)}'` };
    rest = rest.slice(1);
  }
}

function termValue(term: Term, input: ExpressionInput): unknown {
  switch (term.kind) {
    case 'literal': return term.value;
    case 'user': return term.attribute === 'id' && input.userId ? input.userId : input.profile?.[term.attribute] ?? null;
    case 'clientId': return input.clientId;
    case 'memberOf': return input.groupNames.some((g) => g.toLowerCase() === term.group.toLowerCase());
  }
}

/** The claim's value; undefined when it evaluates to null (Okta leaves such a claim out). */
export function evaluateClaimExpression(terms: Term[], input: ExpressionInput): unknown {
  const values = terms.map((t) => termValue(t, input));
  if (values.length === 1) return values[0] ?? undefined;
  if (values.some((v) => v === null || v === undefined)) return undefined;
  return values.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('');
}

/** Group names matching a GROUPS claim's filter (Okta's `group_filter_type`). */
export function filterGroups(names: string[], filterType: string | null, value: string): string[] {
  const v = value.toLowerCase();
  switch (filterType) {
    case 'STARTS_WITH': return names.filter((n) => n.toLowerCase().startsWith(v));
    case 'EQUALS': return names.filter((n) => n.toLowerCase() === v);
    case 'CONTAINS': return names.filter((n) => n.toLowerCase().includes(v));
    case 'REGEX': {
      try {
        const re = compilePattern(value);
        return names.filter((n) => re.testExact(n));
      } catch {
        return [];
      }
    }
    default: return [];
  }
}
