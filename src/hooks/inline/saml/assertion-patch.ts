/**
 * `com.okta.assertion.patch` (reference §3.3): `add` and `replace` operations on the assertion model with
 * RFC 6901 JSON Pointers (`~1` is `/`, `~0` is `~`; zero-based array indexes, `-` appends on `add`) and
 * RFC 6902 semantics (`add` needs an existing parent, `replace` an existing target). All or nothing: the
 * operations run on a copy, in order, and the result must still be a valid assertion model.
 */
import { assertionModelProblem, type AssertionModel } from './assertion-model.js';

export interface AssertionPatchOperation {
  op: 'add' | 'replace';
  path: string;
  value?: unknown;
}

export type PatchResult = { ok: true; model: AssertionModel } | { ok: false; error: string };

/** Members that would reach an object's prototype instead of the object. */
const FORBIDDEN_TOKENS = new Set(['__proto__', 'constructor', 'prototype']);

export function parsePointer(path: string): string[] | undefined {
  if (!path.startsWith('/')) return undefined;
  return path.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === 'object' && v !== null;
}

function own(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

function arrayIndex(token: string, length: number, allowEnd: boolean): number | undefined {
  if (allowEnd && token === '-') return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
  const i = Number(token);
  return i < length || (allowEnd && i === length) ? i : undefined;
}

/** Applies one operation in place; returns why it cannot be applied. */
function applyOne(doc: Record<string, unknown>, operation: AssertionPatchOperation): string | undefined {
  const tokens = parsePointer(operation.path);
  if (!tokens || tokens.length === 0) return `'${operation.path}' is not a JSON Pointer to a member`;
  if (tokens.some((t) => FORBIDDEN_TOKENS.has(t))) return `'${operation.path}' names a member that cannot be set`;
  if (!('value' in operation) || operation.value === undefined) return `${operation.op} ${operation.path} has no value`;
  const value = JSON.parse(JSON.stringify(operation.value)) as unknown;

  let parent: unknown = doc;
  for (const token of tokens.slice(0, -1)) {
    if (Array.isArray(parent)) {
      const i = arrayIndex(token, parent.length, false);
      if (i === undefined) return `${operation.path}: there is no element ${token}`;
      parent = parent[i];
    } else if (isContainer(parent) && own(parent, token)) {
      parent = (parent as Record<string, unknown>)[token];
    } else {
      return `${operation.path}: '${token}' does not exist`;
    }
  }
  const last = tokens[tokens.length - 1];
  if (!isContainer(parent)) return `${operation.path}: the parent is not an object or array`;

  if (Array.isArray(parent)) {
    const i = arrayIndex(last, parent.length, operation.op === 'add');
    if (i === undefined) return `${operation.path}: there is no element ${last}`;
    if (operation.op === 'add') parent.splice(i, 0, value);
    else parent[i] = value;
    return undefined;
  }
  if (operation.op === 'replace' && !own(parent, last)) return `${operation.path}: cannot replace '${last}', which does not exist (use add)`;
  parent[last] = value;
  return undefined;
}

export function applyAssertionPatch(model: AssertionModel, operations: readonly AssertionPatchOperation[]): PatchResult {
  const doc = JSON.parse(JSON.stringify(model)) as Record<string, unknown>;
  for (const [i, operation] of operations.entries()) {
    const problem = applyOne(doc, operation);
    if (problem) return { ok: false, error: `operation ${i} (${operation.op}): ${problem}` };
  }
  const problem = assertionModelProblem(doc);
  if (problem) return { ok: false, error: `the patched assertion is invalid at ${problem}` };
  return { ok: true, model: doc as unknown as AssertionModel };
}
