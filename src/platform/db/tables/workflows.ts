/**
 * Workflows: flows and their execution history (owner: the Workflows engineer). Tables are added to
 * `Database` through this interface; their migration is 0002_workflows.
 */
export interface WorkflowTables {
  workflow_flows: WorkflowFlowsTable;
  workflow_executions: WorkflowExecutionsTable;
}

/** One flow: its definition (Tollgate's flow format, canonical text) and what the org adds to it. */
export interface WorkflowFlowsTable {
  /** The flow definition's `id` (Okta's flow uuid when imported). */
  id: string;
  name: string;
  /** 32 hex digits: the `{alias}` of `/api/flo/{alias}/invoke`. Unique. */
  alias: string;
  /** ACTIVE (on) or INACTIVE (off). */
  status: string;
  /** The API Endpoint client token, encrypted with the secret key; null until the flow needs one. */
  client_token_encrypted: string | null;
  /** JSON: the flow definition, as `formatFlow` writes it. */
  definition: string;
  /** JSON: the Okta folder (`data.groups[<folderId>]` of an export) the flow came in, kept for export. */
  folder: string | null;
  /** Goes up by one with every change: instances sharing the database see that their cached copy is old. */
  version: number;
  created: string;
  last_updated: string;
}

/** One run of a flow. Card values are in `data` only when the flow saves all data. */
export interface WorkflowExecutionsTable {
  /** UUID (the API Endpoint's `execution_id`). */
  id: string;
  flow_id: string;
  flow_name: string;
  /** succeeded or failed. */
  status: string;
  /** What started it: http (invoke URL), call (helper flow), manual. */
  trigger: string;
  started: string;
  finished: string;
  duration_ms: number;
  /** The failure message, when it failed. */
  error: string | null;
  /** The card where it failed (id and title), when a card failed. */
  failed_card_id: string | null;
  failed_card_name: string | null;
  /** The HTTP status the caller got, for invoked flows. */
  status_code: number | null;
  /** 1 when the card inputs and outputs were saved ("save all data"). */
  data_saved: number;
  /** JSON: ending, answer, error details and the card records. */
  data: string;
  /** The execution whose card started this one (Call Flow, iterators, error flows), if any. */
  parent_execution_id: string | null;
  parent_card_id: string | null;
}
