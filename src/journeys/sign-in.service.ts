import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Executor, Trx } from '../platform/db/index.js';
import { hashPassword, verifyPassword } from '../platform/password.js';
import { runPasswordImportHook } from '../hooks/inline/password-import.inline-hook.js';
import { DEFAULT_PASSWORD_SETTINGS } from '../identity/org-defaults.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { SIGNABLE_STATUSES, startSession, userActor, type Session, type SessionUser } from '../identity/sessions/sessions.service.js';

export type LockoutSettings = typeof DEFAULT_PASSWORD_SETTINGS.password.lockout;

export type SignInResult =
  | { ok: true; token: string; session: Session; user: SessionUser }
  | { ok: false; reason: 'INVALID_CREDENTIALS' | 'LOCKED_OUT' | 'PASSWORD_IMPORT_PENDING' | 'PASSWORD_IMPORT_FAILED'; message: string };

/** Where the sign-in came from, for the password import hook's `data.context.request` (default: the hosted page). */
export interface SignInRequest {
  method: string;
  url: string;
}

/** What the sign-in page says for any wrong login/password pair (no hint whether the user exists). */
export const INVALID_CREDENTIALS_MESSAGE = 'Unable to sign in';
export const LOCKED_OUT_MESSAGE = 'Your account is locked. Please contact your administrator.';
export const PASSWORD_IMPORT_MESSAGE =
  'Your password has to be verified by your organization\'s password import service, which is not available. Please contact your administrator.';

// Verified against when the login is unknown, so that a wrong login costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

/** The lockout rules of the active PASSWORD policy with the highest priority. */
export async function activeLockoutSettings(db: Executor): Promise<LockoutSettings> {
  const row = await db.selectFrom('policies').select('settings')
    .where('type', '=', 'PASSWORD').where('status', '=', 'ACTIVE')
    .orderBy('priority', 'asc').executeTakeFirst();
  const settings = row?.settings ? JSON.parse(row.settings) : DEFAULT_PASSWORD_SETTINGS;
  return { ...DEFAULT_PASSWORD_SETTINGS.password.lockout, ...settings?.password?.lockout };
}

/**
 * Password sign-in (Okta's primary authentication). Only ACTIVE and PASSWORD_EXPIRED users may sign in. A
 * user created with a password import hook is verified by that hook on first sign-in (see askPasswordImportHook).
 * Wrong passwords count toward the password policy's `lockout.maxAttempts`; reaching it locks the user
 * (LOCKED_OUT, `user.account.lock`). Success resets the count, sets `lastLogin` and starts a session. Every
 * attempt writes `user.session.start` with its outcome, in the same transaction as its change.
 */
