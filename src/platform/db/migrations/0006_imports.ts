import type { Kysely } from 'kysely';

// Text for ids, timestamps (ISO strings) and JSON; integer for counters, as 0001.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('hook_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key_id', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_jwk_encrypted', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('worker', 'text')
    .addColumn('heartbeat', 'text')
    .addColumn('error', 'text')
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .addColumn('completed', 'text')
    .execute();
  await db.schema.createIndex('import_jobs_app').on('import_jobs').columns(['app_id', 'created']).execute();

  await db.schema.createTable('import_job_users')
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('app_user', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .addColumn('user_id', 'text')
    .addColumn('processed', 'text')
    .addPrimaryKeyConstraint('import_job_users_pk', ['job_id', 'row_number'])
    .execute();

  await db.schema.createTable('authn_session_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
