import { CardError, defineCard } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { STASH_TIMEOUT, stashAddress, TABLE_OPTION, tableIdOf, withTables } from './stash-card.js';

/** Delete Row: removes one row by its Row ID; a row that is not there fails the card. */
export default defineCard({
  type: 'stash:deleteRow',
  title: 'Delete Row',
  description: 'Delete a row in a table in Tables.',
  kind: 'function',
  okta: { address: stashAddress('deleteRow'), timeout: STASH_TIMEOUT },
  inputs: [TABLE_OPTION, { key: 'Row ID', type: 'string', group: 'Delete By' }],
  outputs: [],
  async run(ctx) {
    const tableId = tableIdOf(ctx);
    const rowId = textOf(ctx.input('Row ID', 'Delete By')).trim();
    if (rowId === '') throw new CardError('Row ID is required');
    await withTables(ctx, (tables) => tables.deleteRow(tableId, rowId));
    return {};
  },
});
