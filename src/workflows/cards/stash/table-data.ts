import { TablesError, type CellValue, type ColumnType, type TableColumn, type TableInfo, type TableRow } from '../../engine/services/tables.js';
import { isPlainObject } from '../../engine/values/types.js';

/*
 * Tables' values, shared by the cards, both TablesService implementations and the API: Okta's column
 * types, how a value becomes a cell (loosely for cards, strictly for the API), and Okta's table JSON.
 */

export const COLUMN_TYPES: readonly ColumnType[] = ['str', 'dec', 'dte', 'bln'];

export function isColumnType(value: unknown): value is ColumnType {
  return typeof value === 'string' && (COLUMN_TYPES as readonly string[]).includes(value);
}

/** The card field type that shows a column (Search Rows' and Read Row's outputs, Create Row's inputs). */
export function fieldTypeOf(type: ColumnType): 'string' | 'number' | 'Date' | 'boolean' {
  return type === 'dec' ? 'number' : type === 'dte' ? 'Date' : type === 'bln' ? 'boolean' : 'string';
}

/**
 * Read Table's `Column Schema` type names. Okta documents string, number and boolean; the name for
 * Date & Time columns is not documented, `date` is Tollgate's guess.
 */
export function schemaTypeOf(type: ColumnType): string {
  return type === 'dec' ? 'number' : type === 'dte' ? 'date' : type === 'bln' ? 'boolean' : 'string';
}

function invalid(column: TableColumn, value: unknown, what: string): TablesError {
  const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return new TablesError(`${shown} is not ${what} (column '${column.name}')`, 'invalid');
}

/** A value from a flow as the column's type, as Okta's loose coercions read it; else a TablesError. */
export function looseCell(column: TableColumn, value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'str':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return JSON.stringify(value);
    case 'dec': {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string') {
        if (value.trim() === '') return null;
        const number = Number(value.trim());
        if (Number.isFinite(number)) return number;
      }
      throw invalid(column, value, 'a number');
    }
    case 'bln':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') {
        const text = value.trim().toLowerCase();
        if (text === 'true') return true;
        if (text === 'false') return false;
        if (text === '') return null;
      }
      throw invalid(column, value, 'true or false');
    case 'dte': {
      if (typeof value === 'string' && value.trim() === '') return null;
      if (typeof value === 'string' || typeof value === 'number') {
        const date = new Date(value);
        if (!Number.isNaN(date.getTime())) return date.toISOString();
      }
      throw invalid(column, value, 'a date');
    }
  }
}

/** The API's strict reading: the JSON type must be the column's (dates as ISO-8601 text). Else a message. */
export function strictCell(column: TableColumn, value: unknown): { cell: CellValue } | { problem: string } {
  if (value === null) return { cell: null };
  switch (column.type) {
    case 'str':
      return typeof value === 'string' ? { cell: value } : { problem: `The column '${column.name}' holds text` };
    case 'dec':
      return typeof value === 'number' && Number.isFinite(value) ? { cell: value } : { problem: `The column '${column.name}' holds numbers` };
    case 'bln':
      return typeof value === 'boolean' ? { cell: value } : { problem: `The column '${column.name}' holds true or false` };
    case 'dte': {
      const date = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value) : undefined;
      return date && !Number.isNaN(date.getTime()) ? { cell: date.toISOString() } : { problem: `The column '${column.name}' holds dates (ISO-8601 text)` };
    }
  }
}

/** A column's default as a cell (a default the type cannot read is no value). */
export function defaultCell(column: TableColumn): CellValue {
  try {
    return looseCell(column, column.default);
  } catch {
    return null;
  }
}

export function columnNamed(table: TableInfo, name: string): TableColumn {
  const column = table.columns.find((candidate) => candidate.name === name);
  if (!column) throw new TablesError(`the table '${table.name}' has no column '${name}'`, 'invalid');
  return column;
}

/** Cells for a new row: the values given (loosely read), the defaults for the rest. */
export function newCells(table: TableInfo, values: Record<string, unknown>): Record<string, CellValue> {
  for (const name of Object.keys(values)) columnNamed(table, name);
  return Object.fromEntries(table.columns.map((column) => [column.name, Object.hasOwn(values, column.name) ? looseCell(column, values[column.name]) : defaultCell(column)]));
}

/** Cells after an update: the values given (loosely read) replace the current ones. */
export function updatedCells(table: TableInfo, current: Record<string, CellValue>, values: Record<string, unknown>): Record<string, CellValue> {
  const cells = storedCells(table, current);
  for (const [name, value] of Object.entries(values)) cells[name] = looseCell(columnNamed(table, name), value);
  return cells;
}

/** Stored cells with exactly the table's columns (a cell of a column since removed is dropped). */
export function storedCells(table: TableInfo, stored: Record<string, unknown>): Record<string, CellValue> {
  return Object.fromEntries(
    table.columns.map((column) => {
      const value = Object.hasOwn(stored, column.name) ? stored[column.name] : null;
      return [column.name, value === undefined ? null : (value as CellValue)];
    }),
  );
}

