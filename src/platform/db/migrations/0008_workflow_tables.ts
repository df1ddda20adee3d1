import type { Kysely } from 'kysely';

// Workflows Tables: tables (typed columns, Okta's JSON kept for export) and their rows (cells as JSON text,
// so both dialects store them alike). Text ids and ISO timestamps, as 0001.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('workflow_tables')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('folder_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('columns', 'text', (c) => c.notNull())
    .addColumn('okta', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workflow_tables_folder').on('workflow_tables').columns(['folder_id', 'name']).execute();
  await db.schema.createIndex('workflow_tables_created').on('workflow_tables').columns(['created', 'id']).execute();

  await db.schema.createTable('workflow_table_rows')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('table_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('cells', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('updated', 'text', (c) => c.notNull())
    // Row ids are unique within their table (an export's rows keep their ids).
    .addPrimaryKeyConstraint('workflow_table_rows_pk', ['table_id', 'id'])
    .execute();
  await db.schema.createIndex('workflow_table_rows_table').on('workflow_table_rows').columns(['table_id', 'seq']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
