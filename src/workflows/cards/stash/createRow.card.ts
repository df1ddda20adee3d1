import { defineCard, outputsByKey } from '../../engine/card.js';
import { fieldValues, knownColumns, STASH_TIMEOUT, stashAddress, TABLE_OPTION, tableIdOf, withTables } from './stash-card.js';

/**
 * Create Row: a new row from the card's `Fields` inputs (one per column, by name, read as the column's
 * type); columns without an input take their default, fields of columns the table no longer has are left
 * out. Outputs the new row's `Row ID`.
 */
export default defineCard({
  type: 'stash:createRow',
  title: 'Create Row',
  description: 'Create a new row in a table in Tables.',
  kind: 'function',
  okta: { address: stashAddress('createRow'), timeout: STASH_TIMEOUT },
  inputs: [TABLE_OPTION],
  outputs: [{ key: 'Row ID', type: 'string', group: 'Output' }],
  extensible: { inputs: true },
  async run(ctx) {
    const tableId = tableIdOf(ctx);
    const row = await withTables(ctx, async (tables) => tables.createRow(tableId, knownColumns(await tables.getTable(tableId), fieldValues(ctx))));
    return { outputs: outputsByKey(ctx, { 'Row ID': row.id }) };
  },
});
