import { sql, type RawBuilder } from 'kysely';
import type { DialectName } from './index.js';

/**
 * One member of a JSON text column, as SQL, on either dialect. Numbers compare as numbers when `asNumber`.
 * `key` is a dotted path below the document root ("department" or "address.city").
 */
export function jsonMember(dialect: DialectName, column: string, key: string, asNumber = false): RawBuilder<unknown> {
  if (!/^[A-Za-z0-9_.$-]+$/.test(key)) throw new Error(`Invalid JSON key ${key}`);
  if (dialect === 'sqlite') return sql`json_extract(${sql.ref(column)}, ${'$.' + key})`;
  const parts = key.split('.');
  const text = sql`(${sql.ref(column)}::jsonb #>> ${sql.lit('{' + parts.join(',') + '}')})`;
  return asNumber ? sql`(${text})::numeric` : text;
}
