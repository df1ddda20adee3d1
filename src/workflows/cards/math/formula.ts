/*
 * Okta's Formula card: a small arithmetic language, read by a tokenizer and a precedence-climbing
 * parser and evaluated over plain numbers. Nothing reaches JavaScript's `eval` or `Function`.
 *
 *   expression := sum
 *   sum        := product (('+' | '-') product)*
 *   product    := unary (('*' | '/' | '%') unary)*
 *   unary      := ('+' | '-') unary | power
 *   power      := atom ('^' unary)?            (right-associative: 2^3^2 = 2^9; -2^2 = -4)
 *   atom       := number | variable | constant | name '(' arguments ')' | '(' sum ')'
 *   variable   := '{{{' name '}}}' | '{{' name '}}'
 */

export class FormulaError extends Error {}

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'variable'; name: string; at: number }
  | { kind: 'name'; name: string; at: number }
  | { kind: 'symbol'; symbol: string; at: number }
  | { kind: 'end'; at: number };

const SYMBOLS = '+-*/%^(),';
const MAX_LENGTH = 10000;

function tokenize(text: string): Token[] {
  if (text.length > MAX_LENGTH) throw new FormulaError(`the formula is longer than ${MAX_LENGTH} characters`);
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at];
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    const placeholder = /^\{\{\{([^{}]+)\}\}\}|^\{\{([^{}]+)\}\}/.exec(text.slice(at));
    if (placeholder) {
      tokens.push({ kind: 'variable', name: (placeholder[1] ?? placeholder[2]).trim(), at });
      at += placeholder[0].length;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at));
    if (name) {
      tokens.push({ kind: 'name', name: name[0], at });
      at += name[0].length;
      continue;
    }
    if (SYMBOLS.includes(char)) {
      tokens.push({ kind: 'symbol', symbol: char, at });
      at++;
      continue;
    }
    throw new FormulaError(`unexpected '${char}' at position ${at}`);
  }
  tokens.push({ kind: 'end', at });
  return tokens;
}

const CONSTANTS: Record<string, number> = { pi: Math.PI, PI: Math.PI, e: Math.E, E: Math.E };

/** Functions by name, with how many arguments each takes ([min, max]). */
const FUNCTIONS: Record<string, { arity: [number, number]; apply: (...args: number[]) => number }> = {
  abs: { arity: [1, 1], apply: Math.abs },
  ceil: { arity: [1, 1], apply: Math.ceil },
  floor: { arity: [1, 1], apply: Math.floor },
  round: {
    arity: [1, 2],
    apply: (value, decimals = 0) => {
      const factor = 10 ** decimals;
      return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
    },
  },
  trunc: { arity: [1, 1], apply: Math.trunc },
  sign: { arity: [1, 1], apply: Math.sign },
  sqrt: { arity: [1, 1], apply: Math.sqrt },
  cbrt: { arity: [1, 1], apply: Math.cbrt },
  exp: { arity: [1, 1], apply: Math.exp },
  log: { arity: [1, 2], apply: (value, base) => (base === undefined ? Math.log(value) : Math.log(value) / Math.log(base)) },
  log10: { arity: [1, 1], apply: Math.log10 },
  log2: { arity: [1, 1], apply: Math.log2 },
  pow: { arity: [2, 2], apply: (base, exponent) => base ** exponent },
  mod: { arity: [2, 2], apply: (a, b) => a % b },
  min: { arity: [1, 100], apply: Math.min },
  max: { arity: [1, 100], apply: Math.max },
  sin: { arity: [1, 1], apply: Math.sin },
  cos: { arity: [1, 1], apply: Math.cos },
  tan: { arity: [1, 1], apply: Math.tan },
  asin: { arity: [1, 1], apply: Math.asin },
  acos: { arity: [1, 1], apply: Math.acos },
  atan: { arity: [1, 1], apply: Math.atan },
};

const MAX_DEPTH = 200;

