import { defineCard, kernelAddress } from '../../engine/card.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';

/**
 * Okta's hidden "expand" card ("Pick a set of keys out of an object with lists of keys"): the editor
 * adds it when a flow uses a field inside a typed object (e.g. an event's `Okta User`.`ID`). Each
 * output group is one picked field: its `key` output holds the list of keys leading to it (as
 * written in the export) and its `value` output gets the value there. Keys are taken whole, so
 * names with dots or spaces (`Display Name`) work.
 */
export default defineCard({
  type: 'object:expand',
  title: 'Expand',
  description: 'Pick a set of keys out of an object with lists of keys.',
  kind: 'function',
  okta: { address: kernelAddress('object:expand'), timeout: 90000 },
  inputs: [{ key: 'object', type: 'object', value: {} }],
  outputs: [],
  extensible: { outputs: true },
  run(ctx) {
    const object = ctx.input('object');
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.outputFields) {
      const keyField = ctx.outputFields.find((candidate) => candidate.group === field.group && candidate.key === 'key');
      const keys = keysOf(keyField?.value ?? (keyField?.okta?.metadata as { path?: unknown } | undefined)?.path);
      if (field.key === 'key') outputs[field.id] = keys;
      else if (field.key === 'value') outputs[field.id] = valueAt(object, keys);
    }
    return { outputs };
  },
});

function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((key) => textOf(key));
  return typeof value === 'string' && value !== '' ? [value] : [];
}

function valueAt(object: unknown, keys: readonly string[]): unknown {
  let current = object;
  for (const key of keys) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (isPlainObject(current) && Object.hasOwn(current, key)) current = current[key];
    else return null;
  }
  return current ?? null;
}
