import type { Field } from '../model/flow.schema.js';
import { setOwn } from '../model/own-keys.js';

/** How a field is named in execution records: `group.key`, or `key` for fields without a group. */
export function fieldLabel(field: Pick<Field, 'group' | 'key'>): string {
  return field.group ? `${field.group}.${field.key}` : field.key;
}

/** Values by field label; a label used twice on one card gets the field id appended. */
export function valuesByLabel(fields: readonly Field[], valueOf: (field: Field, index: number) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index];
    let label = fieldLabel(field);
    if (Object.hasOwn(out, label)) label = `${label}#${field.id}`;
    const value = valueOf(field, index) ?? null;
    // On a plain object only `__proto__` is not an own-property write (an accessor of Object.prototype);
    // a plain assignment is much cheaper than defineProperty and makes the same own, enumerable property.
    if (label === '__proto__') setOwn(out, label, value);
    else out[label] = value;
  }
  return out;
}
