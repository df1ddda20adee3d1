/**
 * Phone factors (`sms`, `call`) of a user: enroll, activate with a passcode, challenge and verify, list,
 * get, delete. Used by the Factors API (`/api/v1/users/{id}/factors`) and the hosted pages alike; errors are
 * Okta's (E0000007, E0000001, E0000068, E0000109). Codes go out through the telephony hook or the fallback
 * provider (see telephony/telephony.service.ts). Call these outside any open transaction.
 */
import type { AppContext } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { isUniqueViolation, requireUser, userTarget, type UserRow } from '../identity/users/users.service.js';
import { randomBase62 } from '../platform/ids.js';
import type { TelephonyPurpose } from '../hooks/inline/telephony.inline-hook.js';
import { checkPasscode, invalidPasscode, sendPasscode, type PasscodeCheck, type RequestInfo, type SentChallenge } from './challenges.service.js';
import { factorTarget, PHONE_FACTOR_TYPES, type FactorRow, type PhoneFactorType } from './factor-json.js';
import { normalizeExtension, normalizePhoneNumber } from './phone-number.js';

/** Okta's id prefixes of phone factors. */
const ID_PREFIX: Record<PhoneFactorType, string> = { sms: 'sms', call: 'clf' };

/** Users whose factors cannot change (Okta: "You can't unenroll a factor from a deactivated user"). */
const FROZEN_STATUSES = ['DEPROVISIONED'];

export interface EnrollInput {
  factorType?: string;
  provider?: string;
  profile?: { phoneNumber?: string; phoneExtension?: string | null };
}

export interface EnrollOptions {
  /** Okta's `activate=true`: the factor is ACTIVE at once, no code is sent. */
  activate?: boolean;
  /** Okta's `updatePhone=true`: replace the number of an existing factor of that type that is not active yet. */
  updatePhone?: boolean;
  tokenLifetimeSeconds?: number;
  request: RequestInfo;
}

export function newFactorId(type: PhoneFactorType): string {
  return ID_PREFIX[type] + randomBase62(17);
}

export async function listFactors(ctx: AppContext, userIdOrLogin: string): Promise<FactorRow[]> {
  const user = await requireUser(ctx, ctx.db, userIdOrLogin);
  return ctx.db.selectFrom('user_factors').selectAll().where('user_id', '=', user.id).orderBy('created', 'asc').orderBy('id', 'asc').execute();
}

/** The user's ACTIVE phone factors, SMS first: what sign-in asks for. */
export async function activePhoneFactors(ctx: AppContext, userId: string): Promise<FactorRow[]> {
  const rows = await ctx.db.selectFrom('user_factors').selectAll().where('user_id', '=', userId).where('status', '=', 'ACTIVE').execute();
  return rows.sort((a, b) => PHONE_FACTOR_TYPES.indexOf(a.factor_type as PhoneFactorType) - PHONE_FACTOR_TYPES.indexOf(b.factor_type as PhoneFactorType));
}

export async function getFactor(ctx: AppContext, userIdOrLogin: string, factorId: string): Promise<{ user: UserRow; factor: FactorRow }> {
  const user = await requireUser(ctx, ctx.db, userIdOrLogin);
  const factor = await ctx.db.selectFrom('user_factors').selectAll()
    .where('id', '=', factorId).where('user_id', '=', user.id).executeTakeFirst();
  if (!factor) throw errors.notFound('UserFactor', factorId);
  return { user, factor };
}

function enrollProblems(input: EnrollInput): { causes: string[]; type?: PhoneFactorType; phone?: string; extension?: string | null } {
  const causes: string[] = [];
  const type = PHONE_FACTOR_TYPES.find((t) => t === input.factorType);
  if (input.factorType === undefined) causes.push('factorType: The field cannot be left blank');
  else if (!type) causes.push(`factorType: The factor type '${input.factorType}' is not supported; Tollgate supports sms and call`);
  if (input.provider !== undefined && input.provider !== 'OKTA') causes.push(`provider: The provider must be OKTA for ${input.factorType} factors`);
  const rawPhone = input.profile?.phoneNumber;
  const phone = typeof rawPhone === 'string' ? normalizePhoneNumber(rawPhone) : undefined;
  if (rawPhone === undefined || rawPhone === '') causes.push('profile.phoneNumber: The field cannot be left blank');
  else if (!phone) causes.push('profile.phoneNumber: The phone number is invalid; use the E.164 format, e.g. +15554151337');
  const extension = type === 'call' ? normalizeExtension(input.profile?.phoneExtension) : null;
  if (extension === undefined) causes.push('profile.phoneExtension: The extension must be 1 to 15 digits');
  return { causes, type, phone, extension };
}

