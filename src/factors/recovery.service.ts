/**
 * Self-service account unlock and password reset with a phone factor (Okta's SMS/voice recovery): a code
 * goes to the user's ACTIVE `sms` or `call` factor with `requestType` `com.okta.user.telephony.account-unlock`
 * or `…password-reset`, and the right code unlocks the account or lets the user choose a new password.
 *
 * Allowed as Okta allows it, by the active PASSWORD policy with the highest priority: its
 * `settings.recovery.factors.okta_sms` / `okta_call` must be `{status: "ACTIVE"}`, and its first active
 * rule's `actions.selfServiceUnlock.access` / `actions.selfServicePasswordReset.access` must be ALLOW.
 */
import type { AppContext } from '../platform/context.js';
import { hashPassword } from '../platform/password.js';
import { checkPassword } from '../identity/policies/password-policy.js';
import { userActor } from '../identity/sessions/sessions.service.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { userTarget } from '../identity/users/users.service.js';
import { OktaError } from '../platform/errors.js';
import type { RequestInfo } from './challenges.service.js';
import type { PhoneFactorType } from './factor-json.js';
import { challengeFactor, verifyFactorPasscode } from './factors.service.js';
import type { PasscodeCheck } from './challenges.service.js';

export type RecoveryFlow = 'unlock' | 'reset';

/** Statuses each flow helps: a reset also unlocks, as Okta's does. */
const FLOW_STATUSES: Record<RecoveryFlow, string[]> = {
  unlock: ['LOCKED_OUT'],
  reset: ['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT'],
};

const RECOVERY_FACTOR: Record<PhoneFactorType, string> = { sms: 'okta_sms', call: 'okta_call' };
const RULE_ACTION: Record<RecoveryFlow, string> = { unlock: 'selfServiceUnlock', reset: 'selfServicePasswordReset' };

/** Which phone factor types the org's password policy lets users recover with, per flow. */
export async function phoneRecoveryOptions(ctx: AppContext): Promise<Record<RecoveryFlow, PhoneFactorType[]>> {
  const policy = await ctx.db.selectFrom('policies').select(['id', 'settings'])
    .where('type', '=', 'PASSWORD').where('status', '=', 'ACTIVE').orderBy('priority', 'asc').executeTakeFirst();
  if (!policy) return { unlock: [], reset: [] };
  const settings = policy.settings ? JSON.parse(policy.settings) as { recovery?: { factors?: Record<string, { status?: string }> } } : {};
  const rule = await ctx.db.selectFrom('policy_rules').select('actions')
    .where('policy_id', '=', policy.id).where('status', '=', 'ACTIVE').orderBy('priority', 'asc').executeTakeFirst();
  const actions = rule ? JSON.parse(rule.actions) as Record<string, { access?: string } | undefined> : {};
  const types = (['sms', 'call'] as const).filter((t) => settings.recovery?.factors?.[RECOVERY_FACTOR[t]]?.status === 'ACTIVE');
  const allowed = (flow: RecoveryFlow) => (actions[RULE_ACTION[flow]]?.access === 'ALLOW' ? [...types] : []);
  return { unlock: allowed('unlock'), reset: allowed('reset') };
}

/** Who is recovering: set only when the username named a user this flow can help. Never shown to the visitor. */
export interface RecoveryTarget {
  userId: string;
  factorId: string;
}

/**
 * Starts a recovery: when the login names a user in a status the flow helps, with an ACTIVE factor of the
 * chosen type that the policy allows, a code is sent. The visitor is told the same thing whatever happened,
 * so the page does not reveal who has an account or a phone.
 */
export async function startPhoneRecovery(
  ctx: AppContext, audit: AuditContext, input: { login: string; flow: RecoveryFlow; factorType: PhoneFactorType; request: RequestInfo },
): Promise<RecoveryTarget | undefined> {
  const options = await phoneRecoveryOptions(ctx);
  if (!options[input.flow].includes(input.factorType)) return undefined;
  const user = await ctx.db.selectFrom('users').selectAll().where('login_lower', '=', input.login.trim().toLowerCase()).executeTakeFirst();
  if (!user || !FLOW_STATUSES[input.flow].includes(user.status)) return undefined;
  const factor = await ctx.db.selectFrom('user_factors').select('id')
    .where('user_id', '=', user.id).where('factor_type', '=', input.factorType).where('status', '=', 'ACTIVE').executeTakeFirst();
  if (!factor) return undefined;
  try {
    await challengeFactor(ctx, { ...audit, actor: userActor(user) }, user.id, factor.id, { purpose: input.flow, request: input.request });
  } catch (err) {
    // A code sent moments ago is still good; a delivery failure shows as a wrong code, and the visitor can start again.
    if (!(err instanceof OktaError)) throw err;
    ctx.log.warn({ userId: user.id, errorCode: err.errorCode }, 'recovery code not sent');
  }
  return { userId: user.id, factorId: factor.id };
}

/** Checks the recovery code. Without a target (unknown user, no phone…) every code is wrong. */
export async function checkRecoveryCode(
  ctx: AppContext, audit: AuditContext, target: RecoveryTarget | undefined, flow: RecoveryFlow, passCode: string,
): Promise<PasscodeCheck> {
  if (!target) return 'INVALID';
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', target.userId).executeTakeFirst();
  if (!user || !FLOW_STATUSES[flow].includes(user.status)) return 'NO_CHALLENGE';
  const { check } = await verifyFactorPasscode(ctx, { ...audit, actor: userActor(user) }, user.id, target.factorId, passCode, flow);
  return check;
}

/** After a right unlock code: the account is ACTIVE again, failed sign-ins forgotten (`user.account.unlock`). */
export async function unlockWithPhone(ctx: AppContext, audit: AuditContext, userId: string): Promise<boolean> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || user.status !== 'LOCKED_OUT') return false;
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ status: 'ACTIVE', failed_logins: 0, status_changed: now, last_updated: now })
      .where('id', '=', user.id).where('status', '=', 'LOCKED_OUT').execute();
    await recordEvent(ctx, trx, { ...audit, actor: userActor(user) }, {
      eventType: 'user.account.unlock', displayMessage: 'Self-service unlock of user account', target: [userTarget(user)],
      debugData: { unlockedWith: 'PHONE' },
    });
  });
  return true;
}

/**
 * After a right reset code: sets the new password (checked against the password policy), and the account is
 * ACTIVE (an expired password or a lockout ends). Returns the policy's messages when the password is refused.
 */
export async function resetPasswordWithPhone(ctx: AppContext, audit: AuditContext, userId: string, password: string): Promise<string[]> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || !FLOW_STATUSES.reset.includes(user.status)) return ['This account cannot reset its password.'];
  const problems = await checkPassword(ctx, ctx.db, password, JSON.parse(user.profile) as Record<string, unknown>);
  if (problems.length > 0) return problems;
  const hash = await hashPassword(password);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({
      password_hash: hash, password_hook: 0, password_changed: now, status: 'ACTIVE', failed_logins: 0, last_updated: now,
      ...(user.status !== 'ACTIVE' ? { status_changed: now } : {}),
    }).where('id', '=', user.id).execute();
    // The old password's sessions end with it.
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await recordEvent(ctx, trx, { ...audit, actor: userActor(user) }, {
      eventType: 'user.account.reset_password', displayMessage: 'Fired when the user\'s Okta password is reset', target: [userTarget(user)],
      debugData: { resetWith: 'PHONE' },
    });
  });
  return [];
}
