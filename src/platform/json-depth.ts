/*
 * How deep JSON from outside may nest. Parsing is iterative, but much of what reads JSON afterwards
 * (cloning, validating, walking a flow, writing the answer) recurses, and 100,000 levels overflow the
 * stack. Real data nests far less: the deepest Okta Workflows export in the templates corpus is 35 levels.
 */

/** Deepest nesting of objects and arrays accepted in a request body, a flopack or a hook reply. */
export const MAX_JSON_DEPTH = 100;

/** Whether `value` nests objects or arrays deeper than `max` levels (counted without recursion). */
export function nestsDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

export const TOO_DEEP = `The JSON nests deeper than ${MAX_JSON_DEPTH} levels`;
