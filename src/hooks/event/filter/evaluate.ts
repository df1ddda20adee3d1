/**
 * Checks and evaluates event hook filter expressions (see expression.ts for the language). Evaluation is
 * lenient the way a filter should be: a missing member is null, a comparison of unlike types is false, and
 * only a result of exactly `true` lets an event through.
 */
import { ExpressionError, parseExpression, type CompareOp, type Node } from './expression.js';
import type { RE2JS } from 're2js';
import { compilePattern, patternProblem } from '../../../platform/linear-regex.js';

type Value = unknown;

interface Scope {
  root: Record<string, Value>;
  /** The element of the enclosing selection or projection, when there is one. */
  current?: { value: Value };
}

/** Methods callable on a value: name → number of arguments. */
const METHODS = new Map(Object.entries({
  size: 0, isEmpty: 0, length: 0, toLowerCase: 0, toUpperCase: 0, trim: 0,
  contains: 1, startsWith: 1, endsWith: 1, equals: 1, equalsIgnoreCase: 1,
}));

/** Okta EL functions: `Namespace.name` → number of arguments. */
const FUNCTIONS = new Map(Object.entries({
  'String.stringContains': 2, 'String.startsWith': 2, 'String.endsWith': 2, 'String.toLowerCase': 1,
  'String.toUpperCase': 1, 'String.len': 1, 'String.stringSwitch': -1,
  'Arrays.contains': 2, 'Arrays.size': 1, 'Arrays.isEmpty': 1,
}));

/** The variables a filter may name at its top level. */
const ROOT_NAMES = new Set(['event']);

export interface CompiledFilter {
  expression: string;
  matches(event: unknown): boolean;
}

/**
 * Parses and checks an expression: unknown variables, methods and functions, and wrong argument counts are
 * reported here, at creation, not when an event arrives.
 */
export function compileFilter(expression: string): CompiledFilter {
  const tree = parseExpression(expression);
  check(tree, false);
  return {
    expression,
    matches(event) {
      try {
        return evaluate(tree, { root: { event } }) === true;
      } catch {
        return false;
      }
    },
  };
}

function check(node: Node, inElement: boolean): void {
  switch (node.kind) {
    case 'literal': case 'this': case 'root': return;
    case 'name':
      if (!inElement && !ROOT_NAMES.has(node.name)) {
        throw new ExpressionError(`Unknown variable '${node.name}'; a filter reads the event as 'event' (e.g. event.eventType)`, node.pos);
      }
      return;
    case 'list': node.items.forEach((n) => check(n, inElement)); return;
    case 'member': check(node.target, inElement); return;
    case 'index': check(node.target, inElement); check(node.index, inElement); return;
    case 'select': check(node.target, inElement); check(node.predicate, true); return;
    case 'project': check(node.target, inElement); check(node.body, true); return;
    case 'method': {
      const arity = METHODS.get(node.name);
      if (arity === undefined) throw new ExpressionError(`Unknown method '${node.name}()'; known: ${[...METHODS.keys()].join(', ')}`, node.pos);
      if (node.args.length !== arity) throw new ExpressionError(`${node.name}() takes ${arity} argument${arity === 1 ? '' : 's'}`, node.pos);
      check(node.target, inElement);
      node.args.forEach((n) => check(n, inElement));
      return;
    }
    case 'function': {
      const name = `${node.namespace}.${node.name}`;
      const arity = FUNCTIONS.get(name);
      if (arity === undefined) throw new ExpressionError(`Unknown function '${name}'; known: ${[...FUNCTIONS.keys()].join(', ')}`, node.pos);
      if (arity >= 0 && node.args.length !== arity) throw new ExpressionError(`${name} takes ${arity} argument${arity === 1 ? '' : 's'}`, node.pos);
      node.args.forEach((n) => check(n, inElement));
      return;
    }
    case 'not': check(node.operand, inElement); return;
    case 'compare':
      // A literal pattern is checked when the filter is saved: RE2 refuses lookaround and backreferences.
      if (node.op === 'matches' && node.right.kind === 'literal' && typeof node.right.value === 'string') {
        const problem = patternProblem(node.right.value);
        if (problem) throw new ExpressionError(problem, 0);
      }
      check(node.left, inElement); check(node.right, inElement);
      return;
    case 'logical': check(node.left, inElement); check(node.right, inElement);
  }
}

function isObject(v: Value): v is Record<string, Value> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function member(target: Value, name: string): Value {
  if (!isObject(target)) return null;
  if (Object.prototype.hasOwnProperty.call(target, name)) return target[name];
  // Okta's filters name the debug data `event.debugData`; the LogEvent keeps it in `debugContext.debugData`.
  if (name === 'debugData' && isObject(target.debugContext)) return target.debugContext.debugData ?? null;
  return null;
}

function asList(v: Value): Value[] | null {
  if (Array.isArray(v)) return v;
  if (isObject(v)) return Object.values(v);
  return null;
}

