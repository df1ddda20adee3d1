/** Okta's custom authorization servers (`/api/v1/authorizationServers`), with `default` ensured at start. */
import type { Selectable } from 'kysely';
import { sql, type SqlBool } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { OAuthServersTable } from '../../platform/db/tables/oauth.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext, LogTarget } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { newOAuthId } from '../oauth-ids.js';
import { listKeyRows, newSigningKey, publicJwkOf, type KeyRow } from '../signing-keys.js';
import { DEFAULT_POLICY, DEFAULT_RULE, SYSTEM_SCOPES } from './server-defaults.js';

export type ServerRow = Selectable<OAuthServersTable>;
export const DEFAULT_SERVER_ID = 'default';

export interface ServerInput {
  name?: string;
  description?: string | null;
  audiences?: string[];
  issuerMode?: string;
}

const ISSUER_MODES = ['ORG_URL', 'CUSTOM_URL', 'DYNAMIC'];

export function serverTarget(row: Pick<ServerRow, 'id' | 'name'>): LogTarget {
  return { id: row.id, type: 'AuthorizationServer', alternateId: row.name, displayName: row.name };
}

/** The issuer of a server's tokens: `{issuer}/oauth2/{id}`. */
export function issuerOf(ctx: AppContext, serverId: string): string {
  return `${ctx.config.issuer}/oauth2/${serverId}`;
}

export function audienceOf(row: Pick<ServerRow, 'audiences'>): string {
  return (JSON.parse(row.audiences) as string[])[0];
}

export async function findServer(db: Executor, id: string): Promise<ServerRow | undefined> {
  return db.selectFrom('oauth_servers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getServerOrThrow(db: Executor, id: string): Promise<ServerRow> {
  const row = await findServer(db, id);
  if (!row) throw errors.notFound('AuthorizationServer', id);
  return row;
}

/** Tells the running OpenID providers that this server's configuration changed (they are rebuilt). */
export async function bumpRevision(db: Executor, serverId: string): Promise<void> {
  await db.updateTable('oauth_servers').set({ revision: sql<number>`revision + 1` }).where('id', '=', serverId).execute();
}

/** Okta's AuthorizationServer JSON. */
export async function toOktaServer(ctx: AppContext, db: Executor, row: ServerRow): Promise<Record<string, unknown>> {
  const base = `${ctx.config.issuer}/api/v1/authorizationServers/${row.id}`;
  const active = (await listKeyRows(db, row.id)).find((k) => k.status === 'ACTIVE');
  const lastRotated = active?.last_rotated ?? active?.created ?? null;
  const wellKnown = (name: string) => ({ name, href: `${issuerOf(ctx, row.id)}/.well-known/${name}`, hints: { allow: ['GET'] } });
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    audiences: JSON.parse(row.audiences),
    issuer: issuerOf(ctx, row.id),
    issuerMode: row.issuer_mode,
    status: row.status,
    created: row.created,
    lastUpdated: row.last_updated,
    credentials: {
      signing: {
        rotationMode: 'MANUAL',
        lastRotated,
        kid: active ? publicJwkOf(active).kid : null,
        use: 'sig',
      },
    },
    _links: {
      scopes: { href: `${base}/scopes`, hints: { allow: ['GET'] } },
      claims: { href: `${base}/claims`, hints: { allow: ['GET'] } },
      policies: { href: `${base}/policies`, hints: { allow: ['GET'] } },
      self: { href: base, hints: { allow: ['GET', 'DELETE', 'PUT'] } },
      metadata: [wellKnown('oauth-authorization-server'), wellKnown('openid-configuration')],
      rotateKey: { href: `${base}/credentials/lifecycle/keyRotate`, hints: { allow: ['POST'] } },
      ...(row.status === 'ACTIVE'
        ? { deactivate: { href: `${base}/lifecycle/deactivate`, hints: { allow: ['POST'] } } }
        : { activate: { href: `${base}/lifecycle/activate`, hints: { allow: ['POST'] } } }),
    },
  };
}

function validateServerInput(input: ServerInput): { name: string; description: string | null; audiences: string[]; issuerMode: string } {
  const causes: string[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) causes.push('name: The field cannot be left blank');
  else if (name.length > 100) causes.push('name: The name must be at most 100 characters');
  const audiences = Array.isArray(input.audiences) ? input.audiences : [];
  if (audiences.length === 0) causes.push('audiences: The field cannot be left blank');
  else if (audiences.length > 1) causes.push('audiences: Only one audience is supported');
  else if (typeof audiences[0] !== 'string' || !audiences[0].trim() || /\s/.test(audiences[0]) || audiences[0].length > 1024) {
    causes.push('audiences: The audience must be a non-empty string without spaces');
  }
  const issuerMode = input.issuerMode ?? 'ORG_URL';
  if (!ISSUER_MODES.includes(issuerMode)) causes.push(`issuerMode: Must be one of ${ISSUER_MODES.join(', ')}`);
  if (input.description !== undefined && input.description !== null && (typeof input.description !== 'string' || input.description.length > 1024)) {
    causes.push('description: The description must be a string of at most 1024 characters');
  }
  if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);
  return { name, description: input.description ?? null, audiences, issuerMode };
}

