import { CardError, defineCard } from '../../engine/card.js';
import type { RowQuery, TableRow } from '../../engine/services/tables.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { countInput, rowOutputs, STASH_TIMEOUT, stashAddress, TABLE_OPTION, tableIdOf, whereOf, withTables } from './stash-card.js';
import { rowObject } from './table-data.js';

/** Okta: "regardless of the selected limit, this function card returns at most 3,500 rows". */
export const SEARCH_ROWS_MAX = 3500;

/**
 * Search Rows: the rows of a table that pass the where-expression (case-sensitive, typed by column),
 * sorted by a column (none, or one the table no longer has: creation order), from `Offset`, at most
 * `Limit` (0: no limit; never more than 3,500).
 * `resultSet` `one` gives the first row's Row ID, Created, Updated and chosen cells as outputs (none
 * when nothing matches); `all` and `all-new` give the `Rows` list, each row an object of its chosen
 * columns (the keys of the output's type) with `Row ID`, `Created` and `Updated`.
 */
export default defineCard({
  type: 'stash:searchRows2',
  title: 'Search Rows',
  description: 'Retrieve a collection of records from a table using `where`, `sort`, `limit`, and `offset` clauses in Tables.',
  kind: 'function',
  okta: { address: stashAddress('searchRows2'), timeout: STASH_TIMEOUT },
  inputs: [
    { key: 'Where Expression', type: 'object', group: 'Filter', value: {} },
    { key: 'Column', type: 'string', group: 'Sort', value: '' },
    { key: 'Direction', type: 'string', group: 'Sort', value: 'desc' },
    { key: 'Limit', type: 'number', group: 'Sort', value: 0 },
    { key: 'Offset', type: 'number', group: 'Sort', value: 0 },
    TABLE_OPTION,
    { key: 'resultSet', type: 'string', group: 'parameters', label: 'Result Set', value: 'one' },
  ],
  outputs: [
    { key: 'Row ID', type: 'string', group: 'Row' },
    { key: 'Created', type: 'Date', group: 'Row' },
    { key: 'Updated', type: 'Date', group: 'Row' },
  ],
  extensible: { outputs: true },
  async run(ctx) {
    const tableId = tableIdOf(ctx);
    const resultSet = textOf(ctx.input('resultSet', 'parameters')).trim() || 'one';
    if (!['one', 'all', 'all-new'].includes(resultSet)) throw new CardError(`'${resultSet}' is not a result set of Search Rows (one, all-new)`);
    const chosenColumn = textOf(ctx.input('Column', 'Sort')).trim();
    const direction = textOf(ctx.input('Direction', 'Sort')).trim().toLowerCase() === 'desc' ? 'desc' : 'asc';
    const limit = countInput(ctx, 'Limit', 'Sort');
    const query: RowQuery = {
      where: whereOf(ctx),
      offset: countInput(ctx, 'Offset', 'Sort') ?? 0,
      limit: resultSet === 'one' ? 1 : Math.min(limit || SEARCH_ROWS_MAX, SEARCH_ROWS_MAX),
    };
    const rows = await withTables(ctx, async (tables) => {
      // A sort column the table no longer has (a template's stale choice) sorts nothing, as in Okta's templates.
      const column = chosenColumn !== '' && (await tables.getTable(tableId)).columns.some((candidate) => candidate.name === chosenColumn) ? chosenColumn : '';
      return tables.searchRows(tableId, { ...query, sort: column === '' ? undefined : { column, direction } });
    });
    if (resultSet === 'one') return { outputs: rowOutputs(ctx, rows[0]) };
    const outputs: Record<string, unknown> = {};
    for (const field of ctx.outputFields) if (field.key === 'Rows') outputs[field.id] = rows.map((row) => shownRow(row, field.type));
    return { outputs };
  },
});

/** A row with the columns the output's type chooses (all of them when the type names none). */
function shownRow(row: TableRow, type: unknown): Record<string, unknown> {
  const whole = rowObject(row);
  if (!isPlainObject(type)) return whole;
  return Object.fromEntries(Object.keys(type).filter((key) => Object.hasOwn(whole, key)).map((key) => [key, whole[key]]));
}
