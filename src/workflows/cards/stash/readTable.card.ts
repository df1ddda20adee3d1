import { defineCard, outputsByKey } from '../../engine/card.js';
import { STASH_TIMEOUT, stashAddress, TABLE_OPTION, tableIdOf, withTables } from './stash-card.js';
import { schemaTypeOf } from './table-data.js';

/** Read Table: the table's column schema, a list of `{name, type}` (string, number, boolean, date). */
export default defineCard({
  type: 'stash:readTable',
  title: 'Read Table',
  description: 'Read schema information about a table in Tables.',
  kind: 'function',
  okta: { address: stashAddress('readTable', '0.7.147'), timeout: STASH_TIMEOUT },
  inputs: [TABLE_OPTION],
  outputs: [{ key: 'Column Schema', type: 'object', list: true, group: 'Output' }],
  async run(ctx) {
    const tableId = tableIdOf(ctx);
    const table = await withTables(ctx, (tables) => tables.getTable(tableId));
    return { outputs: outputsByKey(ctx, { 'Column Schema': table.columns.map((column) => ({ name: column.name, type: schemaTypeOf(column.type) })) }) };
  },
});
