/**
 * The hosted sign-in of a user whose password has expired (`expire_password`, or created with
 * `nextLogin=changePassword`): after the right password, the session the sign-in started is held back (its
 * row waits in status PASSWORD_EXPIRED, so no cookie can use it) and the browser gets only `tg_pwchange`,
 * the session token encrypted and time-limited under the server's key. `/signin/expired-password` asks for
 * a new password (password policy applied, not the current one); once it is set the session becomes ACTIVE
 * and the sign-in goes on as usual (second factor, progressive profile, `fromURI`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { hashToken } from '../platform/crypto.js';
import { pageCookieOptions } from '../platform/csrf.js';
import { auditOf } from '../identity/auth.js';
import { changeExpiredPassword } from '../identity/users/password-lifecycle.service.js';
import type { UserRow } from '../identity/users/users.service.js';
import { afterPassword } from './factors/sign-in-steps.js';
import { messagePage } from '../platform/html/layout.js';
import { csrfTokenFor, guardFormPost, redirect, sendHtml } from '../platform/html/page-kit.js';
import { formProblems, NewPasswordBody, newPasswordPage } from './reset-password.page.js';

export const EXPIRED_PASSWORD_PATH = '/signin/expired-password';
export const PASSWORD_CHANGE_COOKIE = 'tg_pwchange';
/** The status of a session held back until the expired password is changed. */
const HELD = 'PASSWORD_EXPIRED';
/** How long a person has to choose the new password after signing in. */
const CHANGE_WINDOW_MS = 10 * 60 * 1000;

interface HeldState {
  /** The held-back session token. */
  t: string;
  /** Until when (epoch ms). */
  e: number;
  /** Where the sign-in goes afterwards (already checked to be a path on this site). */
  f?: string;
}

interface HeldSignIn {
  token: string;
  sessionId: string;
  user: UserRow;
  fromURI?: string;
}

/**
 * Called by `/signin` right after a correct password. When the user's password has expired, holds the new
 * session back and returns the change page's path; otherwise returns undefined and changes nothing.
 */
export async function holdForExpiredPassword(
  ctx: AppContext, reply: FastifyReply, signedIn: { token: string; session: { id: string }; user: { id: string } }, fromURI: string | undefined,
): Promise<string | undefined> {
  const user = await ctx.db.selectFrom('users').select('status').where('id', '=', signedIn.user.id).executeTakeFirst();
  if (user?.status !== 'PASSWORD_EXPIRED') return undefined;
  await ctx.db.updateTable('sessions').set({ status: HELD }).where('id', '=', signedIn.session.id).execute();
  const state: HeldState = { t: signedIn.token, e: ctx.clock().getTime() + CHANGE_WINDOW_MS, ...(fromURI ? { f: fromURI } : {}) };
  reply.setCookie(PASSWORD_CHANGE_COOKIE, ctx.secrets.encrypt(JSON.stringify(state)), { ...pageCookieOptions(ctx), maxAge: CHANGE_WINDOW_MS / 1000 });
  return EXPIRED_PASSWORD_PATH;
}

/** The sign-in waiting for a new password in this browser, or undefined (none, expired or tampered with). */
async function heldSignIn(ctx: AppContext, request: FastifyRequest): Promise<HeldSignIn | undefined> {
  const sealed = request.cookies[PASSWORD_CHANGE_COOKIE];
  if (!sealed || sealed.length > 8192) return undefined;
  let state: HeldState;
  try {
    state = JSON.parse(ctx.secrets.decrypt(sealed)) as HeldState;
  } catch {
    return undefined;
  }
  const now = ctx.clock();
  if (typeof state.t !== 'string' || typeof state.e !== 'number' || state.e <= now.getTime()) return undefined;
  const session = await ctx.db.selectFrom('sessions').select(['id', 'user_id', 'expires_at'])
    .where('token_hash', '=', hashToken(state.t)).where('status', '=', HELD).executeTakeFirst();
  if (!session || session.expires_at <= now.toISOString()) return undefined;
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!user || user.status !== 'PASSWORD_EXPIRED') return undefined;
  return { token: state.t, sessionId: session.id, user, fromURI: typeof state.f === 'string' ? state.f : undefined };
}

const SIGN_IN_AGAIN = messagePage('Sign in again', 'Your sign-in has expired. Please sign in again to change your password.', [{ href: '/signin', text: 'Sign in' }]);

/** `GET/POST /signin/expired-password`. */
export async function expiredPasswordPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const form = (csrfToken: string, errors?: string[]) => newPasswordPage({
    title: 'Your password has expired', intro: 'Choose a new password to continue signing in.', action: EXPIRED_PASSWORD_PATH,
    button: 'Change password', csrfToken, errors,
  });

  app.get(EXPIRED_PASSWORD_PATH, async (request, reply) => {
    if (!(await heldSignIn(ctx, request))) return sendHtml(reply, 400, SIGN_IN_AGAIN);
    return sendHtml(reply, 200, form(csrfTokenFor(ctx, request, reply)));
  });

  app.post(EXPIRED_PASSWORD_PATH, { schema: { body: NewPasswordBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: EXPIRED_PASSWORD_PATH, backTo: EXPIRED_PASSWORD_PATH }))) return reply;
    const held = await heldSignIn(ctx, request);
    if (!held) return sendHtml(reply, 400, SIGN_IN_AGAIN);
    const body = request.body as typeof NewPasswordBody.static;
    const again = (errors: string[]) => sendHtml(reply, 400, form(csrfTokenFor(ctx, request, reply), errors));
    const problems = formProblems(body);
    if (problems.length > 0) return again(problems);
    const audit = auditOf(request);
    const outcome = await changeExpiredPassword(ctx, { ...audit, sessionId: held.sessionId }, held.user.id, body.password as string);
    if (!outcome.ok) return outcome.expired ? sendHtml(reply, 400, SIGN_IN_AGAIN) : again(outcome.problems);
    const released = await ctx.db.updateTable('sessions').set({ status: 'ACTIVE' })
      .where('id', '=', held.sessionId).where('status', '=', HELD).executeTakeFirst();
    reply.clearCookie(PASSWORD_CHANGE_COOKIE, pageCookieOptions(ctx));
    if (Number(released.numUpdatedRows) !== 1) return sendHtml(reply, 400, SIGN_IN_AGAIN);
    // Then the second factor and the progressive profile form, as after any correct password.
    return redirect(reply, await afterPassword(ctx, request, reply, audit, { token: held.token, session: { id: held.sessionId }, user: held.user }, held.fromURI));
  });
}
