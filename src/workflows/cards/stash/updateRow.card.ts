import { CardError, defineCard } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { fieldValues, knownColumns, STASH_TIMEOUT, stashAddress, TABLE_OPTION, tableIdOf, withTables } from './stash-card.js';

/**
 * Update Row: sets the row's cells from the card's `Fields` inputs. With `Update Empty Inputs` = No (the
 * default), an input with no value (nothing or empty text) leaves its cell as it is; with Yes it empties it.
 * Fields of columns the table no longer has are left out.
 */
export default defineCard({
  type: 'stash:updateRow',
  title: 'Update Row',
  description: 'Update a single table row in Tables.',
  kind: 'function',
  okta: { address: stashAddress('updateRow'), timeout: STASH_TIMEOUT },
  inputs: [
    { key: 'Row ID', type: 'string', group: 'Update By' },
    TABLE_OPTION,
    { key: 'updateEmptyInputs', type: 'string', group: 'parameters', label: 'Update Empty Inputs', value: 'No' },
  ],
  outputs: [],
  extensible: { inputs: true },
  async run(ctx) {
    const tableId = tableIdOf(ctx);
    const rowId = textOf(ctx.input('Row ID', 'Update By')).trim();
    if (rowId === '') throw new CardError('Row ID is required');
    const updateEmpty = textOf(ctx.input('updateEmptyInputs', 'parameters')).trim().toLowerCase() === 'yes';
    const values = Object.fromEntries(Object.entries(fieldValues(ctx)).filter(([, value]) => updateEmpty || (value !== null && value !== undefined && value !== '')));
    await withTables(ctx, async (tables) => tables.updateRow(tableId, rowId, knownColumns(await tables.getTable(tableId), values)));
    return {};
  },
});
