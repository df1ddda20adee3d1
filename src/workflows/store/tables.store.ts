/**
 * Workflows Tables in the database (owner: the Tables engineer): queries only, on both dialects. Tables
 * keep their columns and Okta's JSON as text; rows keep their cells as JSON text and an insertion number.
 */
import type { Executor } from '../../platform/db/index.js';
import type { CellValue, TableColumn, TableInfo, TableRow } from '../engine/services/tables.js';
import { storedCells } from '../cards/stash/table-data.js';

export interface StoredTable {
  table: TableInfo;
  okta: Record<string, unknown>;
  created: string;
  lastUpdated: string;
}

type TableRecord = { id: string; folder_id: string | null; name: string; description: string | null; columns: string; okta: string; created: string; last_updated: string };
type RowRecord = { id: string; table_id: string; seq: number; cells: string; created: string; updated: string };

function toStoredTable(record: TableRecord): StoredTable {
  return {
    table: { id: record.id, name: record.name, description: record.description, folderId: record.folder_id, columns: JSON.parse(record.columns) as TableColumn[] },
    okta: JSON.parse(record.okta) as Record<string, unknown>,
    created: record.created,
    lastUpdated: record.last_updated,
  };
}

export function toTableRow(table: TableInfo, record: Pick<RowRecord, 'id' | 'cells' | 'created' | 'updated'>): TableRow {
  return { id: record.id, created: record.created, updated: record.updated, cells: storedCells(table, JSON.parse(record.cells) as Record<string, unknown>) };
}

export async function findTable(db: Executor, id: string): Promise<StoredTable | undefined> {
  const record = await db.selectFrom('workflow_tables').selectAll().where('id', '=', id).executeTakeFirst();
  return record ? toStoredTable(record) : undefined;
}

/** Tables by creation, oldest first, after the cursor `created|id`; optionally of one folder. */
export async function listTables(db: Executor, options: { limit: number; after?: { created: string; id: string }; folderId?: string }): Promise<StoredTable[]> {
  let query = db.selectFrom('workflow_tables').selectAll().orderBy('created').orderBy('id').limit(options.limit);
  if (options.folderId !== undefined) query = query.where('folder_id', '=', options.folderId);
  const after = options.after;
  if (after) query = query.where((eb) => eb.or([eb('created', '>', after.created), eb.and([eb('created', '=', after.created), eb('id', '>', after.id)])]));
  return (await query.execute()).map(toStoredTable);
}

export async function tablesByIds(db: Executor, ids: readonly string[]): Promise<StoredTable[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('workflow_tables').selectAll().where('id', 'in', [...ids]).orderBy('created').orderBy('id').execute()).map(toStoredTable);
}

/** Inserts the table, or replaces the one with its id (keeping its creation time). */
export async function saveTable(db: Executor, table: TableInfo, okta: Record<string, unknown>, now: string): Promise<'created' | 'replaced'> {
  const values = {
    folder_id: table.folderId,
    name: table.name,
    description: table.description,
    columns: JSON.stringify(table.columns),
    okta: JSON.stringify(okta),
    last_updated: now,
  };
  const existing = await db.selectFrom('workflow_tables').select('id').where('id', '=', table.id).executeTakeFirst();
  if (existing) {
    await db.updateTable('workflow_tables').set(values).where('id', '=', table.id).execute();
    return 'replaced';
  }
  await db.insertInto('workflow_tables').values({ id: table.id, created: now, ...values }).execute();
  return 'created';
}

export async function deleteTableAndRows(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('workflow_table_rows').where('table_id', '=', id).execute();
  await db.deleteFrom('workflow_tables').where('id', '=', id).execute();
}

/** Every row of a table, in creation order. */
export async function allRows(db: Executor, table: TableInfo): Promise<TableRow[]> {
  const records = await db.selectFrom('workflow_table_rows').select(['id', 'cells', 'created', 'updated']).where('table_id', '=', table.id).orderBy('seq').orderBy('id').execute();
  return records.map((record) => toTableRow(table, record));
}

/** A page of rows in creation order, after the row numbered `afterSeq`; each with its number (the cursor). */
export async function pageOfRows(db: Executor, table: TableInfo, options: { limit: number; afterSeq?: number }): Promise<Array<TableRow & { seq: number }>> {
  let query = db.selectFrom('workflow_table_rows').select(['id', 'seq', 'cells', 'created', 'updated']).where('table_id', '=', table.id).orderBy('seq').orderBy('id').limit(options.limit);
  if (options.afterSeq !== undefined) query = query.where('seq', '>', options.afterSeq);
  return (await query.execute()).map((record) => ({ ...toTableRow(table, record), seq: Number(record.seq) }));
}

export async function countRows(db: Executor, tableId: string): Promise<number> {
  const { count } = await db.selectFrom('workflow_table_rows').select((eb) => eb.fn.countAll<number>().as('count')).where('table_id', '=', tableId).executeTakeFirstOrThrow();
  return Number(count);
}

export async function findRow(db: Executor, table: TableInfo, rowId: string): Promise<TableRow | undefined> {
  const record = await db.selectFrom('workflow_table_rows').select(['id', 'cells', 'created', 'updated']).where('table_id', '=', table.id).where('id', '=', rowId).executeTakeFirst();
  return record ? toTableRow(table, record) : undefined;
}

/** Adds rows after the table's last one, in the order given. */
export async function insertRows(db: Executor, tableId: string, rows: readonly TableRow[]): Promise<void> {
  if (rows.length === 0) return;
  const { last } = await db.selectFrom('workflow_table_rows').select((eb) => eb.fn.max('seq').as('last')).where('table_id', '=', tableId).executeTakeFirstOrThrow();
  const first = (last === null || last === undefined ? 0 : Number(last)) + 1;
  // Several rows per statement, well under SQLite's bound-parameter limit.
  for (let start = 0; start < rows.length; start += 100) {
    await db
      .insertInto('workflow_table_rows')
      .values(rows.slice(start, start + 100).map((row, index) => ({
        id: row.id,
        table_id: tableId,
        seq: first + start + index,
        cells: JSON.stringify(row.cells),
        created: row.created,
        updated: row.updated,
      })))
      .execute();
  }
}

export async function updateRowCells(db: Executor, tableId: string, rowId: string, cells: Record<string, CellValue>, updated: string): Promise<void> {
  await db.updateTable('workflow_table_rows').set({ cells: JSON.stringify(cells), updated }).where('table_id', '=', tableId).where('id', '=', rowId).execute();
}

export async function deleteRowById(db: Executor, tableId: string, rowId: string): Promise<number> {
  const result = await db.deleteFrom('workflow_table_rows').where('table_id', '=', tableId).where('id', '=', rowId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteAllRows(db: Executor, tableId: string): Promise<number> {
  const result = await db.deleteFrom('workflow_table_rows').where('table_id', '=', tableId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
