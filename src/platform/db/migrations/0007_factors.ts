import type { Kysely } from 'kysely';

/** Phone factors and their one-time passcodes. A user's factors go with the user (cascade). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('user_factors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('factor_type', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('phone_number', 'text', (c) => c.notNull())
    .addColumn('phone_extension', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .addUniqueConstraint('user_factors_user_type', ['user_id', 'factor_type'])
    .execute();

  await db.schema.createTable('factor_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('factor_id', 'text', (c) => c.notNull().references('user_factors.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('factor_challenges_factor').on('factor_challenges').columns(['factor_id', 'created']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
