import type { AppContext } from '../../platform/context.js';
import type { TablesService } from '../engine/services/tables.js';

/** Workflows tables in the database, for the `stash` cards (owner: the Tables engineer). */
export function tablesService(_ctx: AppContext): TablesService | undefined {
  return undefined;
}
