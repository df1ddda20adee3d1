import { CardError, defineCard, outputsByKey } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { countInput, STASH_TIMEOUT, stashAddress, TABLE_OPTION, tableIdOf, whereOf, withTables } from './stash-card.js';
import { rowsToCsv } from './csv.js';
import { columnNamed } from './table-data.js';

/**
 * Export to CSV: the table (or the rows that pass the where-expression, from `Offset`, at most `Limit`)
 * as CSV with a header line, in creation order. `Columns` chooses and orders the columns (all when
 * empty); `Delimiter` defaults to a comma. `File Content` holds the CSV text (Tollgate has no Workflows
 * file system; the text is the file).
 */
export default defineCard({
  type: 'stash:exportToCSV',
  title: 'Export to CSV',
  description: 'Export a table in whole to a .csv file from Tables.',
  kind: 'function',
  okta: { address: stashAddress('exportToCSV'), timeout: STASH_TIMEOUT },
  inputs: [
    { key: 'Filename', type: 'string', group: 'File', value: '' },
    { key: 'Where Expression', type: 'object', group: 'Filter', value: {} },
    { key: 'Delimiter', type: 'string', group: 'Options', value: ',' },
    { key: 'Limit', type: 'number', group: 'Options' },
    { key: 'Offset', type: 'number', group: 'Options' },
    { key: 'Columns', type: 'string', list: true, group: 'Options', value: [] },
    TABLE_OPTION,
  ],
  outputs: [{ key: 'File Content', type: 'file', group: 'CSV' }],
  async run(ctx) {
    const tableId = tableIdOf(ctx);
    const delimiter = textOf(ctx.input('Delimiter', 'Options')) || ',';
    if (/["\r\n]/.test(delimiter)) throw new CardError('the delimiter cannot be a quote or a line break');
    const limit = countInput(ctx, 'Limit', 'Options');
    const chosen = ctx.input('Columns', 'Options');
    const csv = await withTables(ctx, async (tables) => {
      const table = await tables.getTable(tableId);
      const names = Array.isArray(chosen) && chosen.length > 0 ? chosen.map((name) => columnNamed(table, textOf(name)).name) : table.columns.map((column) => column.name);
      const rows = await tables.searchRows(tableId, { where: whereOf(ctx), offset: countInput(ctx, 'Offset', 'Options') ?? 0, limit: limit || undefined });
      return rowsToCsv(names, rows, delimiter);
    });
    return { outputs: outputsByKey(ctx, { 'File Content': csv }) };
  },
});
