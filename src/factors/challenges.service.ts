/**
 * Passcode challenges of phone factors: send a new code (at most one per factor every 30 seconds; it voids
 * the factor's earlier codes), and check a code (it must be the latest one sent for that purpose, not
 * expired, not used, with fewer than five wrong tries; a right code is good once).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import { OktaError } from '../platform/errors.js';
import type { AuditContext } from '../events/log-event.js';
import type { UserRow } from '../identity/users/users.service.js';
import type { TelephonyMessage, TelephonyPurpose } from '../hooks/inline/telephony.inline-hook.js';
import type { FactorRow } from './factor-json.js';
import { generateOtp, hashOtp, OTP_LIFETIME_SECONDS, OTP_MAX_ATTEMPTS, OTP_RESEND_INTERVAL_MS, otpMatches } from './otp.js';
import { deliverOtp, type OtpDelivery } from './telephony/telephony.service.js';

/** Where the request that sends a code came from (the hook's `data.context.request`). */
export interface RequestInfo {
  id: string;
  method: string;
  url: string;
  ipAddress: string | null;
}

export interface SentChallenge {
  challengeId: string;
  expiresAt: string;
  delivery: OtpDelivery;
}

export type PasscodeCheck = 'SUCCESS' | 'INVALID' | 'EXPIRED' | 'NO_CHALLENGE' | 'TOO_MANY_ATTEMPTS';

/** What each failed check tells the person (the API puts it in E0000068's cause). */
export const PASSCODE_MESSAGES: Record<Exclude<PasscodeCheck, 'SUCCESS'>, string> = {
  INVALID: "Your passcode doesn't match our records. Please try again.",
  EXPIRED: 'Your passcode has expired. Please request a new one.',
  NO_CHALLENGE: 'No passcode is waiting for this factor (it was used, or none was sent). Please request a new one.',
  TOO_MANY_ATTEMPTS: 'Too many wrong passcodes. Please request a new one.',
};

/** Okta's E0000109 (429): a code went to this phone less than 30 seconds ago. */
export function recentlySent(factorType: string, retryAfterSeconds: number): OktaError {
  const summary = factorType === 'call'
    ? 'A voice call was recently made. Please wait 30 seconds before trying again.'
    : 'An SMS message was recently sent. Please wait 30 seconds before trying again.';
  return new OktaError(429, 'E0000109', summary, [{ errorSummary: summary }], { 'retry-after': String(retryAfterSeconds) });
}

/** The code could not be delivered by the hook nor by the fallback provider. */
export function notDelivered(reason: string): OktaError {
  return new OktaError(500, 'E0000009', 'Internal Server Error', [{ errorSummary: `The passcode could not be delivered: ${reason}` }]);
}

/** Okta's locale form (`EN-US`) of a profile locale such as `en_US`. */
export function telephonyLocale(profileLocale: unknown): string {
  if (typeof profileLocale !== 'string' || !/^[a-z]{2}([_-][a-z]{2})?$/i.test(profileLocale)) return 'EN-US';
  return profileLocale.replace('_', '-').toUpperCase();
}

/**
 * Sends a new code for `purpose` to the factor's phone, through the telephony hook or the fallback provider.
 * Throws E0000109 when one was sent less than 30 seconds ago, and E0000009 when no provider delivered it
 * (the code is then void). Call it outside any open transaction.
 */
