import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Trx } from '../../platform/db/index.js';
import { hashToken } from '../../platform/crypto.js';
import { errors } from '../../platform/errors.js';
import { randomBase62 } from '../../platform/ids.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { hasPassword, userTarget, type UserRow, type UserStatus } from './user-json.js';
import { inTransaction, requireUser } from './users.service.js';
import type { ActivationToken } from './user.schema.js';

/** Okta's UserActivationToken (empty when an email would carry it, or when the user has a password). */
export type ActivationResult = ActivationToken;

const ACTIVATION_TOKEN_PREFIX = 'activation_token:';
const ACTIVATION_TOKEN_DAYS = 7;

/**
 * Activation tokens live in `settings` under `activation_token:<sha256>` with `{userId, expiresAt}`: only
 * the hash is stored, and a new token replaces the user's earlier ones.
 */
async function issueActivationToken(ctx: AppContext, db: Executor, userId: string): Promise<{ token: string; url: string }> {
  await revokeActivationTokens(ctx, db, userId);
  const token = randomBase62(20);
  const expiresAt = new Date(ctx.clock().getTime() + ACTIVATION_TOKEN_DAYS * 86_400_000).toISOString();
  await db.insertInto('settings').values({ key: ACTIVATION_TOKEN_PREFIX + hashToken(token), value: JSON.stringify({ userId, expiresAt }) }).execute();
  return { token, url: `${ctx.config.issuer}/tokens/${token}/verify` };
}

export async function revokeActivationTokens(_ctx: AppContext, db: Executor, userId: string): Promise<void> {
  await db.deleteFrom('settings')
    .where('key', 'like', `${ACTIVATION_TOKEN_PREFIX}%`)
    .where('value', 'like', `%"userId":"${userId}"%`)
    .execute();
}

/** The user an unexpired activation token was issued to (for the activation page). */
export async function userIdForActivationToken(ctx: AppContext, db: Executor, token: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', ACTIVATION_TOKEN_PREFIX + hashToken(token)).executeTakeFirst();
  if (!row) return undefined;
  const { userId, expiresAt } = JSON.parse(row.value) as { userId: string; expiresAt: string };
  return expiresAt > ctx.clock().toISOString() ? userId : undefined;
}

async function setStatus(ctx: AppContext, trx: Trx, user: UserRow, status: UserStatus, extra: Partial<UserRow> = {}): Promise<UserRow> {
  const now = ctx.clock().toISOString();
  const next: UserRow = { ...user, ...extra, status, status_changed: now, last_updated: now, transitioning_to_status: null };
  await trx.updateTable('users').set({
    status, status_changed: now, last_updated: now, transitioning_to_status: null,
    activated: next.activated, failed_logins: next.failed_logins,
  }).where('id', '=', user.id).execute();
  return next;
}

function wrongStatus(): never {
  throw errors.userStatus();
}

/**
 * Activates a STAGED or DEPROVISIONED user. With a password (or a password import hook, or another
 * provider) the user becomes ACTIVE; without one it becomes PROVISIONED and an activation token is issued,
 * returned when `sendEmail` is false (Tollgate sends no email).
 */
export async function activateUser(ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string, opts: { sendEmail: boolean }): Promise<ActivationResult> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (user.status === 'ACTIVE' || user.status === 'PROVISIONED') throw errors.alreadyActive();
  if (user.status !== 'STAGED' && user.status !== 'DEPROVISIONED') wrongStatus();
  const ready = hasPassword(user) || user.provider_type !== 'OKTA';
  return inTransaction(db, async (trx) => {
    const now = ctx.clock().toISOString();
    const next = await setStatus(ctx, trx, user, ready ? 'ACTIVE' : 'PROVISIONED', ready ? { activated: now } : {});
    await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user', target: [userTarget(next)] });
    if (ready) return {};
    const { token, url } = await issueActivationToken(ctx, trx, user.id);
    return opts.sendEmail ? {} : { activationUrl: url, activationToken: token };
  });
}

