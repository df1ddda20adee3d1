import type { Operand } from '../../engine/values/compare.js';
import { deepEqual, isPlainObject } from '../../engine/values/types.js';

/*
 * Items of lists and objects: how the list cards compare, sort and de-duplicate them. Items carry no
 * declared type, so their own values say how they compare (numbers as numbers, text as text).
 */

/** An item's value as a comparison operand, typed by what it is. */
export function operandOf(value: unknown): Operand {
  if (Array.isArray(value)) return { value, type: 'object', list: true };
  switch (typeof value) {
    case 'number':
      return { value, type: 'number' };
    case 'boolean':
      return { value, type: 'boolean' };
    case 'string':
      return { value, type: 'string' };
    default:
      return { value: value ?? null, type: isPlainObject(value) ? 'object' : undefined };
  }
}

/** A key under which equal values (structurally, whatever their key order) fall together. */
export function identityOf(value: unknown): string {
  return JSON.stringify(canonical(value ?? null));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
  return value;
}

/** The items once each, first occurrence kept, in order. */
export function unique(items: readonly unknown[], keyOf: (item: unknown) => unknown = (item) => item): unknown[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = identityOf(keyOf(item));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function includesValue(items: readonly unknown[], value: unknown): boolean {
  return items.some((item) => deepEqual(item ?? null, value ?? null));
}

/**
 * Ascending order as Okta's list sort gives it: numbers by value, then text by character code, then
 * true/false, then everything else; missing values last. Stable.
 */
export function compareItems(a: unknown, b: unknown): number {
  const rank = (value: unknown): number => (value === null || value === undefined ? 4 : typeof value === 'number' ? 0 : typeof value === 'string' ? 1 : typeof value === 'boolean' ? 2 : 3);
  const [rankA, rankB] = [rank(a), rank(b)];
  if (rankA !== rankB) return rankA - rankB;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}
