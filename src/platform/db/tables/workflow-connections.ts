/**
 * Workflows connections (owner: the Workflows connections engineer): Okta's `data.configs` entries of an
 * export, or connections made here, and what binds each to an account. Added to `Database` through this
 * interface; the migration is 0011_workflow_connections.
 */
export interface WorkflowConnectionTables {
  workflow_connections: WorkflowConnectionsTable;
}

export interface WorkflowConnectionsTable {
  /** Okta's config id (a uuid) when imported; stays put across import and export. */
  id: string;
  name: string;
  /** Okta's connector module: `okta`, `httpfunctions` (API Connector), `slack`, … */
  connector: string;
  /** JSON: the connection as Okta's export holds it (`data.configs[<id>]`), written back on export verbatim. */
  okta: string;
  /** JSON: the binding without its secrets (`{auth, username?, name?, tokenUrl?, clientId?, scope?, note?}`); null while unbound. */
  binding: string | null;
  /** The binding's secrets as JSON, sealed with the secret key (`ctx.secrets`); null when it has none. */
  secrets_encrypted: string | null;
  created: string;
  last_updated: string;
}
