import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// Identity source sessions and their uploaded bulk data. An identity source may have one open session
// (CREATED or IN_PROGRESS) at a time: the partial unique index settles two creates racing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('identity_source_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identity_source_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('import_type', 'text', (c) => c.notNull())
    .addColumn('import_job_id', 'text')
    .addColumn('error', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('identity_source_sessions_source').on('identity_source_sessions').columns(['identity_source_id', 'created']).execute();
  await db.schema.createIndex('identity_source_sessions_open').on('identity_source_sessions').column('identity_source_id').unique()
    .where(sql.ref('status'), 'in', ['CREATED', 'IN_PROGRESS']).execute();

  await db.schema.createTable('identity_source_session_items')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('profile', 'text')
    .addPrimaryKeyConstraint('identity_source_session_items_pk', ['session_id', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
