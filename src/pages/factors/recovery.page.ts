/**
 * Self-service account unlock and password reset with a code sent to the user's phone:
 * `/signin/recover/unlock` and `/signin/recover/reset` (username and channel) → `/signin/recover/verify`
 * (the code) → unlocked, or `/signin/recover/password` (the new password). The recovery in progress lives in
 * `tg_recovery`, encrypted and time-limited under the server's key; the pages say the same thing whether or
 * not the username has an account or a phone.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { pageCookieOptions } from '../../platform/csrf.js';
import { auditOf } from '../../identity/auth.js';
import { PASSCODE_MESSAGES } from '../../factors/challenges.service.js';
import type { PhoneFactorType } from '../../factors/factor-json.js';
import {
  checkRecoveryCode, phoneRecoveryOptions, resetPasswordWithPhone, startPhoneRecovery, unlockWithPhone, type RecoveryFlow,
} from '../../factors/recovery.service.js';
import { html, layout, messagePage } from '../../platform/html/layout.js';
import { csrfTokenFor, guardFormPost, redirect, sendHtml } from '../../platform/html/page-kit.js';
import { codeForm, formError, statusLine } from './code-form.js';
import { requestInfo } from './sign-in-steps.js';
import { newPasswordPage } from '../reset-password.page.js';

export const RECOVERY_COOKIE = 'tg_recovery';
const RECOVERY_MS = 10 * 60 * 1000;
const BASE = '/signin/recover';

const TITLES: Record<RecoveryFlow, string> = { unlock: 'Unlock account', reset: 'Reset password' };
const CHANNELS: Record<PhoneFactorType, string> = { sms: 'Text message (SMS)', call: 'Voice call' };

const FlowParams = Type.Object({ flow: Type.Union([Type.Literal('unlock'), Type.Literal('reset')]) });
const StartBody = Type.Object({
  csrfToken: Type.Optional(Type.String({ maxLength: 256 })),
  username: Type.Optional(Type.String({ maxLength: 256 })),
  factorType: Type.Optional(Type.String({ maxLength: 16 })),
});
const CodeBody = Type.Object({ csrfToken: Type.Optional(Type.String({ maxLength: 256 })), passCode: Type.Optional(Type.String({ maxLength: 64 })) });
const PasswordBody = Type.Object({
  csrfToken: Type.Optional(Type.String({ maxLength: 256 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  confirmPassword: Type.Optional(Type.String({ maxLength: 1024 })),
});

interface RecoveryState {
  flow: RecoveryFlow;
  /** The user and factor, only when a code was really sent. */
  userId?: string;
  factorId?: string;
  /** The reset code was right: the new password may be set. */
  verified?: boolean;
  expires: number;
}

function readState(ctx: AppContext, request: FastifyRequest): RecoveryState | undefined {
  const sealed = request.cookies[RECOVERY_COOKIE];
  if (!sealed || sealed.length > 1024) return undefined;
  try {
    const state = JSON.parse(ctx.secrets.decrypt(sealed)) as RecoveryState;
    return state.expires > ctx.clock().getTime() && (state.flow === 'unlock' || state.flow === 'reset') ? state : undefined;
  } catch {
    return undefined;
  }
}

function writeState(ctx: AppContext, reply: FastifyReply, state: RecoveryState): void {
  reply.setCookie(RECOVERY_COOKIE, ctx.secrets.encrypt(JSON.stringify(state)), { ...pageCookieOptions(ctx), maxAge: RECOVERY_MS / 1000 });
}

function clearState(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(RECOVERY_COOKIE, pageCookieOptions(ctx));
}

function startPage(flow: RecoveryFlow, view: { csrfToken: string; channels: PhoneFactorType[]; username?: string; error?: string }): string {
  return layout({
    title: TITLES[flow],
    body: html`<h1>${TITLES[flow]}</h1>
${formError(view.error)}
<p>We will send a code to the phone set up for your account.</p>
<form method="post" action="${BASE}/${flow}" novalidate>
  <input type="hidden" name="csrfToken" value="${view.csrfToken}">
  <div class="field">
    <label for="f-username">Username</label>
    <input type="text" id="f-username" name="username" value="${view.username ?? ''}" autocomplete="username" autocapitalize="none"
      spellcheck="false" required aria-required="true" aria-invalid="${view.error ? 'true' : 'false'}">
  </div>
  <fieldset class="field"><legend>Send the code by</legend>
    ${view.channels.map((c, i) => html`<div><input type="radio" id="f-channel-${c}" name="factorType" value="${c}" ${i === 0 ? 'checked' : ''}>
      <label for="f-channel-${c}" style="display:inline">${CHANNELS[c]}</label></div>`)}
  </fieldset>
  <button type="submit">Send code</button>
</form>
<p class="links"><a href="/signin">Back to sign in</a></p>`,
  });
}

function codePage(flow: RecoveryFlow, view: { csrfToken: string; error?: string }): string {
  return layout({
    title: TITLES[flow],
    body: html`<h1>${TITLES[flow]}</h1>
${formError(view.error)}
${statusLine('If the username has a phone set up for this, we sent it a code. It is valid for 5 minutes.')}
${codeForm(`${BASE}/verify`, html`<input type="hidden" name="csrfToken" value="${view.csrfToken}">`, view.error)}
<p class="links"><a href="${BASE}/${flow}">Start again</a> <a href="/signin">Back to sign in</a></p>`,
  });
}

