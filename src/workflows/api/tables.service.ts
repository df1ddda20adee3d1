/**
 * Workflows Tables as the Workflows API and the flopack import/export change them (owner: the Tables
 * engineer). Every input is checked before anything is written (each problem one error cause); each change
 * and its System Log event (where Okta has one: table create, delete, schema import/export, data export)
 * commit in one transaction. Row edits have no Okta event type and write none.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Trx } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { TablesError, type CellValue, type TableColumn, type TableInfo, type TableRow } from '../engine/services/tables.js';
import { rowsToCsv } from '../cards/stash/csv.js';
import { defaultCell, isColumnType, looseCell, oktaTableJson, readOktaTable, strictCell, type ImportedTable } from '../cards/stash/table-data.js';
import {
  allRows, countRows, deleteAllRows, deleteRowById, deleteTableAndRows, findRow, findTable, insertRows, listTables, pageOfRows, saveTable,
  updateRowCells, type StoredTable,
} from '../store/tables.store.js';
import type { TableRow as ApiTableRow, WorkflowTable } from './table.schema.js';

type JsonObject = Record<string, unknown>;

/** A table and a row as the API answers them (table.schema.ts). */
export type TableResource = WorkflowTable;
export type RowResource = ApiTableRow;

export function tableTarget(table: Pick<TableInfo, 'id' | 'name'>) {
  return [{ id: table.id, type: 'Table', alternateId: table.id, displayName: table.name }];
}

function tableHref(ctx: AppContext, id: string): string {
  return `${ctx.config.issuer}/api/workflows/v1/tables/${encodeURIComponent(id)}`;
}

function toTableResource(ctx: AppContext, stored: StoredTable, rowCount: number): TableResource {
  const self = tableHref(ctx, stored.table.id);
  return {
    ...stored.table,
    rowCount,
    created: stored.created,
    lastUpdated: stored.lastUpdated,
    _links: { self: { href: self }, rows: { href: `${self}/rows` }, export: { href: `${self}/export` } },
  };
}

export function toRowResource(row: TableRow): RowResource {
  return { id: row.id, created: row.created, lastUpdated: row.updated, fields: row.cells };
}

async function storedTable(db: Executor, id: string): Promise<StoredTable> {
  const stored = await findTable(db, id);
  if (!stored) throw errors.notFound('Table', id);
  return stored;
}

async function storedRow(db: Executor, table: TableInfo, rowId: string): Promise<TableRow> {
  const row = await findRow(db, table, rowId);
  if (!row) throw errors.notFound('Row', rowId);
  return row;
}

// ---------------------------------------------------------------------------------------------------
// Tables

export async function listTablesApi(ctx: AppContext, options: { limit: number; after?: string; folderId?: string }): Promise<{ items: TableResource[]; nextAfter?: string }> {
  let after: { created: string; id: string } | undefined;
  if (options.after) {
    const at = options.after.indexOf('|');
    if (at < 1) throw errors.validation('after', ['after: This is not a cursor from a Link header']);
    after = { created: options.after.slice(0, at), id: options.after.slice(at + 1) };
  }
  const found = await listTables(ctx.db, { limit: options.limit + 1, after, folderId: options.folderId });
  const page = found.slice(0, options.limit);
  const items = await Promise.all(page.map(async (stored) => toTableResource(ctx, stored, await countRows(ctx.db, stored.table.id))));
  const last = found.length > options.limit ? page[page.length - 1] : undefined;
  return { items, nextAfter: last ? `${last.created}|${last.table.id}` : undefined };
}

export async function getTableApi(ctx: AppContext, id: string): Promise<TableResource> {
  const stored = await storedTable(ctx.db, id);
  return toTableResource(ctx, stored, await countRows(ctx.db, id));
}

export interface NewTableBody {
  name: string;
  description?: string | null;
  folderId?: string | null;
  columns: Array<{ name: string; type: string; default?: string | null }>;
}

