import { CardError, defineCard } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { rowOutputs, STASH_TIMEOUT, stashAddress, TABLE_OPTION, tableIdOf, withTables } from './stash-card.js';

/** Read Row: one row by its Row ID: Created, Updated and the chosen cells. A row that is not there fails the card. */
export default defineCard({
  type: 'stash:readRow',
  title: 'Read Row',
  description: 'Read a row from a table in Tables.',
  kind: 'function',
  okta: { address: stashAddress('readRow'), timeout: STASH_TIMEOUT },
  inputs: [TABLE_OPTION, { key: 'Row ID', type: 'string', group: 'Read By' }],
  outputs: [
    { key: 'Created', type: 'Date', group: 'Row' },
    { key: 'Updated', type: 'Date', group: 'Row' },
  ],
  extensible: { outputs: true },
  async run(ctx) {
    const tableId = tableIdOf(ctx);
    const rowId = textOf(ctx.input('Row ID', 'Read By')).trim();
    if (rowId === '') throw new CardError('Row ID is required');
    const row = await withTables(ctx, (tables) => tables.readRow(tableId, rowId));
    return { outputs: rowOutputs(ctx, row) };
  },
});
