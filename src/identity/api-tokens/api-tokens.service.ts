import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { hashToken } from '../../platform/crypto.js';
import { newId, randomBase62 } from '../../platform/ids.js';

/** Okta API tokens look like `00` + 40 base62 characters. */
export function generateApiTokenValue(): string {
  return '00' + randomBase62(40);
}

export async function createApiToken(ctx: AppContext, db: Executor, input: { name: string; userId: string; value?: string }): Promise<string> {
  const value = input.value ?? generateApiTokenValue();
  await db.insertInto('api_tokens').values({
    id: newId('apiToken'),
    name: input.name,
    token_hash: hashToken(value),
    token_prefix: value.slice(0, 6),
    user_id: input.userId,
    created: ctx.clock().toISOString(),
    last_used: null,
    expires_at: null,
    status: 'ACTIVE',
  }).execute();
  return value;
}

export interface Principal {
  userId: string;
  login: string;
  displayName: string;
  via: 'api-token' | 'session';
}

/**
 * As Okta: lockout, an expired password or a pending recovery stop the user's sign-in, not the API tokens
 * they created (otherwise strangers typing wrong passwords could lock out the admin's API). Deactivation and
 * suspension do stop them.
 */
const TOKEN_USER_STATUSES = new Set(['ACTIVE', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'RECOVERY']);

/** Resolves an API token to the admin it belongs to, or undefined when it is unknown, revoked or expired. */
export async function principalForToken(ctx: AppContext, token: string): Promise<Principal | undefined> {
  const row = await ctx.db.selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as tokenId', 'api_tokens.expires_at', 'api_tokens.status as tokenStatus', 'api_tokens.last_used',
      'users.id as userId', 'users.login', 'users.first_name', 'users.last_name', 'users.status', 'users.admin'])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  const now = ctx.clock();
  if (!row || row.tokenStatus !== 'ACTIVE' || !TOKEN_USER_STATUSES.has(row.status) || !row.admin) return undefined;
  if (row.expires_at && row.expires_at < now.toISOString()) return undefined;
  // Record use at most once a minute: a write per request would serialize every API call on SQLite.
  if (!row.last_used || Date.parse(row.last_used) < now.getTime() - 60_000) {
    await ctx.db.updateTable('api_tokens').set({ last_used: now.toISOString() }).where('id', '=', row.tokenId).execute();
  }
  return {
    userId: row.userId,
    login: row.login,
    displayName: [row.first_name, row.last_name].filter(Boolean).join(' ') || row.login,
    via: 'api-token',
  };
}
