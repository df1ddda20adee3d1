/**
 * Workflows tables for the `stash` cards (owner: the Tables engineer). The host implements it over the
 * database; the engine and cards see only this interface.
 */
export interface TablesService {
  /** Placeholder: the Tables engineer defines the members the stash cards need. */
  readonly kind?: 'tables';
}
