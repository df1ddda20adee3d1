/** Okta Classic's authentication transaction JSON (`status`, `sessionToken`, `_embedded.user`, `_links`). */
import type { AppContext } from '../platform/context.js';
import type { UserRow } from '../identity/users/user-json.js';
import { issueSessionToken } from './session-tokens.js';

/** `_embedded.user` as Okta shows it in an authentication transaction. */
function embeddedUser(user: UserRow) {
  const profile = JSON.parse(user.profile) as Record<string, unknown>;
  return {
    id: user.id,
    passwordChanged: user.password_changed,
    profile: {
      login: user.login,
      firstName: profile.firstName ?? null,
      lastName: profile.lastName ?? null,
      locale: profile.locale ?? 'en',
      timeZone: profile.timezone ?? 'America/Los_Angeles',
    },
  };
}

/** `status: SUCCESS` with a one-time `sessionToken` for the session the sign-in started. */
export async function authnSuccess(ctx: AppContext, sessionId: string, user: UserRow, relayState: string | null) {
  const { sessionToken, expiresAt } = await issueSessionToken(ctx, ctx.db, sessionId, user.id);
  return {
    expiresAt,
    status: 'SUCCESS',
    ...(relayState ? { relayState } : {}),
    sessionToken,
    _embedded: { user: embeddedUser(user) },
  };
}

/**
 * `status: PASSWORD_EXPIRED`: the password is right but must be changed first, so no session is handed out
 * (the one the sign-in started is ended). Tollgate has no `/api/v1/authn/credentials/change_password` step,
 * so no `stateToken` is given either.
 */
export async function passwordExpired(ctx: AppContext, sessionId: string, user: UserRow, relayState: string | null) {
  await ctx.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  return {
    expiresAt: new Date(ctx.clock().getTime() + 5 * 60 * 1000).toISOString(),
    status: 'PASSWORD_EXPIRED',
    ...(relayState ? { relayState } : {}),
    _embedded: { user: embeddedUser(user) },
  };
}

/**
 * `status: LOCKED_OUT` (only when the password policy shows lockout failures; otherwise E0000004). Okta adds
 * an `unlock` link to its self-service unlock flow, which Tollgate does not have: an admin unlocks the user.
 */
export function lockedOut(relayState: string | null) {
  return { status: 'LOCKED_OUT', ...(relayState ? { relayState } : {}) };
}
