/**
 * The hosted page behind Okta's `resetPasswordUrl` (`POST /api/v1/users/{id}/lifecycle/reset_password`):
 * `/signin/reset-password/<token>` asks for a new password, checks it against the password policy and, with
 * the one-time token, sets it. The token works once and only until it expires; the page says the same
 * thing for an unknown, spent or expired link.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { auditOf } from '../identity/auth.js';
import { completePasswordReset, RESET_PASSWORD_PATH, userForResetToken } from '../identity/users/password-lifecycle.service.js';
import { html, layout, messagePage } from '../platform/html/layout.js';
import { csrfTokenFor, guardFormPost, sendHtml } from '../platform/html/page-kit.js';

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9]+$' }) });
export const NewPasswordBody = Type.Object({
  csrfToken: Type.Optional(Type.String({ maxLength: 256 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  confirmPassword: Type.Optional(Type.String({ maxLength: 1024 })),
});

export const LINK_EXPIRED_MESSAGE = 'This password reset link has expired or has already been used. Ask your administrator for a new one.';

/** The new-password form (also used by the expired-password step of the sign-in). */
/** The new-password form (reset link, expired password, phone recovery): the password twice, the errors above. */
export function newPasswordPage(view: { title: string; heading?: string; intro?: string; action: string; button: string; csrfToken: string; errors?: string[] }): string {
  const invalid = view.errors?.length ? 'true' : 'false';
  return layout({
    title: view.title,
    body: html`<h1>${view.heading ?? view.title}</h1>
${view.errors?.length ? html`<div class="error-summary" role="alert" id="form-error">${view.errors.map((e) => html`<p>${e}</p>`)}</div>` : ''}
${view.intro ? html`<p>${view.intro}</p>` : ''}
<form method="post" action="${view.action}" novalidate>
  <input type="hidden" name="csrfToken" value="${view.csrfToken}">
  <div class="field">
    <label for="f-password">New password</label>
    <input type="password" id="f-password" name="password" autocomplete="new-password" required aria-required="true"
      aria-invalid="${invalid}" ${view.errors?.length ? html`aria-describedby="form-error"` : ''}>
  </div>
  <div class="field">
    <label for="f-confirmPassword">Repeat the new password</label>
    <input type="password" id="f-confirmPassword" name="confirmPassword" autocomplete="new-password" required aria-required="true">
  </div>
  <button type="submit">${view.button}</button>
</form>`,
  });
}

/** The simple checks of a new-password form before the policy's: both fields given and equal. */
export function formProblems(body: typeof NewPasswordBody.static): string[] {
  if (!body.password) return ['Please enter a new password'];
  if (body.password !== body.confirmPassword) return ['The passwords do not match'];
  return [];
}

function linkExpired(reply: FastifyReply): FastifyReply {
  return sendHtml(reply, 404, messagePage('Link expired', LINK_EXPIRED_MESSAGE, [{ href: '/signin', text: 'Back to sign in' }]));
}

/** `GET/POST /signin/reset-password/:token`. */
export async function resetPasswordPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const form = (action: string, csrfToken: string, errors?: string[]) => newPasswordPage({
    title: 'Reset password', intro: 'Choose a new password for your account.', action, button: 'Reset password', csrfToken, errors,
  });

  app.get(`${RESET_PASSWORD_PATH}/:token`, { schema: { params: TokenParams } }, async (request, reply) => {
    const { token } = request.params as typeof TokenParams.static;
    if (!(await userForResetToken(ctx, ctx.db, token))) return linkExpired(reply);
    return sendHtml(reply, 200, form(`${RESET_PASSWORD_PATH}/${token}`, csrfTokenFor(ctx, request, reply)));
  });

  app.post(`${RESET_PASSWORD_PATH}/:token`, { schema: { params: TokenParams, body: NewPasswordBody } }, async (request, reply) => {
    const { token } = request.params as typeof TokenParams.static;
    const action = `${RESET_PASSWORD_PATH}/${token}`;
    if (!(await guardFormPost(ctx, request, reply, { route: RESET_PASSWORD_PATH, backTo: action }))) return reply;
    const body = request.body as typeof NewPasswordBody.static;
    const again = (errors: string[]) => sendHtml(reply, 400, form(action, csrfTokenFor(ctx, request, reply), errors));
    const problems = formProblems(body);
    if (problems.length > 0) {
      if (!(await userForResetToken(ctx, ctx.db, token))) return linkExpired(reply);
      return again(problems);
    }
    const outcome = await completePasswordReset(ctx, auditOf(request), token, body.password as string);
    if (!outcome.ok) return outcome.expired ? linkExpired(reply) : again(outcome.problems);
    return sendHtml(reply, 200, messagePage('Password reset', 'Your password has been reset. You can sign in with it now.', [{ href: '/signin', text: 'Sign in' }]));
  });
}
