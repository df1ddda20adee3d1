import type { Kysely } from 'kysely';

// Workflows: flows and execution history. Text for ids, timestamps (ISO strings) and JSON; integers for
// counters and 0/1 flags, as 0001.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('workflow_flows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('alias', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('client_token_encrypted', 'text')
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('folder', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('workflow_flows_created').on('workflow_flows').columns(['created', 'id']).execute();

  await db.schema.createTable('workflow_executions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('flow_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('started', 'text', (c) => c.notNull())
    .addColumn('finished', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('failed_card_id', 'text')
    .addColumn('failed_card_name', 'text')
    .addColumn('status_code', 'integer')
    .addColumn('data_saved', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  // A flow's history, newest first, and retention by count; retention by age.
  await db.schema.createIndex('workflow_executions_flow').on('workflow_executions').columns(['flow_id', 'started', 'id']).execute();
  await db.schema.createIndex('workflow_executions_started').on('workflow_executions').column('started').execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
