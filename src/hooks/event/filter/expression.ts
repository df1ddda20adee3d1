/**
 * The Okta Expression Language subset that event hook filters use (reference §5.6), parsed into a tree by a
 * hand-written lexer and recursive-descent parser. Nothing is ever evaluated with `eval`.
 *
 * What is understood (SpEL, which Okta EL is built on, plus Okta's `String.*` / `Arrays.*` functions):
 * - the event as `event` (`event.eventType`, `event.actor.id`, `event.target`, `event.debugData.x`, …);
 * - member access `a.b`, null-safe `a?.b`, index `a[0]`, `a['key']`;
 * - collection selection `.?[predicate]`, first match `.^[…]`, last match `.$[…]`, projection `.![…]`; inside
 *   the brackets bare names are members of the element, `#this` is the element and `#root` the whole input;
 * - methods `size() isEmpty() contains(x) startsWith(x) endsWith(x) toLowerCase() toUpperCase() length()
 *   equals(x) equalsIgnoreCase(x)`;
 * - `eq ne gt ge lt le == != > >= < <=`, `matches` (a whole-text RE2 pattern), `&& || !` and `and or not`,
 *   parentheses, inline lists `{'a','b'}`;
 * - string ('…' with '' for a quote, or "…"), number, `true`, `false`, `null` literals.
 */

export type Node =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'list'; items: Node[] }
  | { kind: 'name'; name: string; pos: number }
  | { kind: 'this' }
  | { kind: 'root' }
  | { kind: 'member'; target: Node; name: string; nullSafe: boolean }
  | { kind: 'index'; target: Node; index: Node }
  | { kind: 'select'; target: Node; mode: 'all' | 'first' | 'last'; predicate: Node }
  | { kind: 'project'; target: Node; body: Node }
  | { kind: 'method'; target: Node; name: string; args: Node[]; pos: number }
  | { kind: 'function'; namespace: string; name: string; args: Node[]; pos: number }
  | { kind: 'not'; operand: Node }
  | { kind: 'logical'; op: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'compare'; op: CompareOp; left: Node; right: Node };

/** `matches` is SpEL's: the whole left text matches the right pattern (run on RE2, linear time). */
export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'matches';

