import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/index.js';
import type { WorkflowExecutionsTable } from '../../platform/db/tables/workflows.js';

/** Queries on `workflow_executions`. They take the database or an open transaction. */

export type ExecutionRow = Selectable<WorkflowExecutionsTable>;

/** Rows per INSERT statement: 14 columns each stays far below both dialects' parameter limits. */
const ROWS_PER_INSERT = 50;

export async function insertExecutionRows(db: Executor, rows: readonly ExecutionRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db.insertInto('workflow_executions').values(rows.slice(start, start + ROWS_PER_INSERT)).execute();
  }
}

/** Executions that cards of this execution started (helper flows called by id), oldest first. */
export async function listChildExecutionRows(db: Executor, parentId: string): Promise<ExecutionRow[]> {
  return db.selectFrom('workflow_executions').selectAll().where('parent_execution_id', '=', parentId).orderBy('started').orderBy('id').execute();
}

export async function findExecutionRow(db: Executor, id: string): Promise<ExecutionRow | undefined> {
  return db.selectFrom('workflow_executions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A flow's executions, newest first, from after the cursor (`started|id`), `limit` of them. */
export async function listExecutionRows(
  db: Executor,
  flowId: string,
  options: { limit: number; after?: { started: string; id: string }; status?: string; text?: string },
): Promise<ExecutionRow[]> {
  let query = db.selectFrom('workflow_executions').selectAll().where('flow_id', '=', flowId);
  if (options.status) query = query.where('status', '=', options.status);
  if (options.text) {
    // Case-insensitive substring over the id, the error and the saved data (card inputs and outputs).
    const pattern = `%${options.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or(['id', 'error', 'data'].map((column) => sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`)));
  }
  const after = options.after;
  if (after) query = query.where((eb) => eb.or([eb('started', '<', after.started), eb.and([eb('started', '=', after.started), eb('id', '<', after.id)])]));
  return query.orderBy('started', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

/** Deletes executions that started before `before` (ISO time); returns how many. */
export async function deleteExecutionsBefore(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom('workflow_executions').where('started', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Keeps the newest `keep` executions of a flow and deletes the rest; returns how many were deleted. */
export async function deleteExecutionsBeyond(db: Executor, flowId: string, keep: number): Promise<number> {
  const oldestKept = await db.selectFrom('workflow_executions').select(['started', 'id'])
    .where('flow_id', '=', flowId)
    .orderBy('started', 'desc').orderBy('id', 'desc')
    .limit(1).offset(keep - 1)
    .executeTakeFirst();
  if (!oldestKept) return 0;
  const result = await db.deleteFrom('workflow_executions')
    .where('flow_id', '=', flowId)
    .where((eb) => eb.or([eb('started', '<', oldestKept.started), eb.and([eb('started', '=', oldestKept.started), eb('id', '<', oldestKept.id)])]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Flows with more than `keep` executions. */
export async function crowdedFlows(db: Executor, keep: number): Promise<string[]> {
  const rows = await db.selectFrom('workflow_executions').select('flow_id')
    .groupBy('flow_id').having((eb) => eb.fn.countAll(), '>', keep).execute();
  return rows.map((row) => row.flow_id);
}

export async function deleteExecutionsOfFlow(db: Executor, flowId: string): Promise<void> {
  await db.deleteFrom('workflow_executions').where('flow_id', '=', flowId).execute();
}
