/**
 * Table types for Kysely. Timestamps are ISO-8601 UTC strings (they sort as text on both dialects),
 * booleans are 0/1 integers, JSON documents are text. What is searched has its own indexed column.
 */
import type { AppTables } from './tables/apps.js';
import type { AppGroupAssignmentTables } from './tables/app-group-assignments.js';
import type { EventHookTables } from './tables/event-hooks.js';
import type { FlowScheduleTables } from './tables/flow-schedules.js';
import type { HookToolkitTables } from './tables/hook-toolkit.js';
import type { FactorTables } from './tables/factors.js';
import type { ImportTables } from './tables/imports.js';
import type { IdentitySourceTables } from './tables/identity-sources.js';
import type { OAuthTables } from './tables/oauth.js';
import type { WorkflowTables } from './tables/workflows.js';
import type { WorkflowTableTables } from './tables/workflow-tables.js';
import type { WorkflowConnectionTables } from './tables/workflow-connections.js';

/** The foundation's tables, plus each feature's own (declared in ./tables, one file per feature). */
export interface Database extends WorkflowTables, EventHookTables, AppTables, AppGroupAssignmentTables, OAuthTables, ImportTables, FactorTables, WorkflowTableTables, FlowScheduleTables, WorkflowConnectionTables, IdentitySourceTables, HookToolkitTables {
  settings: SettingsTable;
  rate_limits: RateLimitsTable;
  api_tokens: ApiTokensTable;
  system_log: SystemLogTable;
  users: UsersTable;
  user_types: UserTypesTable;
  user_schemas: UserSchemasTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  policies: PoliciesTable;
  policy_rules: PolicyRulesTable;
  sessions: SessionsTable;
  inline_hooks: InlineHooksTable;
  inline_hook_calls: InlineHookCallsTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  token_hash: string;
  /** First characters of the token, shown to admins to tell tokens apart. */
  token_prefix: string;
  user_id: string;
  created: string;
  last_used: string | null;
  expires_at: string | null;
  status: string;
}

export interface SystemLogTable {
  uuid: string;
  published: string;
  event_type: string;
  severity: string;
  outcome_result: string;
  actor_id: string | null;
  /** Space-separated target ids, with a leading and trailing space, for `target.id eq` lookups. */
  target_ids: string;
  transaction_id: string | null;
  display_message: string;
  /** The whole Okta LogEvent as JSON. */
  body: string;
}

export interface UsersTable {
  id: string;
  status: string;
  transitioning_to_status: string | null;
  /** Lower-cased login: unique. */
  login_lower: string;
  login: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  type_id: string;
  profile: string;
  password_hash: string | null;
  /** 1 when the password is to be verified by the password import inline hook on first sign-in. */
  password_hook: number;
  recovery_question: string | null;
  provider_type: string;
  provider_name: string;
  failed_logins: number;
  admin: number;
  created: string;
  activated: string | null;
  status_changed: string | null;
  last_login: string | null;
  last_updated: string;
  password_changed: string | null;
}

export interface UserTypesTable {
  id: string;
  name: string;
  display_name: string;
  description: string | null;
  is_default: number;
  created: string;
  last_updated: string;
  created_by: string | null;
  last_updated_by: string | null;
}

export interface UserSchemasTable {
  /** `default` for the default user type's schema. */
  id: string;
  /** JSON: the `definitions.custom` section (properties and required). */
  custom: string;
  /** JSON: per-base-attribute overrides (title, required, permissions…) admins may set. */
  base_overrides: string;
  created: string;
  last_updated: string;
}

export interface GroupsTable {
  id: string;
  type: string;
  name_lower: string;
  name: string;
  description: string | null;
  profile: string;
  created: string;
  last_updated: string;
  last_membership_updated: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  created: string;
}

export interface PoliciesTable {
  id: string;
  type: string;
  name: string;
  description: string | null;
  status: string;
  priority: number;
  system: number;
  conditions: string | null;
  settings: string | null;
  created: string;
  last_updated: string;
}

export interface PolicyRulesTable {
  id: string;
  policy_id: string;
  name: string;
  type: string;
  status: string;
  priority: number;
  system: number;
  conditions: string | null;
  actions: string;
  created: string;
  last_updated: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  status: string;
  amr: string;
  ip_address: string | null;
  user_agent: string | null;
  created: string;
  expires_at: string;
  last_password_verification: string | null;
  last_factor_verification: string | null;
}

export interface InlineHooksTable {
  id: string;
  name: string;
  type: string;
  status: string;
  version: string;
  /** JSON: the channel as returned by the API (no secrets). */
  channel: string;
  /** Encrypted `authScheme.value` / `clientSecret` (see platform/crypto). */
  secret_encrypted: string | null;
  created: string;
  last_updated: string;
}

export interface InlineHookCallsTable {
  id: string;
  hook_id: string;
  hook_type: string;
  event_id: string;
  /** JSON: the request body sent. */
  request: string;
  /** Raw reply body (truncated to the size limit), or null when none arrived. */
  reply: string | null;
  status_code: number | null;
  attempts: number;
  duration_ms: number;
  /** SUCCESS or FAILURE. */
  outcome: string;
  /** Why the call failed, readable. */
  error: string | null;
  created: string;
}