/** Creates a table (no rows). Writes `workflows.user.table.create`. */
export async function createTableApi(ctx: AppContext, audit: AuditContext, body: NewTableBody): Promise<TableResource> {
  const causes: string[] = [];
  if (body.name.trim() === '') causes.push('name: A table needs a name');
  const names = new Set<string>();
  const columns = body.columns.map((column, index): TableColumn => {
    if (column.name.trim() === '') causes.push(`columns[${index}].name: A column needs a name`);
    else if (names.has(column.name)) causes.push(`columns[${index}].name: The column '${column.name}' appears twice`);
    names.add(column.name);
    if (!isColumnType(column.type)) causes.push(`columns[${index}].type: '${column.type}' is not a column type (str, dec, dte, bln)`);
    const checked: TableColumn = { name: column.name, type: isColumnType(column.type) ? column.type : 'str', default: column.default ?? null };
    if (isColumnType(column.type) && checked.default !== null && checked.default !== '') {
      try {
        looseCell(checked, checked.default);
      } catch {
        causes.push(`columns[${index}].default: '${checked.default}' is not a value of type ${column.type}`);
      }
    }
    return checked;
  });
  if (causes.length > 0) throw errors.validation('table', causes);
  const table: TableInfo = { id: randomUUID(), name: body.name, description: body.description ?? null, folderId: body.folderId ?? null, columns };
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await saveTable(trx, table, oktaTableJson(table), now);
    await recordEvent(ctx, trx, audit, { eventType: 'workflows.user.table.create', displayMessage: 'Create table', target: tableTarget(table) });
  });
  return getTableApi(ctx, table.id);
}

/** Deletes a table with its rows. Writes `workflows.user.table.delete`. */
export async function deleteTableApi(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const stored = await storedTable(trx, id);
    await deleteTableAndRows(trx, id);
    await recordEvent(ctx, trx, audit, { eventType: 'workflows.user.table.delete', displayMessage: 'Delete table', target: tableTarget(stored.table) });
  });
}

// ---------------------------------------------------------------------------------------------------
// Rows

export async function listRowsApi(ctx: AppContext, tableId: string, options: { limit: number; after?: string }): Promise<{ items: RowResource[]; nextAfter?: string }> {
  const { table } = await storedTable(ctx.db, tableId);
  let afterSeq: number | undefined;
  if (options.after !== undefined) {
    afterSeq = Number(options.after);
    if (!/^\d+$/.test(options.after)) throw errors.validation('after', ['after: This is not a cursor from a Link header']);
  }
  const rows = await pageOfRows(ctx.db, table, { limit: options.limit + 1, afterSeq });
  const page = rows.slice(0, options.limit);
  return { items: page.map(toRowResource), nextAfter: rows.length > options.limit ? String(page[page.length - 1].seq) : undefined };
}

export async function getRowApi(ctx: AppContext, tableId: string, rowId: string): Promise<RowResource> {
  const { table } = await storedTable(ctx.db, tableId);
  return toRowResource(await storedRow(ctx.db, table, rowId));
}

/** The request's fields, each checked against its column's type; every problem is one cause. */
function checkedFields(table: TableInfo, fields: JsonObject): Record<string, CellValue> {
  const causes: string[] = [];
  const cells: Record<string, CellValue> = {};
  for (const [name, value] of Object.entries(fields)) {
    const column = table.columns.find((candidate) => candidate.name === name);
    if (!column) {
      causes.push(`fields.${name}: The table '${table.name}' has no column '${name}'`);
      continue;
    }
    const checked = strictCell(column, value);
    if ('problem' in checked) causes.push(`fields.${name}: ${checked.problem}`);
    else cells[name] = checked.cell;
  }
  if (causes.length > 0) throw errors.validation('fields', causes);
  return cells;
}

/** Adds a row; columns not given take their default. */
export async function createRowApi(ctx: AppContext, tableId: string, fields: JsonObject): Promise<RowResource> {
  return ctx.db.transaction().execute(async (trx) => {
    const { table } = await storedTable(trx, tableId);
    const given = checkedFields(table, fields);
    const now = ctx.clock().toISOString();
    const cells = Object.fromEntries(table.columns.map((column) => [column.name, Object.hasOwn(given, column.name) ? given[column.name] : defaultCell(column)]));
    const row: TableRow = { id: randomUUID(), created: now, updated: now, cells };
    await insertRows(trx, table.id, [row]);
    return toRowResource(row);
  });
}

