import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { errors } from './errors.js';

/**
 * Okta's filter and search expressions (SCIM-style): `status eq "ACTIVE" and (profile.lastName sw "Sm" or
 * created gt "2024-01-01T00:00:00.000Z")`. Parsed to a small tree, then compiled to SQL by the caller's
 * attribute map, so users, groups and the System Log share one grammar.
 */
export type FilterOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'sw' | 'co' | 'ew' | 'pr';
export type FilterValue = string | number | boolean | null;
export type FilterNode =
  | { kind: 'cmp'; attr: string; op: FilterOp; value: FilterValue }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; node: FilterNode };

const OPS = new Set<FilterOp>(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sw', 'co', 'ew', 'pr']);

type Token = { t: 'word' | 'string' | 'lparen' | 'rparen'; v: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '(') { tokens.push({ t: 'lparen', v: ch }); i++; continue; }
    if (ch === ')') { tokens.push({ t: 'rparen', v: ch }); i++; continue; }
    if (ch === '"') {
      let s = '';
      i++;
      while (i < input.length && input[i] !== '"') {
        if (input[i] === '\\' && i + 1 < input.length) { s += input[i + 1]; i += 2; continue; }
        s += input[i++];
      }
      if (input[i] !== '"') throw new FilterSyntaxError('unterminated string');
      i++;
      tokens.push({ t: 'string', v: s });
      continue;
    }
    let w = '';
    while (i < input.length && !/[\s()"]/.test(input[i])) w += input[i++];
    tokens.push({ t: 'word', v: w });
  }
  return tokens;
}

export class FilterSyntaxError extends Error {}

/** Deepest nesting of parentheses and `not` accepted: real filters nest a few levels; 10,000 would overflow the stack. */
export const MAX_FILTER_DEPTH = 32;
/** Most comparisons in one expression (SQLite refuses expression trees deeper than 1,000). */
export const MAX_FILTER_TERMS = 100;
/** Longest filter accepted (characters). */
export const MAX_FILTER_LENGTH = 8192;

export function parseFilter(input: string): FilterNode {
  if (input.length > MAX_FILTER_LENGTH) throw new FilterSyntaxError(`the expression is longer than ${MAX_FILTER_LENGTH} characters`);
  const tokens = tokenize(input);
  let pos = 0;
  let depth = 0;
  let terms = 0;
  const deeper = () => {
    if (++depth > MAX_FILTER_DEPTH) throw new FilterSyntaxError(`the expression nests deeper than ${MAX_FILTER_DEPTH} levels`);
  };
  const peek = () => tokens[pos];
  const isWord = (w: string) => peek()?.t === 'word' && peek().v.toLowerCase() === w;

  function parseOr(): FilterNode {
    let left = parseAnd();
    while (isWord('or')) { pos++; left = { kind: 'or', left, right: parseAnd() }; }
    return left;
  }
  function parseAnd(): FilterNode {
    let left = parseUnary();
    while (isWord('and')) { pos++; left = { kind: 'and', left, right: parseUnary() }; }
    return left;
  }
  function parseUnary(): FilterNode {
    if (isWord('not')) {
      pos++;
      deeper();
      const node: FilterNode = { kind: 'not', node: parseUnary() };
      depth--;
      return node;
    }
    const tok = peek();
    if (!tok) throw new FilterSyntaxError('unexpected end of expression');
    if (tok.t === 'lparen') {
      pos++;
      deeper();
      const node = parseOr();
      if (peek()?.t !== 'rparen') throw new FilterSyntaxError('missing )');
      pos++;
      depth--;
      return node;
    }
    if (tok.t !== 'word') throw new FilterSyntaxError(`unexpected "${tok.v}"`);
    if (++terms > MAX_FILTER_TERMS) throw new FilterSyntaxError(`the expression has more than ${MAX_FILTER_TERMS} comparisons`);
    pos++;
    const opTok = peek();
    const op = opTok?.t === 'word' ? (opTok.v.toLowerCase() as FilterOp) : undefined;
    if (!op || !OPS.has(op)) throw new FilterSyntaxError(`expected an operator after ${tok.v}`);
    pos++;
    if (op === 'pr') return { kind: 'cmp', attr: tok.v, op, value: null };
    const valTok = peek();
    if (!valTok || (valTok.t !== 'string' && valTok.t !== 'word')) throw new FilterSyntaxError(`expected a value after ${tok.v} ${op}`);
    pos++;
    return { kind: 'cmp', attr: tok.v, op, value: valTok.t === 'string' ? valTok.v : literal(valTok.v) };
  }

  const node = parseOr();
  if (pos < tokens.length) throw new FilterSyntaxError(`unexpected "${tokens[pos].v}"`);
  return node;
}

function literal(word: string): FilterValue {
  if (word === 'true') return true;
  if (word === 'false') return false;
  if (word === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(word)) return Number(word);
  throw new FilterSyntaxError(`invalid value ${word}`);
}

/** A whole condition for attributes that are not one column (e.g. "is one of the event's targets"). */
export interface CustomPredicate {
  predicate(op: FilterOp, value: FilterValue): RawBuilder<SqlBool>;
}

/**
 * Maps a filter attribute to a SQL expression (or a custom predicate); returns undefined for attributes that
 * cannot be searched.
 */
export type AttributeResolver = (attr: string, value: FilterValue) => RawBuilder<unknown> | CustomPredicate | undefined;

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}