function evaluate(node: Node, scope: Scope): Value {
  switch (node.kind) {
    case 'literal': return node.value;
    case 'list': return node.items.map((n) => evaluate(n, scope));
    case 'this': return scope.current ? scope.current.value : scope.root;
    case 'root': return scope.root;
    case 'name': return scope.current ? member(scope.current.value, node.name) : member(scope.root, node.name);
    case 'member': return member(evaluate(node.target, scope), node.name);
    case 'index': {
      const target = evaluate(node.target, scope);
      const index = evaluate(node.index, scope);
      if (Array.isArray(target) && typeof index === 'number') return target[index] ?? null;
      if (isObject(target) && typeof index === 'string') return member(target, index);
      return null;
    }
    case 'select': {
      const list = asList(evaluate(node.target, scope));
      if (!list) return null;
      const picked = list.filter((item) => evaluate(node.predicate, { root: scope.root, current: { value: item } }) === true);
      if (node.mode === 'all') return picked;
      return (node.mode === 'first' ? picked[0] : picked[picked.length - 1]) ?? null;
    }
    case 'project': {
      const list = asList(evaluate(node.target, scope));
      return list ? list.map((item) => evaluate(node.body, { root: scope.root, current: { value: item } })) : null;
    }
    case 'method': return callMethod(node.name, evaluate(node.target, scope), node.args.map((a) => evaluate(a, scope)));
    case 'function': return callFunction(`${node.namespace}.${node.name}`, node.args.map((a) => evaluate(a, scope)));
    case 'not': {
      const v = evaluate(node.operand, scope);
      return typeof v === 'boolean' ? !v : null;
    }
    case 'logical': {
      const left = evaluate(node.left, scope);
      if (node.op === 'and' && left !== true) return false;
      if (node.op === 'or' && left === true) return true;
      return evaluate(node.right, scope) === true;
    }
    case 'compare': return compare(node.op, evaluate(node.left, scope), evaluate(node.right, scope));
  }
}

function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' && typeof b === 'string') return b.trim() !== '' && a === Number(b);
  if (typeof a === 'string' && typeof b === 'number') return a.trim() !== '' && Number(a) === b;
  return false;
}

function compare(op: CompareOp, a: Value, b: Value): boolean {
  if (op === 'eq') return equal(a, b);
  if (op === 'ne') return !equal(a, b);
  if (op === 'matches') return typeof a === 'string' && typeof b === 'string' && matchesPattern(a, b);
  const bothNumbers = typeof a === 'number' && typeof b === 'number';
  const bothStrings = typeof a === 'string' && typeof b === 'string';
  if (!bothNumbers && !bothStrings) return false;
  const x = a as number | string;
  const y = b as number | string;
  switch (op) {
    case 'gt': return x > y;
    case 'ge': return x >= y;
    case 'lt': return x < y;
    case 'le': return x <= y;
  }
}

const patterns = new Map<string, RE2JS | undefined>();

/** SpEL's `matches` on RE2; patterns are compiled once (a few hundred kept), a pattern RE2 refuses matches nothing. */
function matchesPattern(text: string, source: string): boolean {
  if (!patterns.has(source)) {
    if (patterns.size >= 500) patterns.clear();
    try {
      patterns.set(source, compilePattern(source));
    } catch {
      patterns.set(source, undefined);
    }
  }
  return patterns.get(source)?.testExact(text) ?? false;
}

function sizeOf(v: Value): number | null {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (isObject(v)) return Object.keys(v).length;
  return null;
}

function callMethod(name: string, target: Value, args: Value[]): Value {
  const [arg] = args;
  switch (name) {
    case 'size': case 'length': return sizeOf(target);
    case 'isEmpty': { const n = sizeOf(target); return n === null ? null : n === 0; }
    case 'contains':
      if (typeof target === 'string') return typeof arg === 'string' && target.includes(arg);
      if (Array.isArray(target)) return target.some((item) => equal(item, arg));
      if (isObject(target)) return typeof arg === 'string' && Object.prototype.hasOwnProperty.call(target, arg);
      return null;
    case 'startsWith': return typeof target === 'string' && typeof arg === 'string' ? target.startsWith(arg) : null;
    case 'endsWith': return typeof target === 'string' && typeof arg === 'string' ? target.endsWith(arg) : null;
    case 'toLowerCase': return typeof target === 'string' ? target.toLowerCase() : null;
    case 'toUpperCase': return typeof target === 'string' ? target.toUpperCase() : null;
    case 'trim': return typeof target === 'string' ? target.trim() : null;
    case 'equals': return equal(target, arg);
    case 'equalsIgnoreCase': return typeof target === 'string' && typeof arg === 'string' ? target.toLowerCase() === arg.toLowerCase() : null;
    default: return null;
  }
}

function callFunction(name: string, args: Value[]): Value {
  const [a, b] = args;
  switch (name) {
    case 'String.stringContains': return typeof a === 'string' && typeof b === 'string' ? a.includes(b) : false;
    case 'String.startsWith': return typeof a === 'string' && typeof b === 'string' ? a.startsWith(b) : false;
    case 'String.endsWith': return typeof a === 'string' && typeof b === 'string' ? a.endsWith(b) : false;
    case 'String.toLowerCase': return typeof a === 'string' ? a.toLowerCase() : null;
    case 'String.toUpperCase': return typeof a === 'string' ? a.toUpperCase() : null;
    case 'String.len': return typeof a === 'string' ? a.length : null;
    case 'String.stringSwitch': {
      // String.stringSwitch(input, default, key1, value1, …): the value of the first key the input contains.
      if (typeof a !== 'string') return b ?? null;
      for (let i = 2; i + 1 < args.length; i += 2) {
        if (typeof args[i] === 'string' && a.includes(args[i] as string)) return args[i + 1];
      }
      return b ?? null;
    }
    case 'Arrays.contains': return Array.isArray(a) ? a.some((item) => equal(item, b)) : false;
    case 'Arrays.size': return Array.isArray(a) ? a.length : null;
    case 'Arrays.isEmpty': return Array.isArray(a) ? a.length === 0 : null;
    default: return null;
  }
}
