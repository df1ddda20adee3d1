/**
 * Identity source sessions (Okta's Identity Sources API, `/api/v1/identity-sources/{id}/sessions`) and the
 * bulk data uploaded into them. Added to `Database` through this interface; migration 0013_identity_sources.
 */
export interface IdentitySourceTables {
  identity_source_sessions: IdentitySourceSessionsTable;
  identity_source_session_items: IdentitySourceSessionItemsTable;
}

export interface IdentitySourceSessionsTable {
  /** `aps…` */
  id: string;
  /** The Custom Identity Source app (`apps.id`). */
  identity_source_id: string;
  /** CREATED, IN_PROGRESS, TRIGGERED, COMPLETED, ERROR, CLOSED or EXPIRED (IdentitySourceSessionStatus). */
  status: string;
  /** Always INCREMENTAL. */
  import_type: string;
  /** The import job (`import_jobs.id`) start-import ran the session's data through; null before. */
  import_job_id: string | null;
  /** Why the import ended in ERROR. */
  error: string | null;
  created: string;
  last_updated: string;
}

/** One uploaded entry: a profile to upsert or an external id to deactivate, in upload order. */
export interface IdentitySourceSessionItemsTable {
  session_id: string;
  /** 1-based upload order within the session. */
  seq: number;
  /** UPSERT or DELETE. */
  operation: string;
  external_id: string;
  /** JSON: the profile of an UPSERT; null for a DELETE. */
  profile: string | null;
}