function passwordPage(view: { csrfToken: string; errors?: string[] }): string {
  return newPasswordPage({ title: TITLES.reset, heading: 'Choose a new password', action: `${BASE}/password`, button: 'Reset password', ...view });
}

const EXPIRED = messagePage('Start again', 'This recovery has expired. Please start again.', [{ href: '/signin', text: 'Back to sign in' }]);

export async function recoveryPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const notOffered = (flow: RecoveryFlow) => messagePage(`${TITLES[flow]} is not available`,
    'Your organization does not offer this with a phone. Please contact your administrator.', [{ href: '/signin', text: 'Back to sign in' }]);

  app.get(`${BASE}/:flow`, { schema: { params: FlowParams } }, async (request, reply) => {
    const { flow } = request.params as typeof FlowParams.static;
    const channels = (await phoneRecoveryOptions(ctx))[flow];
    if (channels.length === 0) return sendHtml(reply, 404, notOffered(flow));
    return sendHtml(reply, 200, startPage(flow, { csrfToken: csrfTokenFor(ctx, request, reply), channels }));
  });

  app.post(`${BASE}/:flow`, { schema: { params: FlowParams, body: StartBody } }, async (request, reply) => {
    const { flow } = request.params as typeof FlowParams.static;
    if (!(await guardFormPost(ctx, request, reply, { route: BASE, backTo: `${BASE}/${flow}` }))) return reply;
    const channels = (await phoneRecoveryOptions(ctx))[flow];
    if (channels.length === 0) return sendHtml(reply, 404, notOffered(flow));
    const body = request.body as typeof StartBody.static;
    const username = (body.username ?? '').trim();
    if (!username) return sendHtml(reply, 400, startPage(flow, { csrfToken: csrfTokenFor(ctx, request, reply), channels, error: 'Please enter a username' }));
    const factorType = channels.find((c) => c === body.factorType) ?? channels[0];
    const target = await startPhoneRecovery(ctx, auditOf(request), { login: username, flow, factorType, request: requestInfo(request) });
    writeState(ctx, reply, { flow, userId: target?.userId, factorId: target?.factorId, expires: ctx.clock().getTime() + RECOVERY_MS });
    return redirect(reply, `${BASE}/verify`);
  });

  app.get(`${BASE}/verify`, async (request, reply) => {
    const state = readState(ctx, request);
    if (!state) return sendHtml(reply, 400, EXPIRED);
    return sendHtml(reply, 200, codePage(state.flow, { csrfToken: csrfTokenFor(ctx, request, reply) }));
  });

  app.post(`${BASE}/verify`, { schema: { body: CodeBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: `${BASE}/verify`, backTo: '/signin' }))) return reply;
    const state = readState(ctx, request);
    if (!state) return sendHtml(reply, 400, EXPIRED);
    const passCode = ((request.body as typeof CodeBody.static).passCode ?? '').trim();
    const again = (status: number, error: string) => sendHtml(reply, status, codePage(state.flow, { csrfToken: csrfTokenFor(ctx, request, reply), error }));
    if (!passCode) return again(400, 'Please enter the code');
    const target = state.userId && state.factorId ? { userId: state.userId, factorId: state.factorId } : undefined;
    const audit = auditOf(request);
    const check = await checkRecoveryCode(ctx, audit, target, state.flow, passCode);
    if (check !== 'SUCCESS' || !target) return again(401, PASSCODE_MESSAGES[check === 'SUCCESS' ? 'INVALID' : check]);
    if (state.flow === 'unlock') {
      clearState(ctx, reply);
      await unlockWithPhone(ctx, audit, target.userId);
      return sendHtml(reply, 200, messagePage('Account unlocked', 'Your account is unlocked. You can sign in now.', [{ href: '/signin', text: 'Sign in' }]));
    }
    writeState(ctx, reply, { ...state, verified: true });
    return redirect(reply, `${BASE}/password`);
  });

  app.get(`${BASE}/password`, async (request, reply) => {
    const state = readState(ctx, request);
    if (!state?.verified || !state.userId) return sendHtml(reply, 400, EXPIRED);
    return sendHtml(reply, 200, passwordPage({ csrfToken: csrfTokenFor(ctx, request, reply) }));
  });

  app.post(`${BASE}/password`, { schema: { body: PasswordBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: `${BASE}/password`, backTo: '/signin' }))) return reply;
    const state = readState(ctx, request);
    if (!state?.verified || !state.userId || state.flow !== 'reset') return sendHtml(reply, 400, EXPIRED);
    const body = request.body as typeof PasswordBody.static;
    const again = (errors: string[]) => sendHtml(reply, 400, passwordPage({ csrfToken: csrfTokenFor(ctx, request, reply), errors }));
    if (!body.password) return again(['Please enter a new password']);
    if (body.password !== body.confirmPassword) return again(['The passwords do not match']);
    const problems = await resetPasswordWithPhone(ctx, auditOf(request), state.userId, body.password);
    if (problems.length > 0) return again(problems);
    clearState(ctx, reply);
    return sendHtml(reply, 200, messagePage('Password reset', 'Your password has been reset. You can sign in with it now.', [{ href: '/signin', text: 'Sign in' }]));
  });
}