/** Writes a new server with its key and system scopes (and, for `default`, Okta's default policy) on `trx`. */
async function insertServer(ctx: AppContext, trx: Executor, key: KeyRow, input: ReturnType<typeof validateServerInput>, withDefaultPolicy: boolean): Promise<ServerRow> {
  const id = key.server_id;
  const now = ctx.clock().toISOString();
  const row: ServerRow = {
    id, name: input.name, description: input.description, audiences: JSON.stringify(input.audiences),
    issuer_mode: input.issuerMode, status: 'ACTIVE', revision: 1, created: now, last_updated: now,
  };
  await trx.insertInto('oauth_servers').values(row).execute();
  await trx.insertInto('oauth_keys').values(key).execute();
  for (const scope of SYSTEM_SCOPES) {
    await trx.insertInto('oauth_scopes').values({
      id: newOAuthId('scope'), server_id: id, name: scope.name, display_name: scope.displayName, description: scope.description,
      consent: 'IMPLICIT', is_default: 0, metadata_publish: 'ALL_CLIENTS', optional: 0, system: 1, created: now, last_updated: now,
    }).execute();
  }
  if (withDefaultPolicy) {
    const policyId = newOAuthId('policy');
    await trx.insertInto('oauth_policies').values({
      id: policyId, server_id: id, name: DEFAULT_POLICY.name, description: DEFAULT_POLICY.description, status: 'ACTIVE',
      priority: 1, system: 0, conditions: JSON.stringify(DEFAULT_POLICY.conditions), created: now, last_updated: now,
    }).execute();
    await trx.insertInto('oauth_policy_rules').values({
      id: newOAuthId('rule'), policy_id: policyId, server_id: id, name: DEFAULT_RULE.name, status: 'ACTIVE', priority: 1, system: 0,
      conditions: JSON.stringify(DEFAULT_RULE.conditions), actions: JSON.stringify(DEFAULT_RULE.actions), created: now, last_updated: now,
    }).execute();
  }
  return row;
}

/**
 * The org's `default` authorization server (audience `api://default`, Okta's system scopes, "Default Policy"
 * with "Default Policy Rule"). Idempotent: called at every start; does nothing once it exists.
 */
export async function ensureDefaultAuthorizationServer(ctx: AppContext): Promise<void> {
  if (await findServer(ctx.db, DEFAULT_SERVER_ID)) return;
  const key = await newSigningKey(ctx, DEFAULT_SERVER_ID, 'ACTIVE');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertServer(ctx, trx, key, {
        name: 'default', description: 'Default Authorization Server for your Applications', audiences: ['api://default'], issuerMode: 'ORG_URL',
      }, true);
    });
  } catch (err) {
    // Another instance created it at the same moment.
    if (!(await findServer(ctx.db, DEFAULT_SERVER_ID))) throw err;
  }
}

export async function createServer(ctx: AppContext, audit: AuditContext, input: ServerInput): Promise<ServerRow> {
  const valid = validateServerInput(input);
  const key = await newSigningKey(ctx, newOAuthId('server'), 'ACTIVE');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertServer(ctx, trx, key, valid, false);
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.as.created', displayMessage: 'Authorization server is created', target: [serverTarget(row)] });
    return row;
  });
}

export async function replaceServer(ctx: AppContext, audit: AuditContext, id: string, input: ServerInput): Promise<ServerRow> {
  const existing = await getServerOrThrow(ctx.db, id);
  const valid = validateServerInput(input);
  const next: ServerRow = {
    ...existing, name: valid.name, description: valid.description, audiences: JSON.stringify(valid.audiences),
    issuer_mode: valid.issuerMode, revision: existing.revision + 1, last_updated: ctx.clock().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('oauth_servers').set(next).where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.as.updated', displayMessage: 'Authorization server is updated', target: [serverTarget(next)] });
  });
  return next;
}

export async function setServerStatus(ctx: AppContext, audit: AuditContext, id: string, status: 'ACTIVE' | 'INACTIVE'): Promise<void> {
  const row = await getServerOrThrow(ctx.db, id);
  if (row.status === status) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('oauth_servers').set({ status, revision: row.revision + 1, last_updated: ctx.clock().toISOString() }).where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'oauth2.as.activated' : 'oauth2.as.deactivated',
      displayMessage: status === 'ACTIVE' ? 'Authorization server is activated' : 'Authorization server is deactivated',
      target: [serverTarget(row)],
    });
  });
}

/** Deletes a server with everything it owns: its keys, scopes, claims, policies and issued grants. */
export async function deleteServer(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  const row = await getServerOrThrow(ctx.db, id);
  await ctx.db.transaction().execute(async (trx) => {
    for (const table of ['oauth_keys', 'oauth_scopes', 'oauth_claims', 'oauth_policy_rules', 'oauth_policies', 'oauth_store', 'oauth_revoked_tokens'] as const) {
      await trx.deleteFrom(table).where('server_id', '=', id).execute();
    }
    await trx.deleteFrom('oauth_servers').where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.as.deleted', displayMessage: 'Authorization server is deleted', target: [serverTarget(row)] });
  });
}

/** Servers by creation order; `q` matches name or audience prefixes. */
export async function listServerRows(db: Executor, query: { q?: string; limit: number; after?: string }): Promise<ServerRow[]> {
  let q = db.selectFrom('oauth_servers').selectAll();
  if (query.q) {
    const like = '%' + query.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    q = q.where(sql<SqlBool>`(lower(name) like ${like} escape '\\' or lower(audiences) like ${like} escape '\\')`);
  }
  if (query.after) {
    const [created, id] = Buffer.from(query.after, 'base64url').toString('utf8').split('|');
    if (!created || !id) throw errors.validation('after', ['after: Invalid cursor']);
    q = q.where((eb) => eb.or([eb('created', '>', created), eb.and([eb('created', '=', created), eb('id', '>', id)])]));
  }
  return q.orderBy('created').orderBy('id').limit(query.limit + 1).execute();
}

export function serverCursor(row: Pick<ServerRow, 'created' | 'id'>): string {
  return Buffer.from(`${row.created}|${row.id}`).toString('base64url');
}