export function compileFilter(node: FilterNode, resolve: AttributeResolver): RawBuilder<SqlBool> {
  switch (node.kind) {
    case 'and': return sql<SqlBool>`(${compileFilter(node.left, resolve)} and ${compileFilter(node.right, resolve)})`;
    case 'or': return sql<SqlBool>`(${compileFilter(node.left, resolve)} or ${compileFilter(node.right, resolve)})`;
    case 'not': return sql<SqlBool>`(not ${compileFilter(node.node, resolve)})`;
    case 'cmp': {
      const col = resolve(node.attr, node.value);
      if (!col) throw new FilterSyntaxError(`${node.attr} cannot be used in a filter`);
      if ('predicate' in col) return col.predicate(node.op, node.value);
      // Okta's sw, ew and co take a string (a number there compared text with a number: a 500 on PostgreSQL).
      if ((node.op === 'sw' || node.op === 'ew' || node.op === 'co') && typeof node.value !== 'string') {
        throw new FilterSyntaxError(`${node.op} needs a quoted string, not ${String(node.value)}`);
      }
      const v = typeof node.value === 'boolean' ? (node.value ? 1 : 0) : node.value;
      // String comparisons are case-insensitive, as Okta's search is.
      const text = typeof v === 'string';
      const lhs = text ? sql`lower(${col})` : col;
      const rhs = text ? (v as string).toLowerCase() : v;
      switch (node.op) {
        case 'pr': return sql<SqlBool>`(${col} is not null)`;
        case 'eq': return v === null ? sql<SqlBool>`(${col} is null)` : sql<SqlBool>`(${lhs} = ${rhs})`;
        case 'ne': return v === null ? sql<SqlBool>`(${col} is not null)` : sql<SqlBool>`(${lhs} <> ${rhs})`;
        case 'gt': return sql<SqlBool>`(${lhs} > ${rhs})`;
        case 'ge': return sql<SqlBool>`(${lhs} >= ${rhs})`;
        case 'lt': return sql<SqlBool>`(${lhs} < ${rhs})`;
        case 'le': return sql<SqlBool>`(${lhs} <= ${rhs})`;
        case 'sw': return sql<SqlBool>`(${lhs} like ${likeEscape(String(rhs)) + '%'} escape '\\')`;
        case 'ew': return sql<SqlBool>`(${lhs} like ${'%' + likeEscape(String(rhs))} escape '\\')`;
        case 'co': return sql<SqlBool>`(${lhs} like ${'%' + likeEscape(String(rhs)) + '%'} escape '\\')`;
      }
    }
  }
}

/** Parse and compile, turning syntax problems into Okta's E0000001 for the named query parameter. */
export function filterToSql(param: string, input: string, resolve: AttributeResolver): RawBuilder<SqlBool> {
  try {
    return compileFilter(parseFilter(input), resolve);
  } catch (e) {
    if (e instanceof FilterSyntaxError) throw errors.validation(param, [`${param}: Invalid ${param} expression: ${e.message}`]);
    throw e;
  }
}