export async function signInWithPassword(
  ctx: AppContext, audit: AuditContext, input: { login: string; password: string; request?: SignInRequest },
): Promise<SignInResult> {
  const login = input.login.trim();
  const lockout = await activeLockoutSettings(ctx.db);
  let user = await ctx.db.selectFrom('users').selectAll().where('login_lower', '=', login.toLowerCase()).executeTakeFirst();

  if (user && user.status === 'LOCKED_OUT' && lockout.autoUnlockMinutes > 0 && user.status_changed
    && Date.parse(user.status_changed) + lockout.autoUnlockMinutes * 60_000 <= ctx.clock().getTime()) {
    await unlock(ctx, audit, user);
    user = { ...user, status: 'ACTIVE', failed_logins: 0 };
  }

  if (!user || !SIGNABLE_STATUSES.includes(user.status) || (!user.password_hash && !user.password_hook)) {
    if (!user || user.status !== 'LOCKED_OUT') await verifyPassword(await (decoyHash ??= hashPassword('decoy-password')), input.password);
    const reason = user?.status === 'LOCKED_OUT' ? 'LOCKED_OUT' : 'INVALID_CREDENTIALS';
    await recordFailure(ctx, ctx.db, audit, user, login, reason === 'LOCKED_OUT' ? 'LOCKED_OUT' : 'VERIFICATION_ERROR');
    const message = reason === 'LOCKED_OUT' && lockout.showLockoutFailures ? LOCKED_OUT_MESSAGE : INVALID_CREDENTIALS_MESSAGE;
    return { ok: false, reason, message };
  }

  if (user.password_hook) {
    const imported = await askPasswordImportHook(ctx, audit, user, login, input.password, input.request ?? { method: 'POST', url: '/signin' });
    if (imported.verdict === 'UNVERIFIED') return wrongPassword(ctx, audit, user, login, lockout);
    if (imported.verdict !== 'VERIFIED') {
      await recordFailure(ctx, ctx.db, audit, user, login, imported.verdict);
      const message = imported.verdict === 'PASSWORD_IMPORT_PENDING' ? PASSWORD_IMPORT_MESSAGE : INVALID_CREDENTIALS_MESSAGE;
      return { ok: false, reason: imported.verdict, message };
    }
    return completeSignIn(ctx, audit, user, imported.store);
  }

  if (!user.password_hash || !(await verifyPassword(user.password_hash, input.password))) {
    return wrongPassword(ctx, audit, user, login, lockout);
  }
  return completeSignIn(ctx, audit, user);
}

/** Resets the failed-attempt count, sets `lastLogin` and starts a session, with `alsoWrite` in the same transaction. */
async function completeSignIn(
  ctx: AppContext, audit: AuditContext, user: SessionUser, alsoWrite?: (trx: Trx) => Promise<void>,
): Promise<SignInResult> {
  return ctx.db.transaction().execute(async (trx) => {
    await alsoWrite?.(trx);
    const now = ctx.clock().toISOString();
    await trx.updateTable('users').set({ failed_logins: 0, last_login: now }).where('id', '=', user.id).execute();
    const { token, session } = await startSession(ctx, trx, audit, user);
    return { ok: true as const, token, session, user };
  });
}

type PasswordImportStep =
  | { verdict: 'VERIFIED'; store: (trx: Trx) => Promise<void> }
  | { verdict: 'UNVERIFIED' | 'PASSWORD_IMPORT_PENDING' | 'PASSWORD_IMPORT_FAILED' };

/**
 * The password import step (reference §3.4): the org's password import hook verifies the password. On
 * VERIFIED, `store` saves it (argon2id; the password policy is not applied, as Okta) with the session, so
 * the hook is never asked again for this user. Every call of the hook writes `user.import.password` (SUCCESS
 * or FAILURE). Fails closed: no active hook, a hook failure or an error reply refuses the sign-in, and the
 * next attempt asks again. An UNVERIFIED answer is a wrong password (it counts toward lockout).
 */
async function askPasswordImportHook(
  ctx: AppContext, audit: AuditContext, user: SessionUser, username: string, password: string, request: SignInRequest,
): Promise<PasswordImportStep> {
  // `username` is what the person typed (Okta: "the username that the user supplied").
  const outcome = await runPasswordImportHook(ctx, audit, {
    username, password, request: { id: audit.transactionId, method: request.method, url: request.url, ipAddress: audit.client.ipAddress },
  });
  if (outcome.verdict === 'NO_HOOK') return { verdict: 'PASSWORD_IMPORT_PENDING' };
  const event = (db: Executor, result: 'SUCCESS' | 'FAILURE', reason: string | null) => recordEvent(ctx, db, { ...audit, actor: userActor(user) }, {
    eventType: 'user.import.password', displayMessage: 'Imported user password from external system during login',
    outcome: result, reason, severity: result === 'SUCCESS' ? 'INFO' : 'WARN', target: [userActor(user)],
    debugData: { inlineHookId: outcome.hookId, ...(outcome.callId ? { inlineHookCallId: outcome.callId } : {}) },
  });
  if (outcome.verdict === 'UNVERIFIED') {
    await event(ctx.db, 'FAILURE', 'The password import hook did not verify the password');
    return { verdict: 'UNVERIFIED' };
  }
  if (outcome.verdict === 'FAILED') {
    await event(ctx.db, 'FAILURE', outcome.error);
    return { verdict: 'PASSWORD_IMPORT_FAILED' };
  }
  const hash = await hashPassword(password);
  return {
    verdict: 'VERIFIED',
    async store(trx) {
      const now = ctx.clock().toISOString();
      // Only the first verified sign-in stores its password; a concurrent one that lost the race changes nothing.
      await trx.updateTable('users').set({ password_hash: hash, password_hook: 0, password_changed: now, last_updated: now })
        .where('id', '=', user.id).where('password_hook', '=', 1).execute();
      await event(trx, 'SUCCESS', null);
    },
  };
}

