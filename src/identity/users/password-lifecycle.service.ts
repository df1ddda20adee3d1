/**
 * Okta's password lifecycle operations on a user: `reset_password` (a one-time link to a hosted page where
 * the user chooses a new password; the user is in RECOVERY meanwhile) and `expire_password` (the user must
 * choose a new password at the next sign-in).
 *
 * Reset tokens live in `settings` under `reset_password_token:<sha256>` with `{userId, expiresAt}`: only the
 * hash is stored, a new token replaces the user's earlier ones, and using one deletes it (single use).
 */
import type { AppContext } from '../../platform/context.js';
import type { Executor, Trx } from '../../platform/db/index.js';
import { hashToken } from '../../platform/crypto.js';
import { errors } from '../../platform/errors.js';
import { randomBase62 } from '../../platform/ids.js';
import { hashPassword, verifyPassword } from '../../platform/password.js';
import { checkPassword } from '../policies/password-policy.js';
import { userActor } from '../sessions/sessions.service.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { revokeActivationTokens } from './user-lifecycle.service.js';
import { hasPassword, userTarget, type UserRow } from './user-json.js';
import type { ResetPasswordToken } from './user.schema.js';
import { inTransaction, requireUser, toOktaUser, type OktaUser } from './users.service.js';

const RESET_TOKEN_PREFIX = 'reset_password_token:';
/** Okta's default lifetime of a recovery token (password policy `recovery.factors.okta_email…tokenLifetimeMinutes`). */
const DEFAULT_RESET_TOKEN_MINUTES = 60;
export const RESET_PASSWORD_PATH = '/signin/reset-password';

/** Statuses Okta offers `resetPassword` in (the user `_links`). */
const RESETTABLE = ['PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT'];
/** Statuses `expire_password` works in (a second expiry changes nothing but is not an error). */
const EXPIRABLE = ['ACTIVE', 'PASSWORD_EXPIRED'];

/** Okta's ResetPasswordToken (empty when an email would carry the link). */
export type ResetPasswordResult = ResetPasswordToken;

async function resetTokenMinutes(db: Executor): Promise<number> {
  const row = await db.selectFrom('policies').select('settings')
    .where('type', '=', 'PASSWORD').where('status', '=', 'ACTIVE').orderBy('priority', 'asc').executeTakeFirst();
  const settings = row?.settings ? JSON.parse(row.settings) as {
    recovery?: { factors?: { okta_email?: { properties?: { recoveryToken?: { tokenLifetimeMinutes?: unknown } } } } };
  } : {};
  const minutes = settings.recovery?.factors?.okta_email?.properties?.recoveryToken?.tokenLifetimeMinutes;
  return typeof minutes === 'number' && minutes > 0 ? minutes : DEFAULT_RESET_TOKEN_MINUTES;
}

export async function revokeResetTokens(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('settings')
    .where('key', 'like', `${RESET_TOKEN_PREFIX}%`)
    .where('value', 'like', `%"userId":"${userId}"%`)
    .execute();
}

async function issueResetToken(ctx: AppContext, trx: Trx, userId: string): Promise<string> {
  await revokeResetTokens(trx, userId);
  const token = randomBase62(20);
  const expiresAt = new Date(ctx.clock().getTime() + (await resetTokenMinutes(trx)) * 60_000).toISOString();
  await trx.insertInto('settings').values({ key: RESET_TOKEN_PREFIX + hashToken(token), value: JSON.stringify({ userId, expiresAt }) }).execute();
  return `${ctx.config.issuer}${RESET_PASSWORD_PATH}/${token}`;
}

/**
 * `POST /api/v1/users/{id}/lifecycle/reset_password`: the user goes to RECOVERY (no sign-in until the reset
 * is done) and gets a new one-time link, returned when `sendEmail` is false (Tollgate sends no email).
 * `revokeSessions` ends the user's sessions.
 */
export async function resetPassword(
  ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string, opts: { sendEmail: boolean; revokeSessions: boolean },
): Promise<ResetPasswordResult> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (!RESETTABLE.includes(user.status)) throw errors.userStatus();
  return inTransaction(db, async (trx) => {
    const now = ctx.clock().toISOString();
    await trx.updateTable('users').set({ status: 'RECOVERY', status_changed: now, last_updated: now, transitioning_to_status: null })
      .where('id', '=', user.id).execute();
    // The reset link replaces a pending activation.
    await revokeActivationTokens(ctx, trx, user.id);
    if (opts.revokeSessions) await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    const url = await issueResetToken(ctx, trx, user.id);
    await recordEvent(ctx, trx, audit, {
      eventType: 'user.account.reset_password', displayMessage: 'Fired when the user\'s Okta password is reset', target: [userTarget(user)],
      debugData: { sendEmail: opts.sendEmail, revokeSessions: opts.revokeSessions },
    });
    return opts.sendEmail ? {} : { resetPasswordUrl: url };
  });
}

