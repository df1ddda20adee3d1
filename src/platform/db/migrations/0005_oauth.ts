import type { Kysely } from 'kysely';

// Not released yet: its owner fills it in (text ids/timestamps/JSON, integer flags, as 0001).
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
