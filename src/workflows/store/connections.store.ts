/** Queries of `workflow_connections` (both dialects), and the reads of a stored row's binding. */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { WorkflowConnectionsTable } from '../../platform/db/tables/workflow-connections.js';
import type { Binding, BindingSecrets } from './connections.bindings.js';

export type ConnectionRow = Selectable<WorkflowConnectionsTable>;

export function storedBinding(row: ConnectionRow): Binding | null {
  return row.binding ? (JSON.parse(row.binding) as Binding) : null;
}

/** The binding's secrets (server side only: the connections service and re-binding read them). */
export function secretsOf(ctx: AppContext, row: ConnectionRow): BindingSecrets | null {
  return row.secrets_encrypted ? (JSON.parse(ctx.secrets.decrypt(row.secrets_encrypted)) as BindingSecrets) : null;
}

export async function findConnectionRow(db: Executor, id: string): Promise<ConnectionRow | undefined> {
  return db.selectFrom('workflow_connections').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function connectionRowsByIds(db: Executor, ids: readonly string[]): Promise<ConnectionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('workflow_connections').selectAll().where('id', 'in', [...ids]).orderBy('created').orderBy('id').execute();
}

export async function listConnectionRows(db: Executor, options: { limit: number; after?: { created: string; id: string } }): Promise<ConnectionRow[]> {
  let query = db.selectFrom('workflow_connections').selectAll();
  const after = options.after;
  if (after) query = query.where((eb) => eb.or([eb('created', '>', after.created), eb.and([eb('created', '=', after.created), eb('id', '>', after.id)])]));
  return query.orderBy('created').orderBy('id').limit(options.limit).execute();
}

export async function insertConnectionRow(db: Executor, row: ConnectionRow): Promise<void> {
  await db.insertInto('workflow_connections').values(row).execute();
}

export async function updateConnectionRow(db: Executor, id: string, changes: Partial<Omit<ConnectionRow, 'id' | 'created'>>): Promise<void> {
  await db.updateTable('workflow_connections').set(changes).where('id', '=', id).execute();
}

export async function deleteConnectionRow(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('workflow_connections').where('id', '=', id).execute();
}

/** Every stored flow's id, name and definition text (to find the flows that use a connection). */
export async function flowDefinitions(db: Executor): Promise<Array<{ id: string; name: string; definition: string }>> {
  return db.selectFrom('workflow_flows').select(['id', 'name', 'definition']).orderBy('created').orderBy('id').execute();
}
