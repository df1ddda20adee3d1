import { defineCard, outputsByKey } from '../../engine/card.js';
import { STASH_TIMEOUT, stashAddress, TABLE_OPTION, tableIdOf, withTables } from './stash-card.js';

/** Clear Table: deletes every row of the table; outputs how many there were. */
export default defineCard({
  type: 'stash:clearTable',
  title: 'Clear Table',
  description: 'Clear all rows in a table in Tables.',
  kind: 'function',
  okta: { address: stashAddress('clearTable'), timeout: STASH_TIMEOUT },
  inputs: [TABLE_OPTION],
  outputs: [{ key: 'Cleared Rows', type: 'number', group: 'Table' }],
  async run(ctx) {
    const tableId = tableIdOf(ctx);
    const cleared = await withTables(ctx, (tables) => tables.clearTable(tableId));
    return { outputs: outputsByKey(ctx, { 'Cleared Rows': cleared }) };
  },
});
