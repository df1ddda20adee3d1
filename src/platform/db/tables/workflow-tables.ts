/**
 * Workflows Tables (Okta's `stash` connector; owner: the Tables engineer): per-folder tables with typed
 * columns, and their rows. Added to `Database` through this interface; the migration is 0008_workflow_tables.
 */
export interface WorkflowTableTables {
  workflow_tables: WorkflowTablesTable;
  workflow_table_rows: WorkflowTableRowsTable;
}

/** One table. Its columns are typed with Okta's codes: str, dec, dte, bln. */
export interface WorkflowTablesTable {
  /** Okta's table uuid (stays put across import and export). */
  id: string;
  /** The Okta folder (`group_id`) the table belongs to; null for a table made outside any folder. */
  folder_id: string | null;
  name: string;
  description: string | null;
  /** JSON: `[{name, type, default}]`, Okta's `data.structure`. */
  columns: string;
  /** JSON: the table as Okta's export holds it (`data.tables[<id>]`, without rows), written back on export. */
  okta: string;
  created: string;
  last_updated: string;
}

/** One row: its cells as JSON text (both dialects), keyed by column name. */
export interface WorkflowTableRowsTable {
  id: string;
  table_id: string;
  /** Insertion order within the table: rows without a sort column come back in this order. */
  seq: number;
  /** JSON: `{<column name>: text | number | true/false | ISO date text | null}`. */
  cells: string;
  created: string;
  updated: string;
}