/**
 * Okta's enroll: validates, stores the factor (PENDING_ACTIVATION, or ACTIVE with `activate`) and, unless
 * activated at once, sends the enrollment code (`com.okta.user.telephony.pre-enrollment`). A factor of the
 * same type that is not active yet is replaced when the number is the same or `updatePhone` is set; an
 * active one must be deleted first.
 */
export async function enrollPhoneFactor(ctx: AppContext, audit: AuditContext, userIdOrLogin: string, input: EnrollInput, opts: EnrollOptions): Promise<FactorRow> {
  const user = await requireUser(ctx, ctx.db, userIdOrLogin);
  if (FROZEN_STATUSES.includes(user.status)) throw errors.userStatus();
  const { causes, type, phone, extension } = enrollProblems(input);
  if (causes.length > 0 || !type || !phone || extension === undefined) throw errors.validation('factorEnrollRequest', causes);

  const existing = await ctx.db.selectFrom('user_factors').selectAll()
    .where('user_id', '=', user.id).where('factor_type', '=', type).executeTakeFirst();
  if (existing && (existing.status === 'ACTIVE' || (existing.phone_number !== phone && !opts.updatePhone))) {
    const summary = existing.status === 'ACTIVE' ? 'A factor of this type is already set up.' : 'There is an existing phone number for this factor; use updatePhone=true to replace it.';
    throw errors.validation('factorEnrollRequest', [summary]);
  }

  const now = ctx.clock().toISOString();
  const status = opts.activate ? 'ACTIVE' : 'PENDING_ACTIVATION';
  const factor: FactorRow = {
    id: existing?.id ?? newFactorId(type), user_id: user.id, factor_type: type, provider: 'OKTA', status,
    phone_number: phone, phone_extension: extension, created: existing?.created ?? now, last_updated: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (existing) {
        await trx.updateTable('user_factors').set({ status, phone_number: phone, phone_extension: extension, last_updated: now })
          .where('id', '=', existing.id).execute();
      } else {
        await trx.insertInto('user_factors').values(factor).execute();
      }
      await recordEvent(ctx, trx, audit, {
        eventType: opts.activate ? 'user.mfa.factor.activate' : 'user.mfa.factor.update',
        displayMessage: opts.activate ? 'Activate factor or authenticator enrollment method for user' : 'Update factor for user',
        target: [userTarget(user), factorTarget(factor)],
        debugData: { factorType: type, factorStatus: status },
      });
    });
  } catch (err) {
    // Two enrollments of the same type at once: the unique (user, type) index keeps one.
    if (isUniqueViolation(err)) throw errors.validation('factorEnrollRequest', ['A factor of this type is already set up.']);
    throw err;
  }
  if (!opts.activate) {
    await sendPasscode(ctx, audit, { factor, user, purpose: 'enroll', request: opts.request, lifetimeSeconds: opts.tokenLifetimeSeconds });
  }
  return factor;
}

/** Okta's resend of an enrollment code (`/resend`): only for a factor that is not active yet. */
export async function resendEnrollment(
  ctx: AppContext, audit: AuditContext, userIdOrLogin: string, factorId: string, opts: { request: RequestInfo; lifetimeSeconds?: number },
): Promise<FactorRow> {
  const { user, factor } = await getFactor(ctx, userIdOrLogin, factorId);
  if (factor.status !== 'PENDING_ACTIVATION') throw errors.validation('factorId', ['factorId: The factor is already active; there is no enrollment code to resend']);
  await sendPasscode(ctx, audit, { factor, user, purpose: 'enroll', request: opts.request, lifetimeSeconds: opts.lifetimeSeconds });
  return factor;
}