/** Restarts the activation of a PROVISIONED (or RECOVERY) user with a new token. */
export async function reactivateUser(ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string, opts: { sendEmail: boolean }): Promise<ActivationResult> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (user.status !== 'PROVISIONED' && user.status !== 'RECOVERY') wrongStatus();
  return inTransaction(db, async (trx) => {
    const next = user.status === 'PROVISIONED' ? user : await setStatus(ctx, trx, user, 'PROVISIONED');
    await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.reactivate', displayMessage: 'Reactivate Okta user', target: [userTarget(next)] });
    const { token, url } = await issueActivationToken(ctx, trx, user.id);
    return opts.sendEmail ? {} : { activationUrl: url, activationToken: token };
  });
}

async function deactivateInTrx(ctx: AppContext, trx: Trx, audit: AuditContext, user: UserRow): Promise<void> {
  const next = await setStatus(ctx, trx, user, 'DEPROVISIONED');
  // A deactivated user can no longer sign in: end its sessions and pending activation.
  await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  await revokeActivationTokens(ctx, trx, user.id);
  await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.deactivate', displayMessage: 'Deactivate Okta user', target: [userTarget(next)] });
}

function refuseSelf(audit: AuditContext, user: UserRow): void {
  if (audit.actor.id === user.id) throw errors.validation('user', ['user: You cannot deactivate or delete your own account']);
}

/** Deactivates any user that is not DEPROVISIONED yet. */
export async function deactivateUser(ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string): Promise<void> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (user.status === 'DEPROVISIONED') wrongStatus();
  refuseSelf(audit, user);
  await inTransaction(db, (trx) => deactivateInTrx(ctx, trx, audit, user));
}

export async function suspendUser(ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string): Promise<void> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (user.status !== 'ACTIVE') wrongStatus();
  refuseSelf(audit, user);
  await inTransaction(db, async (trx) => {
    const next = await setStatus(ctx, trx, user, 'SUSPENDED');
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.suspend', displayMessage: 'Suspend Okta user', target: [userTarget(next)] });
  });
}

export async function unsuspendUser(ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string): Promise<void> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (user.status !== 'SUSPENDED') wrongStatus();
  await inTransaction(db, async (trx) => {
    const next = await setStatus(ctx, trx, user, 'ACTIVE');
    await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.unsuspend', displayMessage: 'Unsuspend Okta user', target: [userTarget(next)] });
  });
}

/** Unlocks a LOCKED_OUT user (back to ACTIVE, failed sign-ins forgotten). */
export async function unlockUser(ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string): Promise<void> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (user.status !== 'LOCKED_OUT') wrongStatus();
  await inTransaction(db, async (trx) => {
    const next = await setStatus(ctx, trx, user, 'ACTIVE', { failed_logins: 0 });
    await recordEvent(ctx, trx, audit, { eventType: 'user.account.unlock_by_admin', displayMessage: 'User account unlock by admin', target: [userTarget(next)] });
  });
}

/**
 * Okta's DELETE: a user that is not DEPROVISIONED is deactivated; a DEPROVISIONED user is deleted with its
 * group memberships, sessions, API tokens and pending activation.
 */
export async function deleteUser(ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string): Promise<'deactivated' | 'deleted'> {
  const user = await requireUser(ctx, db, idOrLogin);
  refuseSelf(audit, user);
  if (user.status !== 'DEPROVISIONED') {
    await inTransaction(db, (trx) => deactivateInTrx(ctx, trx, audit, user));
    return 'deactivated';
  }
  await inTransaction(db, async (trx) => {
    const target = [userTarget(user)];
    await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.delete.initiated', displayMessage: 'Delete Okta user initiated', target });
    const groups = await trx.deleteFrom('group_members').where('user_id', '=', user.id).returning('group_id').execute();
    if (groups.length) {
      await trx.updateTable('groups').set({ last_membership_updated: ctx.clock().toISOString() })
        .where('id', 'in', groups.map((g) => g.group_id)).execute();
    }
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('api_tokens').where('user_id', '=', user.id).execute();
    await revokeActivationTokens(ctx, trx, user.id);
    await trx.deleteFrom('users').where('id', '=', user.id).where(sql<boolean>`status = 'DEPROVISIONED'`).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.delete.completed', displayMessage: 'Delete Okta user completed', target });
  });
  return 'deleted';
}