/** Sets the given fields (`partial`), or all of them, the ones not given becoming empty (`replace`). */
export async function updateRowApi(ctx: AppContext, tableId: string, rowId: string, fields: JsonObject, mode: 'partial' | 'replace'): Promise<RowResource> {
  return ctx.db.transaction().execute(async (trx) => {
    const { table } = await storedTable(trx, tableId);
    const current = await storedRow(trx, table, rowId);
    const given = checkedFields(table, fields);
    const base = mode === 'replace' ? Object.fromEntries(table.columns.map((column) => [column.name, null])) : current.cells;
    const row: TableRow = { ...current, updated: ctx.clock().toISOString(), cells: { ...base, ...given } };
    await updateRowCells(trx, table.id, row.id, row.cells, row.updated);
    return toRowResource(row);
  });
}

export async function deleteRowApi(ctx: AppContext, tableId: string, rowId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { table } = await storedTable(trx, tableId);
    if ((await deleteRowById(trx, table.id, rowId)) === 0) throw errors.notFound('Row', rowId);
  });
}

export async function clearTableApi(ctx: AppContext, tableId: string): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const { table } = await storedTable(trx, tableId);
    return deleteAllRows(trx, table.id);
  });
}

/** The whole table as CSV (header line, rows in creation order). Writes `workflows.user.table.export`. */
export async function exportTableCsvApi(ctx: AppContext, audit: AuditContext, tableId: string): Promise<{ name: string; csv: string }> {
  const { table } = await storedTable(ctx.db, tableId);
  const csv = rowsToCsv(table.columns.map((column) => column.name), await allRows(ctx.db, table));
  await recordEvent(ctx, ctx.db, audit, { eventType: 'workflows.user.table.export', displayMessage: 'Export table data', target: tableTarget(table) });
  return { name: table.name, csv };
}

// ---------------------------------------------------------------------------------------------------
// Flopack import and export

/** An export's `data.tables`, checked; a malformed table is a validation error naming where. */
export function checkedImportTables(tables: Record<string, JsonObject>): ImportedTable[] {
  const causes: string[] = [];
  const checked: ImportedTable[] = [];
  for (const [key, entry] of Object.entries(tables)) {
    try {
      const imported = readOktaTable(entry, `data.tables.${key}`);
      if (imported.table.id !== key) causes.push(`flopack: data.tables.${key}: the table is filed under '${key}' but its id is '${imported.table.id}'`);
      else checked.push(imported);
    } catch (error) {
      if (error instanceof TablesError) causes.push(`flopack: ${error.message}`);
      else throw error;
    }
  }
  if (causes.length > 0) throw errors.validation('flopack', causes);
  return checked;
}

/**
 * Saves imported tables in the import's transaction: a table with the same id is replaced (its schema; its
 * rows too when the export carries rows, else they stay). Writes `workflows.user.table.schema.import`.
 */
export async function importTables(ctx: AppContext, trx: Trx, audit: AuditContext, tables: readonly ImportedTable[]): Promise<void> {
  const now = ctx.clock().toISOString();
  for (const { table, okta, rows } of tables) {
    const outcome = await saveTable(trx, table, okta, now);
    if (rows) {
      await deleteAllRows(trx, table.id);
      await insertRows(trx, table.id, rows.map((row) => ({ id: row.id ?? randomUUID(), created: row.created ?? now, updated: row.updated ?? row.created ?? now, cells: row.cells })));
    }
    await recordEvent(ctx, trx, audit, {
      eventType: 'workflows.user.table.schema.import',
      displayMessage: 'Import table schema',
      target: tableTarget(table),
      debugData: { replaced: outcome === 'replaced', rows: rows?.length ?? 0 },
    });
  }
}

