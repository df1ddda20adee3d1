/**
 * User import jobs and their per-user report rows, hook keys (`/api/v1/hook-keys`) and Okta Classic
 * `sessionToken`s (`/api/v1/authn`). Tables are added to `Database` through this interface; their migration
 * is 0006_imports.
 */
export interface ImportTables {
  hook_keys: HookKeysTable;
  import_jobs: ImportJobsTable;
  import_job_users: ImportJobUsersTable;
  authn_session_tokens: AuthnSessionTokensTable;
}

/** An RSA key pair Tollgate signs `private_key_jwt` client assertions with (inline hooks on an OAUTH channel). */
export interface HookKeysTable {
  /** `HKY…` */
  id: string;
  /** The public key's alias (`kid`), a UUID. */
  key_id: string;
  /** Unique, 1–255 characters. */
  name: string;
  /** JSON: the public JWK (kty, n, e, kid, alg). */
  public_jwk: string;
  /** The private JWK as JSON, encrypted with the secret key. */
  private_jwk_encrypted: string;
  created: string;
  last_updated: string;
}

/** One CSV upload into a CSV-import app. */
export interface ImportJobsTable {
  /** `ij1…` */
  id: string;
  app_id: string;
  /** IN_PROGRESS, COMPLETED or FAILED. */
  status: string;
  total: number;
  /** The instance working on it and when it last made progress: a job whose worker died is taken over. */
  worker: string | null;
  heartbeat: string | null;
  error: string | null;
  /** JSON: who started it (System Log actor), replayed on the events the job writes. */
  started_by: string;
  created: string;
  last_updated: string;
  completed: string | null;
}

/** One row of an import job's CSV and what became of it (the job report). */
export interface ImportJobUsersTable {
  job_id: string;
  /** The 1-based CSV data row. */
  row_number: number;
  /** PENDING until processed, then CREATED, LINKED, SKIPPED or FAILED. */
  status: string;
  /** JSON: the app user profile read from the CSV. */
  app_user: string;
  /** JSON: everything else the report shows (matches, conflicts, default and final action, hook outcome, user id). */
  report: string | null;
  user_id: string | null;
  processed: string | null;
}

/** Okta Classic's one-time `sessionToken`: redeemed once, within minutes, for the session it stands for. */
export interface AuthnSessionTokensTable {
  /** SHA-256 of the token. */
  token_hash: string;
  session_id: string;
  user_id: string;
  created: string;
  expires_at: string;
}
