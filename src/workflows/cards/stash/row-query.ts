import { TablesError, type CellValue, type ColumnType, type RowQuery, type TableInfo, type TableRow, type WhereCondition } from '../../engine/services/tables.js';
import { columnNamed, looseCell } from './table-data.js';

/*
 * Search Rows' semantics over a table's rows (given in the order they were created), the same for the
 * database and the in-memory tables: Okta's where-expression, the sort, then offset and limit.
 * - Comparisons are case-sensitive (Okta: "search expressions are case sensitive") and typed by the
 *   column: numbers as numbers, dates as instants, true/false with false < true, text by code units.
 * - An empty text cell and no value are the same for text columns; for other types, no value equals
 *   only no value, and never orders against a value.
 * - Each condition's `join` links it to the next one; AND binds tighter than OR, as in SQL.
 */

const OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
type Operator = (typeof OPERATORS)[number];

interface BoundCondition {
  column: string;
  type: ColumnType;
  operator: Operator;
  value: CellValue;
}

export function runQuery(table: TableInfo, rows: readonly TableRow[], query: RowQuery): TableRow[] {
  const groups = boundWhere(table, query.where ?? []);
  let matching = groups.length === 0 ? [...rows] : rows.filter((row) => groups.some((group) => group.every((condition) => test(row, condition))));
  if (query.sort && query.sort.column !== '') {
    const column = columnNamed(table, query.sort.column);
    const descending = query.sort.direction === 'desc';
    // Stable: rows that tie keep their creation order. No value last going up, first going down (SQL's way).
    matching = matching
      .map((row, index) => ({ row, index }))
      .sort((a, b) => {
        const order = sortOrder(column.type, a.row.cells[column.name] ?? null, b.row.cells[column.name] ?? null);
        return (descending ? -order : order) || a.index - b.index;
      })
      .map(({ row }) => row);
  }
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const end = query.limit === undefined ? undefined : offset + Math.max(0, Math.floor(query.limit));
  return matching.slice(offset, end);
}

/** The conditions, checked against the table and read as their columns' types, grouped by OR. */
function boundWhere(table: TableInfo, where: readonly WhereCondition[]): BoundCondition[][] {
  const groups: BoundCondition[][] = [];
  let current: BoundCondition[] = [];
  where.forEach((condition, index) => {
    const column = columnNamed(table, condition.column);
    if (!(OPERATORS as readonly string[]).includes(condition.operator)) {
      throw new TablesError(`'${condition.operator}' is not an operator Tables knows (${OPERATORS.join(' ')})`, 'invalid');
    }
    current.push({ column: column.name, type: column.type, operator: condition.operator as Operator, value: looseCell(column, condition.value) });
    const isLast = index === where.length - 1;
    if (isLast || String(condition.join ?? 'AND').toUpperCase() === 'OR') {
      groups.push(current);
      current = [];
    }
  });
  return groups;
}

function test(row: TableRow, condition: BoundCondition): boolean {
  let cell = row.cells[condition.column] ?? null;
  let value = condition.value;
  if (condition.type === 'str') {
    cell ??= '';
    value ??= '';
  }
  if (cell === null || value === null) {
    if (condition.operator === '=') return cell === value;
    if (condition.operator === '!=') return cell !== value;
    return false;
  }
  const order = compareValues(condition.type, cell, value);
  switch (condition.operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

function compareValues(type: ColumnType, a: string | number | boolean, b: string | number | boolean): number {
  switch (type) {
    case 'dec':
      return Number(a) - Number(b);
    case 'bln':
      return Number(a === true) - Number(b === true);
    case 'dte':
      return Date.parse(String(a)) - Date.parse(String(b));
    case 'str': {
      const [x, y] = [String(a), String(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

function sortOrder(type: ColumnType, a: CellValue, b: CellValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return compareValues(type, a, b);
}
