import { randomUUID } from 'node:crypto';
import { TablesError, type TableInfo, type TableRow, type TablesService } from '../engine/services/tables.js';
import { runQuery } from '../cards/stash/row-query.js';
import { newCells, readOktaTable, storedCells, updatedCells } from '../cards/stash/table-data.js';

type JsonObject = Record<string, unknown>;

/**
 * Tables held in memory, built from a flopack's `data.tables` (with the rows an export may carry), for
 * `tollgate flow run` and tests. Same semantics as the database service; changes last as long as the
 * object. A malformed table fails here, with a TablesError naming it.
 */
export function memoryTablesService(tables: Record<string, JsonObject>, options: { clock?: () => Date } = {}): TablesService {
  const clock = options.clock ?? (() => new Date());
  const store = new Map<string, { table: TableInfo; rows: TableRow[] }>();
  for (const [key, entry] of Object.entries(tables)) {
    const imported = readOktaTable(entry, `data.tables.${key}`);
    const now = clock().toISOString();
    const rows = (imported.rows ?? []).map((row): TableRow => ({
      id: row.id ?? randomUUID(),
      created: row.created ?? now,
      updated: row.updated ?? row.created ?? now,
      cells: row.cells,
    }));
    store.set(imported.table.id, { table: imported.table, rows });
  }

  const tableOf = (tableId: string) => {
    const found = store.get(tableId);
    if (!found) throw new TablesError(`there is no table '${tableId}'`, 'not-found');
    return found;
  };
  const rowIndex = (tableId: string, rowId: string) => {
    const entry = tableOf(tableId);
    const index = entry.rows.findIndex((row) => row.id === rowId);
    if (index < 0) throw new TablesError(`the table '${entry.table.name}' has no row '${rowId}'`, 'not-found');
    return { entry, index };
  };
  const copy = (table: TableInfo, row: TableRow): TableRow => ({ ...row, cells: storedCells(table, row.cells) });

  return {
    getTable: async (tableId) => structuredClone(tableOf(tableId).table),
    searchRows: async (tableId, query) => {
      const { table, rows } = tableOf(tableId);
      return runQuery(table, rows, query).map((row) => copy(table, row));
    },
    readRow: async (tableId, rowId) => {
      const { entry, index } = rowIndex(tableId, rowId);
      return copy(entry.table, entry.rows[index]);
    },
    createRow: async (tableId, values) => {
      const entry = tableOf(tableId);
      const now = clock().toISOString();
      const row: TableRow = { id: randomUUID(), created: now, updated: now, cells: newCells(entry.table, values) };
      entry.rows.push(row);
      return copy(entry.table, row);
    },
    updateRow: async (tableId, rowId, values) => {
      const { entry, index } = rowIndex(tableId, rowId);
      const current = entry.rows[index];
      const row: TableRow = { ...current, updated: clock().toISOString(), cells: updatedCells(entry.table, current.cells, values) };
      entry.rows[index] = row;
      return copy(entry.table, row);
    },
    deleteRow: async (tableId, rowId) => {
      const { entry, index } = rowIndex(tableId, rowId);
      entry.rows.splice(index, 1);
    },
    clearTable: async (tableId) => {
      const entry = tableOf(tableId);
      const count = entry.rows.length;
      entry.rows = [];
      return count;
    },
  };
}
