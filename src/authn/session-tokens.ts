/**
 * Okta Classic's `sessionToken`: what `POST /api/v1/authn` answers on SUCCESS. It stands for the session the
 * sign-in started and is redeemed once, within five minutes, for that session's cookie (Okta's
 * `/login/sessionCookieRedirect`, or an OIDC `/authorize?sessionToken=…`). Only its SHA-256 is stored.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { hashToken } from '../platform/crypto.js';

export const SESSION_TOKEN_LIFETIME_MS = 5 * 60 * 1000;

/** Issues a one-time token for `sessionId`, on `db` (the sign-in's transaction or the database). */
export async function issueSessionToken(ctx: AppContext, db: Executor, sessionId: string, userId: string): Promise<{ sessionToken: string; expiresAt: string }> {
  const sessionToken = randomBytes(32).toString('base64url');
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + SESSION_TOKEN_LIFETIME_MS).toISOString();
  // Spent or expired tokens are of no use: sweep them as new ones are issued.
  await db.deleteFrom('authn_session_tokens').where('expires_at', '<=', now.toISOString()).execute();
  await db.insertInto('authn_session_tokens').values({
    token_hash: hashToken(sessionToken), session_id: sessionId, user_id: userId, created: now.toISOString(), expires_at: expiresAt,
  }).execute();
  return { sessionToken, expiresAt };
}

/**
 * Redeems a session token: gives the session a new cookie token (the raw one was never kept) and returns it
 * with the session id, or undefined when the token is unknown, spent or expired. A token works once.
 */
export async function redeemSessionToken(ctx: AppContext, sessionToken: string): Promise<{ cookieToken: string; sessionId: string; userId: string } | undefined> {
  if (!sessionToken || sessionToken.length > 200) return undefined;
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const spent = await trx.deleteFrom('authn_session_tokens').where('token_hash', '=', hashToken(sessionToken))
      .returning(['session_id', 'user_id', 'expires_at']).executeTakeFirst();
    if (!spent || spent.expires_at <= now) return undefined;
    const cookieToken = randomBytes(32).toString('base64url');
    const updated = await trx.updateTable('sessions').set({ token_hash: hashToken(cookieToken) })
      .where('id', '=', spent.session_id).where('status', '=', 'ACTIVE').where('expires_at', '>', now).executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return undefined;
    return { cookieToken, sessionId: spent.session_id, userId: spent.user_id };
  });
}