/** `POST /api/v1/users/{id}/lifecycle/expire_password`: the user must choose a new password at the next sign-in. */
export async function expirePassword(ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string): Promise<OktaUser> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (!EXPIRABLE.includes(user.status)) throw errors.userStatus();
  if (!user.password_hash) throw errors.userStatus('This operation is not allowed for a user without an Okta password.');
  return inTransaction(db, async (trx) => {
    const now = ctx.clock().toISOString();
    const next: UserRow = { ...user, status: 'PASSWORD_EXPIRED', last_updated: now, status_changed: user.status === 'PASSWORD_EXPIRED' ? user.status_changed : now };
    await trx.updateTable('users').set({ status: next.status, status_changed: next.status_changed, last_updated: now }).where('id', '=', user.id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: 'user.account.expire_password', displayMessage: 'Fired when the user\'s Okta password is expired', target: [userTarget(next)],
      debugData: { tempPassword: false, revokeSessions: false },
    });
    return toOktaUser(ctx, next);
  });
}

/** The user an unexpired reset token belongs to, while that user is still in RECOVERY (for the reset page). */
export async function userForResetToken(ctx: AppContext, db: Executor, token: string): Promise<UserRow | undefined> {
  if (!token || token.length > 100) return undefined;
  const row = await db.selectFrom('settings').select('value').where('key', '=', RESET_TOKEN_PREFIX + hashToken(token)).executeTakeFirst();
  if (!row) return undefined;
  const { userId, expiresAt } = JSON.parse(row.value) as { userId: string; expiresAt: string };
  if (expiresAt <= ctx.clock().toISOString()) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  return user?.status === 'RECOVERY' ? user : undefined;
}

export type NewPasswordOutcome = { ok: true; user: UserRow } | { ok: false; problems: string[]; expired?: boolean };

/** The password policy's verdict on a new password, and Okta's rule that it must differ from the current one. */
async function newPasswordProblems(ctx: AppContext, user: UserRow, password: string): Promise<string[]> {
  const problems = await checkPassword(ctx, ctx.db, password, JSON.parse(user.profile) as Record<string, unknown>);
  if (problems.length === 0 && user.password_hash && await verifyPassword(user.password_hash, password)) {
    return ['Password cannot be your current password'];
  }
  return problems;
}

/**
 * Finishes a reset with the link's token: checks the new password, then in one transaction spends the token
 * (a second use finds none), sets the password, makes the user ACTIVE, ends its sessions and writes
 * `user.account.update_password` by the user.
 */
export async function completePasswordReset(ctx: AppContext, audit: AuditContext, token: string, password: string): Promise<NewPasswordOutcome> {
  const user = await userForResetToken(ctx, ctx.db, token);
  if (!user) return { ok: false, problems: [], expired: true };
  const problems = await newPasswordProblems(ctx, user, password);
  if (problems.length > 0) return { ok: false, problems };
  const hash = await hashPassword(password);
  return ctx.db.transaction().execute(async (trx) => {
    const spent = await trx.deleteFrom('settings').where('key', '=', RESET_TOKEN_PREFIX + hashToken(token)).executeTakeFirst();
    if (Number(spent.numDeletedRows) !== 1) return { ok: false as const, problems: [], expired: true };
    const now = ctx.clock().toISOString();
    const changed = await trx.updateTable('users').set({
      password_hash: hash, password_hook: 0, password_changed: now, status: 'ACTIVE', status_changed: now, last_updated: now,
      failed_logins: 0, activated: user.activated ?? now,
    }).where('id', '=', user.id).where('status', '=', 'RECOVERY').executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return { ok: false as const, problems: [], expired: true };
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await recordEvent(ctx, trx, { ...audit, actor: userActor(user) }, {
      eventType: 'user.account.update_password', displayMessage: 'User update password for Okta', target: [userTarget(user)],
      debugData: { resetWith: 'RESET_PASSWORD_LINK' },
    });
    return { ok: true as const, user: { ...user, status: 'ACTIVE', password_hash: hash, password_changed: now } };
  });
}

/**
 * Changes the expired password of a user who has just signed in with it: checks the new password, then in
 * one transaction sets it, makes the user ACTIVE and writes `user.account.update_password` by the user.
 * Refuses (expired) when the user's password is no longer expired.
 */
export async function changeExpiredPassword(ctx: AppContext, audit: AuditContext, userId: string, password: string): Promise<NewPasswordOutcome> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || user.status !== 'PASSWORD_EXPIRED' || !hasPassword(user)) return { ok: false, problems: [], expired: true };
  const problems = await newPasswordProblems(ctx, user, password);
  if (problems.length > 0) return { ok: false, problems };
  const hash = await hashPassword(password);
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock().toISOString();
    const changed = await trx.updateTable('users').set({
      password_hash: hash, password_hook: 0, password_changed: now, status: 'ACTIVE', status_changed: now, last_updated: now,
    }).where('id', '=', user.id).where('status', '=', 'PASSWORD_EXPIRED').executeTakeFirst();
    if (Number(changed.numUpdatedRows) !== 1) return { ok: false as const, problems: [], expired: true };
    await recordEvent(ctx, trx, { ...audit, actor: userActor(user) }, {
      eventType: 'user.account.update_password', displayMessage: 'User update password for Okta', target: [userTarget(user)],
      debugData: { changedWith: 'PASSWORD_EXPIRED_SIGN_IN' },
    });
    return { ok: true as const, user: { ...user, status: 'ACTIVE', password_hash: hash, password_changed: now } };
  });
}
