/*
 * Flow files come from anywhere. Ids and keys from them are used as property names, so these three
 * names are refused as ids, and values are stored under user-chosen keys as own properties only
 * (a plain `object[key] = value` with key "__proto__" would replace the object's prototype).
 */
export const RESERVED_NAMES: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** The pattern every id of a flow document must match. */
export const SAFE_ID_PATTERN = '^(?!(__proto__|constructor|prototype)$).+$';

export function isSafeId(id: string): boolean {
  return id !== '' && !RESERVED_NAMES.includes(id);
}

/** `target[key] = value`, always as an own, enumerable property. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
