import type { Field } from '../model/flow.schema.js';
import { setOwn } from '../model/own-keys.js';

/** How a field is named in execution records: `group.key`, or `key` for fields without a group. */
export function fieldLabel(field: Pick<Field, 'group' | 'key'>): string {
  return field.group ? `${field.group}.${field.key}` : field.key;
}

/** Values by field label; a label used twice on one card gets the field id appended. */
export function valuesByLabel(fields: readonly Field[], valueOf: (field: Field, index: number) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fields.forEach((field, index) => {
    let label = fieldLabel(field);
    if (Object.hasOwn(out, label)) label = `${label}#${field.id}`;
    setOwn(out, label, valueOf(field, index) ?? null);
  });
  return out;
}
