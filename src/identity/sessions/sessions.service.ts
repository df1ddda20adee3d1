import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { UsersTable } from '../../platform/db/schema.js';
import { hashToken } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import type { AuditContext, LogActor } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';

export { SESSION_COOKIE, sessionCookieName } from '../../platform/session-cookie.js';
/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** Statuses that may hold a session. */
export const SIGNABLE_STATUSES = ['ACTIVE', 'PASSWORD_EXPIRED'];

export interface Session {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastPasswordVerification: string | null;
}

export interface SessionUser {
  id: string;
  login: string;
  first_name: string | null;
  last_name: string | null;
}

/** The System Log actor for a user acting on their own behalf. */
export function userActor(user: SessionUser): LogActor {
  return {
    id: user.id,
    type: 'User',
    alternateId: user.login,
    displayName: [user.first_name, user.last_name].filter(Boolean).join(' ') || user.login,
  };
}

/**
 * Starts a session for a user who has just proven their password (sign-in or sign-up) and writes
 * `user.session.start` on `db`. Returns the token for the cookie; only its hash is stored.
 */
export async function startSession(
  ctx: AppContext, db: Executor, audit: AuditContext, user: SessionUser,
): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock();
  const session: Session = {
    id: newId('session'),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString(),
    lastPasswordVerification: now.toISOString(),
  };
  // Expired sessions of this user are of no use any more: sweep them as a new one starts.
  await db.deleteFrom('sessions').where('user_id', '=', user.id).where('expires_at', '<=', session.createdAt).execute();
  await db.insertInto('sessions').values({
    id: session.id, token_hash: hashToken(token), user_id: user.id, status: 'ACTIVE', amr: JSON.stringify(['pwd']),
    ip_address: audit.client.ipAddress, user_agent: audit.client.userAgent?.rawUserAgent ?? null,
    created: session.createdAt, expires_at: session.expiresAt,
    last_password_verification: session.lastPasswordVerification, last_factor_verification: null,
  }).execute();
  await recordEvent(ctx, db, { ...audit, actor: userActor(user), sessionId: session.id }, {
    eventType: 'user.session.start', displayMessage: 'User login to Okta', outcome: 'SUCCESS',
    target: [{ ...userActor(user) }],
    debugData: { authnRequestId: audit.transactionId },
  });
  return { token, session };
}

/**
 * The live session and its user for a cookie token, or undefined. Sliding idle expiry: each use pushes the
 * end back (written at most once a minute). A user who can no longer sign in loses the session.
 */
export async function findSession(
  ctx: AppContext, token: string | undefined,
): Promise<{ session: Session; user: UsersTable } | undefined> {
  if (!token || token.length > 200) return undefined;
  const row = await ctx.db.selectFrom('sessions').selectAll()
    .where('token_hash', '=', hashToken(token)).where('status', '=', 'ACTIVE').executeTakeFirst();
  const now = ctx.clock();
  if (!row || row.expires_at <= now.toISOString()) return undefined;
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirst();
  if (!user || !SIGNABLE_STATUSES.includes(user.status)) return undefined;
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS).toISOString();
  if (Date.parse(expiresAt) - Date.parse(row.expires_at) > 60_000) {
    await ctx.db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', row.id).execute();
  }
  return {
    session: { id: row.id, userId: row.user_id, createdAt: row.created, expiresAt, lastPasswordVerification: row.last_password_verification },
    user,
  };
}

/** Ends the session of this cookie token (sign-out) and writes `user.session.end`; a no-op when none is live. */
export async function endSession(ctx: AppContext, audit: AuditContext, token: string | undefined): Promise<void> {
  const found = await findSession(ctx, token);
  if (!found) return;
  const { session, user } = found;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id', '=', session.id).execute();
    await recordEvent(ctx, trx, { ...audit, actor: userActor(user), sessionId: session.id }, {
      eventType: 'user.session.end', displayMessage: 'User logout from Okta', outcome: 'SUCCESS', target: [userActor(user)],
    });
  });
}
