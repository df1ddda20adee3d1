/**
 * What happens between a correct password and the signed-in user's destination, on the hosted pages:
 *
 * 1. Second factor: a user with an ACTIVE `sms` or `call` factor must enter a code. Their new session is
 *    held back: its row waits in status MFA_REQUIRED (so no cookie can use it), and the browser gets only
 *    `tg_mfa`, the session token encrypted and time-limited under the server's key. A correct code makes the
 *    session ACTIVE (amr `pwd` + `sms`/`tel` + `mfa`) and hands out the normal session cookie.
 * 2. Progressive profile: a user lacking a required attribute of the user profile policy (with progressive
 *    profiling ENABLED) is sent to the form that asks for it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { hashToken } from '../../platform/crypto.js';
import { pageCookieOptions } from '../../platform/csrf.js';
import { OktaError } from '../../platform/errors.js';
import type { AuditContext } from '../../events/log-event.js';
import { needsProgressiveProfile } from '../../journeys/progressive-profile.service.js';
import { userActor, type SessionUser } from '../../identity/sessions/sessions.service.js';
import type { UserRow } from '../../identity/users/users.service.js';
import { activePhoneFactors, challengeFactor } from '../../factors/factors.service.js';
import type { RequestInfo } from '../../factors/challenges.service.js';
import type { FactorRow } from '../../factors/factor-json.js';
import { setSessionCookie } from '../../platform/html/page-kit.js';

/** The cookie that carries a sign-in waiting for its second factor. */
export const PENDING_MFA_COOKIE = 'tg_mfa';
/** How long a person has to enter the code after the password. */
export const PENDING_MFA_MS = 10 * 60 * 1000;
export const MFA_REQUIRED = 'MFA_REQUIRED';

export const PROGRESSIVE_PROFILE_PATH = '/signin/profile';
export const VERIFY_PATH = '/signin/verify';

interface PendingState {
  /** The held-back session token. */
  t: string;
  /** Until when (epoch ms). */
  e: number;
}

export interface PendingSecondFactor {
  token: string;
  sessionId: string;
  user: UserRow;
  factors: FactorRow[];
}

export function requestInfo(request: FastifyRequest, url?: string): RequestInfo {
  return { id: String(request.id), method: request.method, url: url ?? request.url.split('?')[0], ipAddress: request.ip ?? null };
}

/** `path` with `fromURI` kept, for the next step of the sign-in. */
export function withFromURI(path: string, fromURI: string | undefined): string {
  return fromURI ? `${path}?fromURI=${encodeURIComponent(fromURI)}` : path;
}

/** Where a fully signed-in user goes next: the progressive profile form when it applies, else `fromURI`. */
export async function nextAfterSignIn(ctx: AppContext, userId: string, fromURI: string | undefined): Promise<string> {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (user && await needsProgressiveProfile(ctx, user)) return withFromURI(PROGRESSIVE_PROFILE_PATH, fromURI);
  return fromURI ?? '/app/me';
}

/**
 * Called right after a correct password, with the session the sign-in started. Without a phone factor the
 * session cookie is set at once; with one the session is held back, a code is sent to the first factor
 * (SMS before voice) and the browser goes to the code page. Returns where to send the browser.
 */
export async function afterPassword(
  ctx: AppContext, request: FastifyRequest, reply: FastifyReply, audit: AuditContext,
  signedIn: { token: string; session: { id: string }; user: SessionUser }, fromURI: string | undefined,
): Promise<string> {
  const factors = await activePhoneFactors(ctx, signedIn.user.id);
  if (factors.length === 0) {
    setSessionCookie(ctx, reply, signedIn.token);
    return nextAfterSignIn(ctx, signedIn.user.id, fromURI);
  }
  await ctx.db.updateTable('sessions').set({ status: MFA_REQUIRED }).where('id', '=', signedIn.session.id).execute();
  const state: PendingState = { t: signedIn.token, e: ctx.clock().getTime() + PENDING_MFA_MS };
  reply.setCookie(PENDING_MFA_COOKIE, ctx.secrets.encrypt(JSON.stringify(state)), { ...pageCookieOptions(ctx), maxAge: PENDING_MFA_MS / 1000 });
  let notice = '';
  try {
    await challengeFactor(ctx, { ...audit, actor: userActor(signedIn.user), sessionId: signedIn.session.id }, signedIn.user.id, factors[0].id, {
      purpose: 'verify', request: requestInfo(request),
    });
  } catch (err) {
    // A code sent moments ago is still good; a delivery failure is shown on the code page, which can resend.
    if (!(err instanceof OktaError)) throw err;
    notice = err.errorCode === 'E0000109' ? 'recent' : 'failed';
  }
  const path = withFromURI(VERIFY_PATH, fromURI);
  return notice ? `${path}${path.includes('?') ? '&' : '?'}sent=${notice}` : path;
}

/** The sign-in waiting for a second factor in this browser, or undefined (none, expired or tampered with). */
export async function pendingSecondFactor(ctx: AppContext, request: FastifyRequest): Promise<PendingSecondFactor | undefined> {
  const sealed = request.cookies[PENDING_MFA_COOKIE];
  if (!sealed || sealed.length > 1024) return undefined;
  let state: PendingState;
  try {
    state = JSON.parse(ctx.secrets.decrypt(sealed)) as PendingState;
  } catch {
    return undefined;
  }
  const now = ctx.clock();
  if (typeof state.t !== 'string' || typeof state.e !== 'number' || state.e <= now.getTime()) return undefined;
  const session = await ctx.db.selectFrom('sessions').select(['id', 'user_id', 'expires_at'])
    .where('token_hash', '=', hashToken(state.t)).where('status', '=', MFA_REQUIRED).executeTakeFirst();
  if (!session || session.expires_at <= now.toISOString()) return undefined;
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!user || !['ACTIVE', 'PASSWORD_EXPIRED'].includes(user.status)) return undefined;
  const factors = await activePhoneFactors(ctx, user.id);
  if (factors.length === 0) return undefined;
  return { token: state.t, sessionId: session.id, user, factors };
}

/** A correct code: the held-back session becomes ACTIVE and its cookie is set. */
export async function completeSecondFactor(ctx: AppContext, reply: FastifyReply, pending: PendingSecondFactor, factor: FactorRow): Promise<boolean> {
  const now = ctx.clock().toISOString();
  const amr = ['pwd', factor.factor_type === 'sms' ? 'sms' : 'tel', 'mfa'];
  const done = await ctx.db.updateTable('sessions').set({ status: 'ACTIVE', amr: JSON.stringify(amr), last_factor_verification: now })
    .where('id', '=', pending.sessionId).where('status', '=', MFA_REQUIRED).executeTakeFirst();
  clearPendingSecondFactor(ctx, reply);
  if (Number(done.numUpdatedRows) !== 1) return false;
  setSessionCookie(ctx, reply, pending.token);
  return true;
}

export function clearPendingSecondFactor(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(PENDING_MFA_COOKIE, pageCookieOptions(ctx));
}