/** A wrong password: counts toward the password policy's lockout, and locks the user at `maxAttempts`. */
async function wrongPassword(
  ctx: AppContext, audit: AuditContext, user: SessionUser, login: string, lockout: LockoutSettings,
): Promise<SignInResult> {
  const locked = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('users').set({ failed_logins: sql<number>`${sql.ref('failed_logins')} + 1` })
      .where('id', '=', user.id).returning(['failed_logins']).executeTakeFirstOrThrow();
    await recordFailure(ctx, trx, audit, user, login, 'INVALID_CREDENTIALS');
    if (lockout.maxAttempts > 0 && Number(row.failed_logins) >= lockout.maxAttempts) {
      const now = ctx.clock().toISOString();
      await trx.updateTable('users').set({ status: 'LOCKED_OUT', status_changed: now, last_updated: now })
        .where('id', '=', user.id).execute();
      await recordEvent(ctx, trx, { ...audit, actor: userActor(user) }, {
        eventType: 'user.account.lock', displayMessage: 'Max sign in attempts exceeded', outcome: 'SUCCESS',
        reason: 'Max sign in attempts exceeded', target: [userActor(user)],
      });
      return true;
    }
    return false;
  });
  const message = locked && lockout.showLockoutFailures ? LOCKED_OUT_MESSAGE : INVALID_CREDENTIALS_MESSAGE;
  return { ok: false, reason: locked ? 'LOCKED_OUT' : 'INVALID_CREDENTIALS', message };
}

async function recordFailure(
  ctx: AppContext, db: Executor, audit: AuditContext, user: SessionUser | undefined, login: string, reason: string,
): Promise<void> {
  const actor = user ? userActor(user) : { id: 'unknown', type: 'User', alternateId: login || 'unknown', displayName: 'unknown' };
  await recordEvent(ctx, db, { ...audit, actor }, {
    eventType: 'user.session.start', displayMessage: 'User login to Okta', outcome: 'FAILURE', reason,
    severity: 'WARN', target: user ? [userActor(user)] : undefined,
  });
}

async function unlock(ctx: AppContext, audit: AuditContext, user: SessionUser): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock().toISOString();
    await trx.updateTable('users').set({ status: 'ACTIVE', failed_logins: 0, status_changed: now, last_updated: now })
      .where('id', '=', user.id).where('status', '=', 'LOCKED_OUT').execute();
    await recordEvent(ctx, trx, { ...audit, actor: userActor(user) }, {
      eventType: 'user.account.unlock', displayMessage: 'Auto-unlock user account for Okta', outcome: 'SUCCESS', target: [userActor(user)],
    });
  });
}

/**
 * Signs in a user who has just registered with their password (no second check): sets `lastLogin` and
 * starts a session, in one transaction.
 */
export async function signInNewUser(ctx: AppContext, audit: AuditContext, user: SessionUser): Promise<{ token: string; session: Session }> {
  return ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ last_login: ctx.clock().toISOString() }).where('id', '=', user.id).execute();
    return startSession(ctx, trx, audit, user);
  });
}
