/** Okta's custom token claims (OAuth2Claim, `/claims`): EXPRESSION or GROUPS values, for ID or access tokens. */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { OAuthClaimsTable } from '../../platform/db/tables/oauth.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext, LogTarget } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { parseClaimExpression } from '../claim-expression.js';
import { newOAuthId } from '../oauth-ids.js';
import { RESERVED_CLAIM_NAMES } from '../../hooks/inline/token/reserved-claims.js';
import { listScopeRows } from './scopes.service.js';
import { bumpRevision, getServerOrThrow } from './servers.service.js';

export type ClaimRow = Selectable<OAuthClaimsTable>;

export interface ClaimInput {
  name?: string;
  status?: string;
  claimType?: string;
  valueType?: string;
  value?: string;
  alwaysIncludeInToken?: boolean;
  group_filter_type?: string | null;
  conditions?: { scopes?: string[] } | null;
}

const CLAIM_TYPES = ['IDENTITY', 'RESOURCE'];
const VALUE_TYPES = ['EXPRESSION', 'GROUPS'];
const GROUP_FILTERS = ['STARTS_WITH', 'EQUALS', 'CONTAINS', 'REGEX'];

function claimTarget(row: Pick<ClaimRow, 'id' | 'name'>): LogTarget {
  return { id: row.id, type: 'OAuth2Claim', alternateId: row.name, displayName: row.name };
}

export function toOktaClaim(ctx: AppContext, row: ClaimRow): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    claimType: row.claim_type,
    valueType: row.value_type,
    value: row.value,
    conditions: JSON.parse(row.conditions),
    system: row.system === 1,
    alwaysIncludeInToken: row.always_include_in_token === 1,
    ...(row.value_type === 'GROUPS' ? { group_filter_type: row.group_filter_type } : {}),
    _links: { self: { href: `${ctx.config.issuer}/api/v1/authorizationServers/${row.server_id}/claims/${row.id}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } } },
  };
}

export async function listClaimRows(db: Executor, serverId: string): Promise<ClaimRow[]> {
  return db.selectFrom('oauth_claims').selectAll().where('server_id', '=', serverId).orderBy('created').orderBy('name').execute();
}

export async function getClaimOrThrow(db: Executor, serverId: string, claimId: string): Promise<ClaimRow> {
  const row = await db.selectFrom('oauth_claims').selectAll().where('server_id', '=', serverId).where('id', '=', claimId).executeTakeFirst();
  if (!row) throw errors.notFound('OAuth2Claim', claimId);
  return row;
}

async function validateClaim(db: Executor, serverId: string, input: ClaimInput, existing?: ClaimRow) {
  const causes: string[] = [];
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) causes.push('name: The field cannot be left blank');
  else if (name.length > 100 || /\s/.test(name)) causes.push('name: A claim name must be at most 100 characters, without spaces');
  else if (RESERVED_CLAIM_NAMES.has(name)) causes.push(`name: '${name}' is a reserved claim name`);
  const claimType = input.claimType ?? '';
  if (!CLAIM_TYPES.includes(claimType)) causes.push(`claimType: Must be one of ${CLAIM_TYPES.join(', ')}`);
  const valueType = input.valueType ?? 'EXPRESSION';
  if (!VALUE_TYPES.includes(valueType)) causes.push(`valueType: Must be one of ${VALUE_TYPES.join(', ')}`);
  const value = typeof input.value === 'string' ? input.value : '';
  if (!value.trim()) causes.push('value: The field cannot be left blank');
  else if (valueType === 'EXPRESSION') {
    const parsed = parseClaimExpression(value);
    if ('error' in parsed) causes.push(`value: ${parsed.error}`);
  }
  const groupFilter = valueType === 'GROUPS' ? input.group_filter_type ?? null : null;
  if (valueType === 'GROUPS' && (!groupFilter || !GROUP_FILTERS.includes(groupFilter))) causes.push(`group_filter_type: Must be one of ${GROUP_FILTERS.join(', ')}`);
  const status = input.status ?? existing?.status ?? 'ACTIVE';
  if (status !== 'ACTIVE' && status !== 'INACTIVE') causes.push('status: Must be ACTIVE or INACTIVE');
  const scopes = input.conditions?.scopes ?? [];
  if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string')) causes.push('conditions.scopes: Must be an array of scope names');
  else if (scopes.length) {
    const known = new Set((await listScopeRows(db, serverId)).map((s) => s.name));
    const unknown = scopes.filter((s) => !known.has(s));
    if (unknown.length) causes.push(`conditions.scopes: Unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  }
  if (!causes.length) {
    const clash = await db.selectFrom('oauth_claims').select('id').where('server_id', '=', serverId).where('name', '=', name).where('claim_type', '=', claimType).executeTakeFirst();
    if (clash && clash.id !== existing?.id) causes.push(`name: A ${claimType} claim named '${name}' already exists`);
  }
  if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);
  // Access token claims are always in the token (Okta).
  const always = claimType === 'RESOURCE' ? true : input.alwaysIncludeInToken ?? true;
  return { name, claimType, valueType, value, groupFilter, status, scopes, always };
}

export async function createClaim(ctx: AppContext, audit: AuditContext, serverId: string, input: ClaimInput): Promise<ClaimRow> {
  await getServerOrThrow(ctx.db, serverId);
  const v = await validateClaim(ctx.db, serverId, input);
  const now = ctx.clock().toISOString();
  const row: ClaimRow = {
    id: newOAuthId('claim'), server_id: serverId, name: v.name, status: v.status, claim_type: v.claimType, value_type: v.valueType,
    value: v.value, always_include_in_token: v.always ? 1 : 0, group_filter_type: v.groupFilter, conditions: JSON.stringify({ scopes: v.scopes }),
    system: 0, created: now, last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('oauth_claims').values(row).execute();
    await bumpRevision(trx, serverId);
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.claim.created', displayMessage: 'OAuth2 claim is created', target: [claimTarget(row)] });
  });
  return row;
}

export async function replaceClaim(ctx: AppContext, audit: AuditContext, serverId: string, claimId: string, input: ClaimInput): Promise<ClaimRow> {
  const existing = await getClaimOrThrow(ctx.db, serverId, claimId);
  const v = await validateClaim(ctx.db, serverId, input, existing);
  const next: ClaimRow = {
    ...existing, name: v.name, status: v.status, claim_type: v.claimType, value_type: v.valueType, value: v.value,
    always_include_in_token: v.always ? 1 : 0, group_filter_type: v.groupFilter, conditions: JSON.stringify({ scopes: v.scopes }),
    last_updated: ctx.clock().toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('oauth_claims').set(next).where('id', '=', claimId).execute();
    await bumpRevision(trx, serverId);
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.claim.updated', displayMessage: 'OAuth2 claim is updated', target: [claimTarget(next)] });
  });
  return next;
}

export async function deleteClaim(ctx: AppContext, audit: AuditContext, serverId: string, claimId: string): Promise<void> {
  const row = await getClaimOrThrow(ctx.db, serverId, claimId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('oauth_claims').where('id', '=', claimId).execute();
    await bumpRevision(trx, serverId);
    await recordEvent(ctx, trx, audit, { eventType: 'oauth2.claim.deleted', displayMessage: 'OAuth2 claim is deleted', target: [claimTarget(row)] });
  });
}
