import type { Kysely } from 'kysely';

// Workflows connections: an export's `data.configs` entries (kept verbatim for export) and what binds each
// to an account here (its secrets sealed with the secret key). Text ids and ISO timestamps, as 0001.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('workflow_connections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('connector', 'text', (c) => c.notNull())
    .addColumn('okta', 'text', (c) => c.notNull())
    .addColumn('binding', 'text')
    .addColumn('secrets_encrypted', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workflow_connections_created').on('workflow_connections').columns(['created', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