/** Okta's activate with `passCode`: the enrollment code makes the factor ACTIVE. Wrong code: E0000068. */
export async function activateFactor(ctx: AppContext, audit: AuditContext, userIdOrLogin: string, factorId: string, passCode: string | undefined): Promise<FactorRow> {
  const { user, factor } = await getFactor(ctx, userIdOrLogin, factorId);
  if (factor.status === 'ACTIVE') throw errors.validation('factorId', ['factorId: The factor is already active']);
  if (!passCode) throw errors.validation('passCode', ['passCode: The field cannot be left blank']);
  const check = await checkPasscode(ctx, factor.id, 'enroll', passCode);
  if (check !== 'SUCCESS') {
    await recordVerification(ctx, audit, user, factor, check);
    throw invalidPasscode(check);
  }
  const now = ctx.clock().toISOString();
  const active: FactorRow = { ...factor, status: 'ACTIVE', last_updated: now };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('user_factors').set({ status: 'ACTIVE', last_updated: now }).where('id', '=', factor.id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: 'user.mfa.factor.activate', displayMessage: 'Activate factor or authenticator enrollment method for user',
      target: [userTarget(user), factorTarget(active)], debugData: { factorType: factor.factor_type },
    });
  });
  return active;
}

/**
 * Sends a code to an ACTIVE factor for `purpose` (sign-in verification, account unlock, password reset).
 * E0000109 within 30 seconds of the last code.
 */
export async function challengeFactor(
  ctx: AppContext, audit: AuditContext, userIdOrLogin: string, factorId: string,
  opts: { purpose: Exclude<TelephonyPurpose, 'enroll'>; request: RequestInfo; lifetimeSeconds?: number },
): Promise<{ factor: FactorRow; challenge: SentChallenge }> {
  const { user, factor } = await getFactor(ctx, userIdOrLogin, factorId);
  if (factor.status !== 'ACTIVE') throw errors.validation('factorId', ['factorId: The factor is not active; activate it first']);
  if (FROZEN_STATUSES.includes(user.status)) throw errors.userStatus();
  const challenge = await sendPasscode(ctx, audit, { factor, user, purpose: opts.purpose, request: opts.request, lifetimeSeconds: opts.lifetimeSeconds });
  return { factor, challenge };
}

/**
 * Checks a passcode sent to an ACTIVE factor for `purpose`; writes `user.authentication.auth_via_mfa`
 * (SUCCESS or FAILURE). Returns the check's result; the API turns a failure into E0000068.
 */
export async function verifyFactorPasscode(
  ctx: AppContext, audit: AuditContext, userIdOrLogin: string, factorId: string, passCode: string,
  purpose: Exclude<TelephonyPurpose, 'enroll'> = 'verify',
): Promise<{ factor: FactorRow; user: UserRow; check: PasscodeCheck }> {
  const { user, factor } = await getFactor(ctx, userIdOrLogin, factorId);
  if (factor.status !== 'ACTIVE') throw errors.validation('factorId', ['factorId: The factor is not active; activate it first']);
  const check = await checkPasscode(ctx, factor.id, purpose, passCode);
  await recordVerification(ctx, audit, user, factor, check);
  return { factor, user, check };
}

async function recordVerification(ctx: AppContext, audit: AuditContext, user: UserRow, factor: FactorRow, check: PasscodeCheck): Promise<void> {
  await recordEvent(ctx, ctx.db, audit, {
    eventType: 'user.authentication.auth_via_mfa',
    displayMessage: 'Authentication of user via MFA',
    outcome: check === 'SUCCESS' ? 'SUCCESS' : 'FAILURE',
    reason: check === 'SUCCESS' ? null : check === 'INVALID' ? 'INVALID_CREDENTIALS' : check,
    severity: check === 'SUCCESS' ? 'INFO' : 'WARN',
    target: [userTarget(user), factorTarget(factor)],
    debugData: { factorType: factor.factor_type, factorStatus: factor.status },
  });
}

/** Okta's unenroll: the factor and its codes are gone; `user.mfa.factor.deactivate`. */
export async function deleteFactor(ctx: AppContext, audit: AuditContext, userIdOrLogin: string, factorId: string): Promise<void> {
  const { user, factor } = await getFactor(ctx, userIdOrLogin, factorId);
  if (FROZEN_STATUSES.includes(user.status)) throw errors.userStatus();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('factor_challenges').where('factor_id', '=', factor.id).execute();
    await trx.deleteFrom('user_factors').where('id', '=', factor.id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: 'user.mfa.factor.deactivate', displayMessage: 'Reset factor or authenticator enrollment method for user',
      target: [userTarget(user), factorTarget(factor)], debugData: { factorType: factor.factor_type },
    });
  });
}
