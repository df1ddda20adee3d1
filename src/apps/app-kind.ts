import type { Selectable } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { AppsTable } from '../platform/db/tables/apps.js';

export type AppRow = Selectable<AppsTable>;

/** The body of `POST /api/v1/apps` and `PUT /api/v1/apps/{id}`, as Okta's Application. */
export interface AppInput {
  name?: string;
  label?: string;
  signOnMode?: string;
  settings?: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  accessibility?: Record<string, unknown>;
  visibility?: Record<string, unknown>;
  profile?: Record<string, unknown> | null;
}

/** Okta's Application JSON: the members the core builds (apps.service.ts) and those a kind adds. */
export interface OktaApp {
  id: string;
  name: string;
  label: string;
  status: string;
  lastUpdated: string;
  created: string;
  accessibility: Record<string, unknown>;
  visibility: Record<string, unknown>;
  features: string[];
  signOnMode: string;
  credentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  profile?: Record<string, unknown>;
  _links: Record<string, unknown>;
  [member: string]: unknown;
}

/** What a kind decides is stored for an app. */
export interface PreparedApp {
  name: string;
  settings: Record<string, unknown>;
  /** Public credentials, returned by the API (e.g. `oauthClient.client_id`, `signing.kid`). */
  credentials: Record<string, unknown>;
  /** Secrets, stored encrypted and never returned (client secret, private keys). `undefined` keeps the stored ones. */
  secrets?: Record<string, string> | null;
  features?: string[];
}

/**
 * One kind of app, keyed by `signOnMode` (OPENID_CONNECT, SAML_2_0, BOOKMARK, …): validates what is
 * stored and adds its parts to the JSON. A kind is declared in one file and listed in app-kinds.ts.
 */
export interface AppKind {
  signOnMode: string;
  /** Validate and normalise a create or replace body; throw OktaError (E0000001 with causes) on bad input. */
  prepare(ctx: AppContext, db: Executor, input: AppInput, existing?: { row: AppRow; secrets: Record<string, string> }): Promise<PreparedApp>;
  /** Kind-specific members of the JSON (e.g. `_links.metadata`), given what the core built. */
  decorate?(ctx: AppContext, row: AppRow, json: OktaApp): OktaApp;
  /** Extra data a create answers with once (e.g. a generated client secret). */
  revealOnCreate?(secrets: Record<string, string>, json: OktaApp): OktaApp;
}
