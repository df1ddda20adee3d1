import type { FieldType } from '../../model/flow.schema.js';

/** The kinds of value Okta's field types stand for; typed objects (a schema as type) are objects. */
export type BaseType = 'string' | 'number' | 'boolean' | 'Date' | 'object' | 'flo' | 'file' | 'other';

export function baseType(type: FieldType | undefined): BaseType {
  if (type === undefined) return 'other';
  if (typeof type !== 'string') return 'object';
  switch (type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'Date':
    case 'object':
    case 'flo':
    case 'file':
      return type;
    default:
      return 'other';
  }
}

/** What a field's value is declared as: its base type and whether it is a list. */
export interface Declared {
  type?: FieldType;
  list?: boolean;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Okta shows any value as text this way: nothing is '', objects and lists are JSON. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}
