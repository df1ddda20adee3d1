/**
 * The part of the Okta Expression Language that SAML apps use: `subjectNameIdTemplate` (`${user.userName}`)
 * and the values of EXPRESSION attribute statements (`user.email`, `appuser.department`, `"text"`,
 * `user.firstName + " " + user.lastName`). `user.userName` is the user's username for the app (the
 * assignment's `credentials.userName`); other `user.*` names are the Okta user profile, `appuser.*` the
 * app user profile. Anything that is not such an expression is used as literal text, as admins often type
 * a constant value.
 */
export interface ExpressionScope {
  /** The Okta user profile. */
  user: Record<string, unknown>;
  /** The app user profile (the assignment's `profile`). */
  appuser: Record<string, unknown>;
  /** The username for this app. */
  userName: string;
}

type Term = { literal: string } | { ref: 'user' | 'appuser'; name: string };

const REF = /^(user|appuser)\.([A-Za-z_][A-Za-z0-9_]*)$/;

function parseTerm(text: string): Term | undefined {
  const t = text.trim();
  const quoted = /^"((?:[^"\\]|\\.)*)"$/.exec(t) ?? /^'((?:[^'\\]|\\.)*)'$/.exec(t);
  if (quoted) return { literal: quoted[1].replace(/\\(.)/g, '$1') };
  const ref = REF.exec(t);
  return ref ? { ref: ref[1] as 'user' | 'appuser', name: ref[2] } : undefined;
}

/** Splits on `+` outside quotes. */
function splitConcatenation(expression: string): string[] {
  const parts: string[] = [];
  let quote: string | null = null;
  let current = '';
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      current += c;
      if (c === '\\' && i + 1 < expression.length) current += expression[++i];
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '+') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function lookup(term: Extract<Term, { ref: string }>, scope: ExpressionScope): unknown {
  if (term.name === 'userName') return scope.userName;
  const source = term.ref === 'user' ? scope.user : scope.appuser;
  return Object.prototype.hasOwnProperty.call(source, term.name) ? source[term.name] : null;
}

/**
 * The value of an expression: a profile value (which may be an array or null), or text. Returns
 * `undefined` when the text is not an expression (the caller then uses it literally).
 */
export function evaluateExpression(expression: string, scope: ExpressionScope): unknown {
  const terms = splitConcatenation(expression).map(parseTerm);
  if (terms.some((t) => t === undefined)) return undefined;
  const values = (terms as Term[]).map((t) => ('literal' in t ? t.literal : lookup(t, scope)));
  if (values.length === 1) return values[0];
  return values.map((v) => (v === null || v === undefined ? '' : String(v))).join('');
}

/** A `${…}` template: each placeholder replaced by its expression's text; unknown placeholders are left as written. */
export function renderTemplate(template: string, scope: ExpressionScope): string {
  return template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    const value = evaluateExpression(inner, scope);
    if (value === undefined) return whole;
    return value === null ? '' : Array.isArray(value) ? value.join(',') : String(value);
  });
}

/** The values an attribute statement value yields: none for null, one per element for an array. */
export function attributeValuesOf(expression: string, scope: ExpressionScope): Array<string | number | boolean> {
  let value: unknown = expression.includes('${') ? renderTemplate(expression, scope) : evaluateExpression(expression, scope);
  if (value === undefined) value = expression; // not an expression: a constant
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((v) => (v === null || v === undefined ? [] : typeof v === 'object' ? [JSON.stringify(v)] : [v as string | number | boolean]));
}
