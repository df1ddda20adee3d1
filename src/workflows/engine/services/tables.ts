/**
 * Workflows tables for the `stash` cards (owner: the Tables engineer). The host implements it over the
 * database (`runtime/tables-service.ts`) or in memory from a flopack (`runtime/memory-tables.ts`); the engine
 * and cards see only this interface. Every method fails with a `TablesError`.
 */

/** Okta's column types, as its exports write them: Text, Number, Date & Time, True/False. */
export type ColumnType = 'str' | 'dec' | 'dte' | 'bln';

export interface TableColumn {
  name: string;
  type: ColumnType;
  /** Okta keeps defaults as text (`"false"`, `"0"`, `""`) or null. */
  default: string | null;
}

export interface TableInfo {
  id: string;
  name: string;
  description: string | null;
  /** The Okta folder the table belongs to. */
  folderId: string | null;
  columns: TableColumn[];
}

/** A cell as stored: text, a number, true/false, a date as ISO-8601 text, or nothing. */
export type CellValue = string | number | boolean | null;

export interface TableRow {
  id: string;
  /** ISO-8601 times. */
  created: string;
  updated: string;
  /** Every column of the table, by name (a column with no value is null). */
  cells: Record<string, CellValue>;
}

/**
 * One test of Search Rows' where-expression: `column <operator> value`. `join` (AND, OR) links it to the
 * NEXT condition, as Okta's expression builder writes it; AND binds tighter than OR.
 */
export interface WhereCondition {
  column: string;
  /** `=`, `!=`, `<`, `<=`, `>`, `>=`; anything else fails the search. */
  operator: string;
  /** The value to compare with, read as the column's type (loosely, as cards do). */
  value: unknown;
  join?: string;
}

export interface RowQuery {
  where?: readonly WhereCondition[];
  /** Without a column, rows come in the order they were created. */
  sort?: { column: string; direction: 'asc' | 'desc' };
  /** Rows to skip, then at most `limit` rows (no limit when absent). */
  offset?: number;
  limit?: number;
}

export class TablesError extends Error {
  constructor(
    message: string,
    /** `not-found`: no such table or row; `invalid`: a value, column or operator the table cannot take. */
    readonly reason: 'not-found' | 'invalid',
  ) {
    super(message);
  }
}

export interface TablesService {
  /** The table's name, folder and columns. */
  getTable(tableId: string): Promise<TableInfo>;
  /** The rows that pass the query's where-expression, sorted, then `offset` and `limit` applied. */
  searchRows(tableId: string, query: RowQuery): Promise<TableRow[]>;
  readRow(tableId: string, rowId: string): Promise<TableRow>;
  /** Values by column name, read loosely as each column's type; columns not given take their default. */
  createRow(tableId: string, values: Record<string, unknown>): Promise<TableRow>;
  /** Sets the given columns (values read as in createRow); the others keep their value. */
  updateRow(tableId: string, rowId: string, values: Record<string, unknown>): Promise<TableRow>;
  deleteRow(tableId: string, rowId: string): Promise<void>;
  /** Deletes every row; says how many there were. */
  clearTable(tableId: string): Promise<number>;
}
