/**
 * One-time passcodes for phone factors: six random digits, valid five minutes, at most five wrong tries,
 * stored only as an HMAC under the server's secret key (a six-digit code hashed without a key could be
 * found from a leaked database by trying all million codes).
 */
import { randomInt } from 'node:crypto';
import type { AppContext } from '../platform/context.js';
import { safeEqual } from '../platform/crypto.js';

export const OTP_DIGITS = 6;
/** Okta's default `tokenLifetimeSeconds` for SMS and voice codes. */
export const OTP_LIFETIME_SECONDS = 300;
/** Wrong passcodes allowed for one code; the code is then void and a new one must be sent. */
export const OTP_MAX_ATTEMPTS = 5;
/** Okta: one SMS or call challenge per phone every 30 seconds. */
export const OTP_RESEND_INTERVAL_MS = 30_000;

export function generateOtp(): string {
  return String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
}

/** The stored form of a passcode, bound to its challenge so a hash cannot be moved to another one. */
export function hashOtp(ctx: AppContext, challengeId: string, code: string): string {
  return ctx.secrets.sign(`otp:${challengeId}:${code}`);
}

export function otpMatches(ctx: AppContext, challengeId: string, code: string, storedHash: string): boolean {
  return safeEqual(hashOtp(ctx, challengeId, code.trim()), storedHash);
}
