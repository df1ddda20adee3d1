import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { WorkflowFlowsTable } from '../../platform/db/tables/workflows.js';

/** Queries on `workflow_flows`. They take the database or an open transaction. */

export type FlowRow = Selectable<WorkflowFlowsTable>;

export async function findFlowRow(db: Executor, id: string): Promise<FlowRow | undefined> {
  return db.selectFrom('workflow_flows').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findFlowRowByAlias(db: Executor, alias: string): Promise<FlowRow | undefined> {
  return db.selectFrom('workflow_flows').selectAll().where('alias', '=', alias).executeTakeFirst();
}

/** The version of the flow at this alias, to tell whether a cached copy is still current. */
export async function flowVersionByAlias(db: Executor, alias: string): Promise<number | undefined> {
  const row = await db.selectFrom('workflow_flows').select('version').where('alias', '=', alias).executeTakeFirst();
  return row ? Number(row.version) : undefined;
}

/** The version of the flow with this id, to tell whether a cached copy is still current. */
export async function flowVersionById(db: Executor, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('workflow_flows').select('version').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.version) : undefined;
}

/** Flows in creation order, from after the cursor (`created|id`), `limit` of them. */
export async function listFlowRows(db: Executor, options: { limit: number; after?: { created: string; id: string } }): Promise<FlowRow[]> {
  let query = db.selectFrom('workflow_flows').selectAll();
  const after = options.after;
  if (after) query = query.where((eb) => eb.or([eb('created', '>', after.created), eb.and([eb('created', '=', after.created), eb('id', '>', after.id)])]));
  return query.orderBy('created').orderBy('id').limit(options.limit).execute();
}

export async function insertFlowRow(db: Executor, row: FlowRow): Promise<void> {
  await db.insertInto('workflow_flows').values(row).execute();
}

export async function updateFlowRow(db: Executor, id: string, changes: Partial<Omit<FlowRow, 'id' | 'created'>>): Promise<void> {
  await db.updateTable('workflow_flows').set(changes).where('id', '=', id).execute();
}

export async function deleteFlowRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('workflow_flows').where('id', '=', id).execute();
}
