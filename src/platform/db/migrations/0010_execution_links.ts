import type { Kysely } from 'kysely';

// Workflows: an execution started by another flow's card (Call Flow, iterators, error flows) points to
// the execution and card that started it, so that history shows nested runs under their parent.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('workflow_executions').addColumn('parent_execution_id', 'text').execute();
  await db.schema.alterTable('workflow_executions').addColumn('parent_card_id', 'text').execute();
  await db.schema.createIndex('workflow_executions_parent').on('workflow_executions').column('parent_execution_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