export async function sendPasscode(
  ctx: AppContext, audit: AuditContext,
  input: { factor: FactorRow; user: UserRow; purpose: TelephonyPurpose; request: RequestInfo; lifetimeSeconds?: number },
): Promise<SentChallenge> {
  const { factor, user } = input;
  const now = ctx.clock();
  const last = await ctx.db.selectFrom('factor_challenges').select('created')
    .where('factor_id', '=', factor.id).orderBy('created', 'desc').executeTakeFirst();
  const since = last ? now.getTime() - Date.parse(last.created) : Infinity;
  if (since < OTP_RESEND_INTERVAL_MS) throw recentlySent(factor.factor_type, Math.ceil((OTP_RESEND_INTERVAL_MS - since) / 1000));

  const code = generateOtp();
  const challengeId = randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + (input.lifetimeSeconds ?? OTP_LIFETIME_SECONDS) * 1000).toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    // A new code voids the older ones: only the latest code sent can be used.
    await trx.updateTable('factor_challenges').set({ status: 'FAILED' })
      .where('factor_id', '=', factor.id).where('status', '=', 'PENDING').execute();
    await trx.insertInto('factor_challenges').values({
      id: challengeId, factor_id: factor.id, user_id: user.id, purpose: input.purpose, code_hash: hashOtp(ctx, challengeId, code),
      expires_at: expiresAt, attempts: 0, status: 'PENDING', delivery: '{}', created: now.toISOString(),
    }).execute();
  });

  const profile = JSON.parse(user.profile) as Record<string, unknown>;
  const message: TelephonyMessage = {
    purpose: input.purpose,
    user: { id: user.id, login: user.login, firstName: user.first_name, lastName: user.last_name },
    messageProfile: {
      msgTemplate: `Your verification code is ${code}`,
      phoneNumber: factor.phone_number,
      otpExpires: expiresAt,
      deliveryChannel: factor.factor_type === 'sms' ? 'SMS' : 'voice call',
      otpCode: code,
      locale: telephonyLocale(profile.locale),
    },
    request: input.request,
  };
  const delivery = await deliverOtp(ctx, audit, message);
  await ctx.db.updateTable('factor_challenges')
    .set({ delivery: JSON.stringify(delivery), ...(delivery.delivered ? {} : { status: 'FAILED' }) })
    .where('id', '=', challengeId).execute();
  if (!delivery.delivered) throw notDelivered(delivery.failure ?? 'no provider accepted it');
  return { challengeId, expiresAt, delivery };
}

/**
 * Checks a passcode against the factor's latest code for `purpose`. A right code is consumed (good once);
 * a wrong one counts, and the fifth wrong one voids the code.
 */
export async function checkPasscode(ctx: AppContext, factorId: string, purpose: TelephonyPurpose, passCode: string): Promise<PasscodeCheck> {
  const challenge = await ctx.db.selectFrom('factor_challenges').selectAll()
    .where('factor_id', '=', factorId).where('purpose', '=', purpose).where('status', '=', 'PENDING')
    .orderBy('created', 'desc').executeTakeFirst();
  if (!challenge) return 'NO_CHALLENGE';
  if (challenge.expires_at <= ctx.clock().toISOString()) {
    await ctx.db.updateTable('factor_challenges').set({ status: 'FAILED' }).where('id', '=', challenge.id).execute();
    return 'EXPIRED';
  }
  if (otpMatches(ctx, challenge.id, passCode, challenge.code_hash)) {
    // Conditional on PENDING: two requests with the same right code cannot both succeed.
    const used = await ctx.db.updateTable('factor_challenges').set({ status: 'USED' })
      .where('id', '=', challenge.id).where('status', '=', 'PENDING').executeTakeFirst();
    return Number(used.numUpdatedRows) === 1 ? 'SUCCESS' : 'NO_CHALLENGE';
  }
  const row = await ctx.db.updateTable('factor_challenges')
    .set({ attempts: sql<number>`${sql.ref('attempts')} + 1` })
    .where('id', '=', challenge.id).where('status', '=', 'PENDING')
    .returning(['attempts']).executeTakeFirst();
  if (!row) return 'NO_CHALLENGE';
  if (Number(row.attempts) >= OTP_MAX_ATTEMPTS) {
    await ctx.db.updateTable('factor_challenges').set({ status: 'FAILED' }).where('id', '=', challenge.id).execute();
    return 'TOO_MANY_ATTEMPTS';
  }
  return 'INVALID';
}

/** Okta's E0000068 (403) for a passcode that is not accepted. */
export function invalidPasscode(check: Exclude<PasscodeCheck, 'SUCCESS'>): OktaError {
  return new OktaError(403, 'E0000068', 'Invalid Passcode/Answer', [{ errorSummary: PASSCODE_MESSAGES[check] }]);
}