export class ExpressionError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} (at position ${position + 1})`);
    this.name = 'ExpressionError';
  }
}

/** Okta's limit for a filter is not documented; this keeps parsing and evaluation cheap. */
export const MAX_EXPRESSION_LENGTH = 4096;
const MAX_DEPTH = 48;

type Token =
  | { type: 'ident'; value: string; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'number'; value: number; pos: number }
  | { type: 'hash'; value: string; pos: number }
  | { type: 'op'; value: string; pos: number }
  | { type: 'end'; value: ''; pos: number };

const OPERATORS = ['.?[', '.^[', '.$[', '.![', '?.', '&&', '||', '==', '!=', '>=', '<=', '>', '<', '!', '.', '[', ']', '(', ')', '{', '}', ','];
const WORD_OPERATORS = new Map(Object.entries({
  eq: '==', ne: '!=', gt: '>', ge: '>=', lt: '<', le: '<=', and: '&&', or: '||', not: '!', matches: 'matches',
}));

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    const start = i;
    if (c === "'" || c === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new ExpressionError('Unterminated string literal', start);
        if (text[i] === c) {
          if (text[i + 1] === c) { value += c; i += 2; continue; }
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ type: 'string', value, pos: start });
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(i))!;
      tokens.push({ type: 'number', value: Number(m[0]), pos: start });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i))!;
      const word = m[0];
      const op = WORD_OPERATORS.get(word.toLowerCase());
      tokens.push(op ? { type: 'op', value: op, pos: start } : { type: 'ident', value: word, pos: start });
      i += word.length;
      continue;
    }
    if (c === '#') {
      const m = /^#([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(i));
      if (!m) throw new ExpressionError("Expected a variable name after '#'", start);
      tokens.push({ type: 'hash', value: m[1], pos: start });
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (!op) throw new ExpressionError(`Unexpected character '${c}'`, start);
    tokens.push({ type: 'op', value: op, pos: start });
    i += op.length;
  }
  tokens.push({ type: 'end', value: '', pos: text.length });
  return tokens;
}

const COMPARE = new Map<string, CompareOp>(Object.entries({ '==': 'eq', '!=': 'ne', '>': 'gt', '>=': 'ge', '<': 'lt', '<=': 'le', matches: 'matches' } as const));
const SELECT_MODE = new Map<string, 'all' | 'first' | 'last'>(Object.entries({ '.?[': 'all', '.^[': 'first', '.$[': 'last' } as const));

class Parser {
  private at = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.at];
  }

  private next(): Token {
    return this.tokens[this.at++];
  }

  private isOp(value: string): boolean {
    const t = this.peek();
    return t.type === 'op' && t.value === value;
  }

  private expectOp(value: string): void {
    const t = this.next();
    if (t.type !== 'op' || t.value !== value) throw new ExpressionError(`Expected '${value}' but found ${describe(t)}`, t.pos);
  }

  parseAll(): Node {
    const node = this.expression();
    const t = this.peek();
    if (t.type !== 'end') throw new ExpressionError(`Unexpected ${describe(t)}`, t.pos);
    return node;
  }

  private expression(): Node {
    if (++this.depth > MAX_DEPTH) throw new ExpressionError('The expression is nested too deeply', this.peek().pos);
    const node = this.or();
    this.depth--;
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.isOp('||')) {
      this.next();
      left = { kind: 'logical', op: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.isOp('&&')) {
      this.next();
      left = { kind: 'logical', op: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('!')) {
      this.next();
      if (++this.depth > MAX_DEPTH) throw new ExpressionError('The expression is nested too deeply', this.peek().pos);
      const operand = this.unary();
      this.depth--;
      return { kind: 'not', operand };
    }
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.postfix();
    const t = this.peek();
    const op = t.type === 'op' ? COMPARE.get(t.value) : undefined;
    if (op) {
      this.next();
      const right = this.postfix();
      const after = this.peek();
      if (after.type === 'op' && COMPARE.has(after.value)) throw new ExpressionError('Comparisons cannot be chained; use && between them', after.pos);
      return { kind: 'compare', op, left, right };
    }
    return left;
  }

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      const t = this.peek();
      if (t.type !== 'op') return node;
      if (t.value === '.' || t.value === '?.') {
        this.next();
        const name = this.next();
        if (name.type !== 'ident') throw new ExpressionError(`Expected a member name after '${t.value}' but found ${describe(name)}`, name.pos);
        if (this.isOp('(')) node = { kind: 'method', target: node, name: name.value, args: this.args(), pos: name.pos };
        else node = { kind: 'member', target: node, name: name.value, nullSafe: t.value === '?.' };
      } else if (SELECT_MODE.has(t.value)) {
        this.next();
        const predicate = this.expression();
        this.expectOp(']');
        node = { kind: 'select', target: node, mode: SELECT_MODE.get(t.value)!, predicate };
      } else if (t.value === '.![') {
        this.next();
        const body = this.expression();
        this.expectOp(']');
        node = { kind: 'project', target: node, body };
      } else if (t.value === '[') {
        this.next();
        const index = this.expression();
        this.expectOp(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  }

  private args(): Node[] {
    this.expectOp('(');
    const args: Node[] = [];
    if (!this.isOp(')')) {
      do {
        if (args.length > 0) this.next();
        args.push(this.expression());
      } while (this.isOp(','));
    }
    this.expectOp(')');
    return args;
  }

  private primary(): Node {
    const t = this.next();
    switch (t.type) {
      case 'string': return { kind: 'literal', value: t.value };
      case 'number': return { kind: 'literal', value: t.value };
      case 'hash':
        if (t.value === 'this') return { kind: 'this' };
        if (t.value === 'root') return { kind: 'root' };
        throw new ExpressionError(`Unknown variable '#${t.value}'; only #this and #root exist`, t.pos);
      case 'ident': {
        const lower = t.value.toLowerCase();
        if (lower === 'true' || lower === 'false') return { kind: 'literal', value: lower === 'true' };
        if (lower === 'null') return { kind: 'literal', value: null };
        // `String.startsWith(…)`: an Okta EL function call.
        if (/^[A-Z]/.test(t.value) && this.isOp('.')) {
          const dot = this.at;
          this.next();
          const name = this.next();
          if (name.type === 'ident' && this.isOp('(')) {
            return { kind: 'function', namespace: t.value, name: name.value, args: this.args(), pos: t.pos };
          }
          this.at = dot;
        }
        return { kind: 'name', name: t.value, pos: t.pos };
      }
      case 'op':
        if (t.value === '(') {
          const inner = this.expression();
          this.expectOp(')');
          return inner;
        }
        if (t.value === '{') {
          const items: Node[] = [];
          if (!this.isOp('}')) {
            do {
              if (items.length > 0) this.next();
              items.push(this.expression());
            } while (this.isOp(','));
          }
          this.expectOp('}');
          return { kind: 'list', items };
        }
        throw new ExpressionError(`Unexpected ${describe(t)}`, t.pos);
      default:
        throw new ExpressionError('The expression ends too early', t.pos);
    }
  }
}

function describe(t: Token): string {
  if (t.type === 'end') return 'the end of the expression';
  if (t.type === 'string') return `the string '${t.value}'`;
  if (t.type === 'hash') return `'#${t.value}'`;
  return `'${t.value}'`;
}

/** Parses an expression; throws ExpressionError with the position of the first problem. */
export function parseExpression(text: string): Node {
  if (text.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`The expression must be at most ${MAX_EXPRESSION_LENGTH} characters`, MAX_EXPRESSION_LENGTH);
  if (text.trim() === '') throw new ExpressionError('The expression is empty', 0);
  return new Parser(tokenize(text)).parseAll();
}
