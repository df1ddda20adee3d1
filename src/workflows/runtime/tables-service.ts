import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { TablesError, type TableInfo, type TableRow, type TablesService } from '../engine/services/tables.js';
import { runQuery } from '../cards/stash/row-query.js';
import { newCells, updatedCells } from '../cards/stash/table-data.js';
import { allRows, deleteAllRows, deleteRowById, findRow, findTable, insertRows, updateRowCells } from '../store/tables.store.js';

/**
 * Workflows tables in the database, for the `stash` cards (owner: the Tables engineer). Searches read the
 * table's rows and apply Search Rows' semantics in one place (`row-query.ts`), so the database and the
 * in-memory tables answer alike; each change is one transaction. Cards' changes write no System Log events
 * (Okta logs table changes made by people, not by flows).
 */
export function tablesService(ctx: AppContext): TablesService | undefined {
  const tableOf = async (db: Executor, tableId: string): Promise<TableInfo> => {
    const stored = await findTable(db, tableId);
    if (!stored) throw new TablesError(`there is no table '${tableId}'`, 'not-found');
    return stored.table;
  };
  const rowOf = async (db: Executor, table: TableInfo, rowId: string): Promise<TableRow> => {
    const row = await findRow(db, table, rowId);
    if (!row) throw new TablesError(`the table '${table.name}' has no row '${rowId}'`, 'not-found');
    return row;
  };

  return {
    getTable: (tableId) => tableOf(ctx.db, tableId),
    searchRows: async (tableId, query) => {
      const table = await tableOf(ctx.db, tableId);
      return runQuery(table, await allRows(ctx.db, table), query);
    },
    readRow: async (tableId, rowId) => rowOf(ctx.db, await tableOf(ctx.db, tableId), rowId),
    createRow: (tableId, values) =>
      ctx.db.transaction().execute(async (trx) => {
        const table = await tableOf(trx, tableId);
        const now = ctx.clock().toISOString();
        const row: TableRow = { id: randomUUID(), created: now, updated: now, cells: newCells(table, values) };
        await insertRows(trx, table.id, [row]);
        return row;
      }),
    updateRow: (tableId, rowId, values) =>
      ctx.db.transaction().execute(async (trx) => {
        const table = await tableOf(trx, tableId);
        const current = await rowOf(trx, table, rowId);
        const row: TableRow = { ...current, updated: ctx.clock().toISOString(), cells: updatedCells(table, current.cells, values) };
        await updateRowCells(trx, table.id, row.id, row.cells, row.updated);
        return row;
      }),
    deleteRow: (tableId, rowId) =>
      ctx.db.transaction().execute(async (trx) => {
        const table = await tableOf(trx, tableId);
        if ((await deleteRowById(trx, table.id, rowId)) === 0) throw new TablesError(`the table '${table.name}' has no row '${rowId}'`, 'not-found');
      }),
    clearTable: (tableId) =>
      ctx.db.transaction().execute(async (trx) => {
        const table = await tableOf(trx, tableId);
        return deleteAllRows(trx, table.id);
      }),
  };
}