/** A row as the cards and exports show it: the cells, plus `Row ID`, `Created` and `Updated`. */
export function rowObject(row: TableRow): Record<string, unknown> {
  return { ...row.cells, 'Row ID': row.id, Created: row.created, Updated: row.updated };
}

// ---------------------------------------------------------------------------------------------------
// Okta's table JSON: data.tables[<id>] = {id, name, description, data: {class, group_id, structure}}.

/** A row that an export carries (Tollgate's extension `data.rows`: row objects as Search Rows gives them). */
export interface ImportedRow {
  id?: string;
  created?: string;
  updated?: string;
  cells: Record<string, CellValue>;
}

export interface ImportedTable {
  table: TableInfo;
  /** Okta's JSON of the table, without rows: what an export writes back. */
  okta: Record<string, unknown>;
  /** Undefined when the export holds no rows (as Okta's exports never do). */
  rows?: ImportedRow[];
}

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Reads one entry of an export's `data.tables`; a TablesError names what is wrong and where. */
export function readOktaTable(entry: unknown, path: string): ImportedTable {
  const fail = (where: string, message: string): never => {
    throw new TablesError(`${where}: ${message}`, 'invalid');
  };
  if (!isPlainObject(entry)) fail(path, 'a table must be an object');
  const okta = structuredClone(entry as Record<string, unknown>);
  const { id, name, description } = okta;
  if (typeof id !== 'string' || !SAFE_ID.test(id)) fail(`${path}.id`, 'a table id is 1 to 128 letters, digits, dots, dashes and underscores');
  if (typeof name !== 'string' || name.trim() === '') fail(`${path}.name`, 'a table needs a name');
  if (description !== undefined && description !== null && typeof description !== 'string') fail(`${path}.description`, 'must be text');
  const data = okta.data;
  if (!isPlainObject(data)) return fail(`${path}.data`, 'must be an object');
  if (data.group_id !== undefined && data.group_id !== null && typeof data.group_id !== 'string') fail(`${path}.data.group_id`, 'must be text');
  if (!Array.isArray(data.structure)) return fail(`${path}.data.structure`, 'must be a list of columns');
  const columns = data.structure.map((raw, index): TableColumn => {
    const at = `${path}.data.structure[${index}]`;
    if (!isPlainObject(raw)) return fail(at, 'a column must be an object');
    if (typeof raw.name !== 'string' || raw.name === '') fail(`${at}.name`, 'a column needs a name');
    if (!isColumnType(raw.type)) fail(`${at}.type`, `'${String(raw.type)}' is not a column type (str, dec, dte, bln)`);
    if (raw.default !== undefined && raw.default !== null && typeof raw.default !== 'string') fail(`${at}.default`, 'a default is text or null');
    return { name: raw.name as string, type: raw.type as ColumnType, default: (raw.default as string | null | undefined) ?? null };
  });
  const names = new Set<string>();
  for (const column of columns) {
    if (names.has(column.name)) fail(`${path}.data.structure`, `the column '${column.name}' appears twice`);
    names.add(column.name);
  }
  const table: TableInfo = {
    id: id as string,
    name: name as string,
    description: typeof description === 'string' ? description : null,
    folderId: typeof data.group_id === 'string' ? data.group_id : null,
    columns,
  };
  const rawRows = data.rows;
  delete data.rows;
  if (rawRows === undefined) return { table, okta };
  if (!Array.isArray(rawRows)) return fail(`${path}.data.rows`, 'must be a list of rows');
  const rows = rawRows.map((raw, index) => readRowObject(table, raw, `${path}.data.rows[${index}]`));
  return { table, okta, rows };
}

function readRowObject(table: TableInfo, raw: unknown, path: string): ImportedRow {
  if (!isPlainObject(raw)) throw new TablesError(`${path}: a row must be an object of cells by column name`, 'invalid');
  const { 'Row ID': id, Created: created, Updated: updated, ...values } = raw;
  const row: ImportedRow = { cells: {} };
  if (id !== undefined && (typeof id !== 'string' || !SAFE_ID.test(id))) throw new TablesError(`${path}.Row ID: not a row id`, 'invalid');
  if (typeof id === 'string') row.id = id;
  for (const [key, value] of [['Created', created], ['Updated', updated]] as const) {
    if (value === undefined) continue;
    const date = typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new TablesError(`${path}.${key}: not a date`, 'invalid');
    if (key === 'Created') row.created = date.toISOString();
    else row.updated = date.toISOString();
  }
  try {
    row.cells = newCells(table, values);
  } catch (error) {
    if (error instanceof TablesError) throw new TablesError(`${path}: ${error.message}`, 'invalid');
    throw error;
  }
  return row;
}

/** Okta's JSON for a table made in Tollgate. */
export function oktaTableJson(table: TableInfo): Record<string, unknown> {
  return {
    id: table.id,
    name: table.name,
    description: table.description,
    data: { class: 'simple', group_id: table.folderId, structure: table.columns.map((column) => ({ name: column.name, type: column.type, default: column.default })) },
  };
}
