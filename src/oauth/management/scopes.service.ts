/** Okta's OAuth2Scope objects of an authorization server (`/scopes`). System scopes cannot be changed. */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { OAuthScopesTable } from '../../platform/db/tables/oauth.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext, LogTarget } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { newOAuthId } from '../oauth-ids.js';
import { bumpRevision, getServerOrThrow } from './servers.service.js';

export type ScopeRow = Selectable<OAuthScopesTable>;

export interface ScopeInput {
  name?: string;
  description?: string | null;
  displayName?: string | null;
  consent?: string;
  default?: boolean;
  metadataPublish?: string;
  optional?: boolean;
}

const CONSENTS = ['IMPLICIT', 'REQUIRED', 'FLEXIBLE'];
const PUBLISH = ['ALL_CLIENTS', 'NO_CLIENTS'];

function scopeTarget(row: Pick<ScopeRow, 'id' | 'name'>): LogTarget {
  return { id: row.id, type: 'OAuth2Scope', alternateId: row.name, displayName: row.name };
}

export function toOktaScope(ctx: AppContext, row: ScopeRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    system: row.system === 1,
    default: row.is_default === 1,
    displayName: row.display_name,
    consent: row.consent,
    optional: row.optional === 1,
    metadataPublish: row.metadata_publish,
    _links: { self: { href: `${ctx.config.issuer}/api/v1/authorizationServers/${row.server_id}/scopes/${row.id}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } } },
  };
}

export async function listScopeRows(db: Executor, serverId: string, q?: string): Promise<ScopeRow[]> {
  const rows = await db.selectFrom('oauth_scopes').selectAll().where('server_id', '=', serverId).orderBy('created').orderBy('name').execute();
  return q ? rows.filter((r) => r.name.toLowerCase().includes(q.toLowerCase())) : rows;
}

export async function getScopeOrThrow(db: Executor, serverId: string, scopeId: string): Promise<ScopeRow> {
  const row = await db.selectFrom('oauth_scopes').selectAll().where('server_id', '=', serverId).where('id', '=', scopeId).executeTakeFirst();
  if (!row) throw errors.notFound('OAuth2Scope', scopeId);
  return row;
}

async function validateScope(db: Executor, serverId: string, input: ScopeInput, existing?: ScopeRow) {
  const causes: string[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) causes.push('name: The field cannot be left blank');
  else if (!/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(name) || name.length > 300) causes.push('name: A scope name must be printable ASCII without spaces, quotes or backslashes');
  else if (name.toLowerCase().startsWith('okta.')) causes.push("name: Scope names starting with 'okta.' are reserved");
  const consent = input.consent ?? existing?.consent ?? 'IMPLICIT';
  if (!CONSENTS.includes(consent)) causes.push(`consent: Must be one of ${CONSENTS.join(', ')}`);
  const metadataPublish = input.metadataPublish ?? existing?.metadata_publish ?? 'NO_CLIENTS';
  if (!PUBLISH.includes(metadataPublish)) causes.push(`metadataPublish: Must be one of ${PUBLISH.join(', ')}`);
  if (existing?.system === 1 && name !== existing.name) causes.push('name: A system scope cannot be renamed');
  if (!causes.length) {
    const clash = await db.selectFrom('oauth_scopes').select('id').where('server_id', '=', serverId).where('name', '=', name).executeTakeFirst();
    if (clash && clash.id !== existing?.id) causes.push(`name: A scope with the name '${name}' already exists`);
  }
  if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);
  return { name, consent, metadataPublish };
}

export async function createScope(ctx: AppContext, audit: AuditContext, serverId: string, input: ScopeInput): Promise<ScopeRow> {
  await getServerOrThrow(ctx.db, serverId);
  const v = await validateScope(ctx.db, serverId, input);
  const now = ctx.clock().toISOString();
  const row: ScopeRow = {
    id: newOAuthId('scope'), server_id: serverId, name: v.name, display_name: input.displayName ?? null, description: input.description ?? null,
    consent: v.consent, is_default: input.default ? 1 : 0, metadata_publish: v.metadataPublish, optional: input.optional ? 1 : 0, system: 0,
    created: now, last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('oauth_scopes').values(row).execute();
    await bumpRevision(trx, serverId);
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.scope.created', displayMessage: 'OAuth2 scope is created', target: [scopeTarget(row)] });
  });
  return row;
}

export async function replaceScope(ctx: AppContext, audit: AuditContext, serverId: string, scopeId: string, input: ScopeInput): Promise<ScopeRow> {
  const existing = await getScopeOrThrow(ctx.db, serverId, scopeId);
  const v = await validateScope(ctx.db, serverId, input, existing);
  const next: ScopeRow = {
    ...existing, name: v.name, display_name: input.displayName ?? null, description: input.description ?? null, consent: v.consent,
    is_default: input.default ? 1 : 0, metadata_publish: v.metadataPublish, optional: input.optional ? 1 : 0, last_updated: ctx.clock().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('oauth_scopes').set(next).where('id', '=', scopeId).execute();
    await bumpRevision(trx, serverId);
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.scope.updated', displayMessage: 'OAuth2 scope is updated', target: [scopeTarget(next)] });
  });
  return next;
}

export async function deleteScope(ctx: AppContext, audit: AuditContext, serverId: string, scopeId: string): Promise<void> {
  const row = await getScopeOrThrow(ctx.db, serverId, scopeId);
  if (row.system === 1) throw errors.validation('scope', [`scope: The system scope '${row.name}' cannot be deleted`]);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('oauth_scopes').where('id', '=', scopeId).execute();
    await bumpRevision(trx, serverId);
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.scope.deleted', displayMessage: 'OAuth2 scope is deleted', target: [scopeTarget(row)] });
  });
}