class Parser {
  private position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly variable: (name: string) => number,
  ) {}

  parse(): number {
    if (this.peek().kind === 'end') throw new FormulaError('the formula is empty');
    const value = this.sum();
    const rest = this.peek();
    if (rest.kind !== 'end') throw new FormulaError(`unexpected ${describe(rest)} at position ${rest.at}`);
    return value;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    return this.tokens[this.position++];
  }

  private isSymbol(symbol: string): boolean {
    const token = this.peek();
    return token.kind === 'symbol' && token.symbol === symbol;
  }

  private expect(symbol: string): void {
    const token = this.next();
    if (token.kind !== 'symbol' || token.symbol !== symbol) throw new FormulaError(`expected '${symbol}' but found ${describe(token)} at position ${token.at}`);
  }

  private nested<T>(parse: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new FormulaError('the formula is nested too deeply');
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private sum(): number {
    let value = this.product();
    while (this.isSymbol('+') || this.isSymbol('-')) {
      const operator = (this.next() as { symbol: string }).symbol;
      const right = this.product();
      value = operator === '+' ? value + right : value - right;
    }
    return value;
  }

  private product(): number {
    let value = this.unary();
    while (this.isSymbol('*') || this.isSymbol('/') || this.isSymbol('%')) {
      const operator = (this.next() as { symbol: string }).symbol;
      const right = this.unary();
      if ((operator === '/' || operator === '%') && right === 0) throw new FormulaError('division by zero');
      value = operator === '*' ? value * right : operator === '/' ? value / right : value % right;
    }
    return value;
  }

  private unary(): number {
    return this.nested(() => {
      if (this.isSymbol('-')) {
        this.next();
        return -this.unary();
      }
      if (this.isSymbol('+')) {
        this.next();
        return this.unary();
      }
      return this.power();
    });
  }

  private power(): number {
    const base = this.atom();
    if (!this.isSymbol('^')) return base;
    this.next();
    return base ** this.unary();
  }

  private atom(): number {
    const token = this.next();
    switch (token.kind) {
      case 'number':
        return token.value;
      case 'variable':
        return this.variable(token.name);
      case 'name': {
        if (this.isSymbol('(')) return this.call(token.name, token.at);
        if (Object.hasOwn(CONSTANTS, token.name)) return CONSTANTS[token.name];
        throw new FormulaError(`unknown name '${token.name}' at position ${token.at}`);
      }
      case 'symbol':
        if (token.symbol === '(') {
          const value = this.nested(() => this.sum());
          this.expect(')');
          return value;
        }
        throw new FormulaError(`unexpected '${token.symbol}' at position ${token.at}`);
      default:
        throw new FormulaError('the formula ends too early');
    }
  }

  private call(name: string, at: number): number {
    if (!Object.hasOwn(FUNCTIONS, name)) throw new FormulaError(`unknown function '${name}' at position ${at} (known: ${Object.keys(FUNCTIONS).join(', ')})`);
    const fn = FUNCTIONS[name];
    this.expect('(');
    const args: number[] = [];
    if (!this.isSymbol(')')) {
      do args.push(this.nested(() => this.sum()));
      while (this.isSymbol(',') && this.next());
    }
    this.expect(')');
    const [min, max] = fn.arity;
    if (args.length < min || args.length > max) throw new FormulaError(`${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, not ${args.length}`);
    return fn.apply(...args);
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'number':
      return `number ${token.value}`;
    case 'variable':
      return `{{{${token.name}}}}`;
    case 'name':
      return `'${token.name}'`;
    case 'symbol':
      return `'${token.symbol}'`;
    default:
      return 'the end';
  }
}

/** The formula's value; `variable` gives the number for each `{{{name}}}`. Throws FormulaError. */
export function evaluateFormula(text: string, variable: (name: string) => number): number {
  const value = new Parser(tokenize(text), variable).parse();
  if (!Number.isFinite(value)) throw new FormulaError(`the result is not a finite number (${value})`);
  return value;
}
