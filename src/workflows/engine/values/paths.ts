import { isPlainObject } from './types.js';

/*
 * Okta's dotted paths (`data.userProfile.login`, `commands.0.type`): a number picks a list item.
 * `a[0].b` is accepted as `a.0.b`. Keys that would reach into JavaScript prototypes are refused,
 * since paths come from flow files that anybody may write.
 */

const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

export function splitPath(path: string): string[] {
  if (path === '') return [];
  return path.replace(/\[(\d+)\]/g, '.$1').split('.');
}

/** The value at the path, or null when any step is missing. An empty path is the whole value. */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of splitPath(path)) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isPlainObject(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return null;
  }
  return current ?? null;
}

/**
 * Puts the value at the path inside `target`, creating what is missing: a list where the next step
 * is a number, an object otherwise. This is how Construct turns `commands.0.type` into
 * `{"commands":[{"type":…}]}`.
 */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = splitPath(path);
  if (segments.length === 0) throw new Error('an empty key cannot name a place in an object');
  const forbidden = segments.find((segment) => FORBIDDEN.has(segment));
  if (forbidden) throw new Error(`'${forbidden}' cannot be used as a key (in '${path}')`);
  let current: Record<string, unknown> | unknown[] = target;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const slot: string | number = Array.isArray(current) && /^\d+$/.test(segment) ? Number(segment) : segment;
    const container = current as Record<string | number, unknown>;
    if (last) {
      container[slot] = value;
      return;
    }
    const next = container[slot];
    if (next !== null && typeof next === 'object') {
      current = next as Record<string, unknown> | unknown[];
    } else {
      const created: Record<string, unknown> | unknown[] = /^\d+$/.test(segments[index + 1]) ? [] : {};
      container[slot] = created;
      current = created;
    }
  });
}
