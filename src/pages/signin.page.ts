import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { auditOf } from '../identity/auth.js';
import { getProfileEnrollment } from '../identity/policies/policies.service.js';
import { registrationAllowed } from '../journeys/registration.service.js';
import { endSession, sessionCookieName } from '../identity/sessions/sessions.service.js';
import { signInWithPassword } from '../journeys/sign-in.service.js';
import { phoneRecoveryOptions } from '../factors/recovery.service.js';
import { holdForExpiredPassword } from './expired-password.page.js';
import { afterPassword } from './factors/sign-in-steps.js';
import { html, layout } from '../platform/html/layout.js';
import { signInFailures } from '../platform/rate-limit.js';
import { clearSessionCookie, csrfTokenFor, guardFormPost, redirect, sendHtml } from '../platform/html/page-kit.js';
import { currentSession } from '../identity/sessions/current-session.js';
import { safeReturnPath } from '../platform/http/return-path.js';

const SignInBody = Type.Object({
  username: Type.Optional(Type.String({ maxLength: 256 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  csrfToken: Type.Optional(Type.String({ maxLength: 256 })),
  fromURI: Type.Optional(Type.String({ maxLength: 4096 })),
});

const SignInQuery = Type.Object({ fromURI: Type.Optional(Type.String({ maxLength: 4096 })) });

const SignOutBody = Type.Object({ csrfToken: Type.Optional(Type.String({ maxLength: 256 })) });

interface SignInView {
  csrfToken: string;
  username?: string;
  error?: string;
  /** Which field the error concerns, for aria-invalid and focus. */
  errorField?: 'username' | 'password';
  signUp: boolean;
  /** Whether the password policy offers reset / unlock with a phone factor. */
  recovery: { reset: boolean; unlock: boolean };
  fromURI?: string;
}

function signInPage(view: SignInView): string {
  const invalid = (field: string) => (view.errorField === field ? 'true' : 'false');
  return layout({
    title: 'Sign in',
    body: html`<h1>Sign in</h1>
${view.error ? html`<div class="error-summary" role="alert" id="form-error"><p>${view.error}</p></div>` : ''}
<form method="post" action="/signin" novalidate>
  <input type="hidden" name="csrfToken" value="${view.csrfToken}">
  ${view.fromURI ? html`<input type="hidden" name="fromURI" value="${view.fromURI}">` : ''}
  <div class="field">
    <label for="f-username">Username</label>
    <input type="text" id="f-username" name="username" value="${view.username ?? ''}" autocomplete="username"
      autocapitalize="none" spellcheck="false" required aria-required="true" aria-invalid="${invalid('username')}"
      ${view.error ? html`aria-describedby="form-error"` : ''}>
  </div>
  <div class="field">
    <label for="f-password">Password</label>
    <input type="password" id="f-password" name="password" autocomplete="current-password" required aria-required="true"
      aria-invalid="${invalid('password')}">
  </div>
  <button type="submit">Sign in</button>
</form>
${view.recovery.reset || view.recovery.unlock ? html`<p class="links">
  ${view.recovery.reset ? html`<a href="/signin/recover/reset">Forgot password?</a> ` : ''}
  ${view.recovery.unlock ? html`<a href="/signin/recover/unlock">Unlock account?</a>` : ''}
</p>` : ''}
${view.signUp ? html`<p class="links">Don't have an account? <a href="/signup">Sign up</a></p>` : ''}`,
  });
}

async function signUpAllowed(ctx: AppContext): Promise<boolean> {
  return registrationAllowed(await getProfileEnrollment(ctx, ctx.db));
}

async function recoveryLinks(ctx: AppContext): Promise<SignInView['recovery']> {
  const options = await phoneRecoveryOptions(ctx);
  return { reset: options.reset.length > 0, unlock: options.unlock.length > 0 };
}

/** `GET/POST /signin` and `POST /signout`. */
export async function signInPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/signin', { schema: { querystring: SignInQuery } }, async (request, reply) => {
    const fromURI = safeReturnPath((request.query as typeof SignInQuery.static).fromURI, ctx.config.issuer);
    if (await currentSession(ctx, request)) return redirect(reply, fromURI ?? '/app/me', 302);
    return sendHtml(reply, 200, signInPage({
      csrfToken: csrfTokenFor(ctx, request, reply), signUp: await signUpAllowed(ctx), recovery: await recoveryLinks(ctx), fromURI,
    }));
  });

  app.post('/signin', { schema: { body: SignInBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: '/signin', backTo: '/signin' }))) return reply;
    const body = request.body as typeof SignInBody.static;
    const username = (body.username ?? '').trim();
    const password = body.password ?? '';
    const fromURI = safeReturnPath(body.fromURI, ctx.config.issuer);
    const again = async (status: number, error: string, errorField: SignInView['errorField']) => sendHtml(reply, status, signInPage({
      csrfToken: csrfTokenFor(ctx, request, reply), username, error, errorField, signUp: await signUpAllowed(ctx),
      recovery: await recoveryLinks(ctx), fromURI,
    }));
    if (!username) return again(400, 'Please enter a username', 'username');
    if (!password) return again(400, 'Please enter a password', 'password');
    const throttle = await signInFailures.check(ctx, request.ip);
    if (!throttle.allowed) {
      const wait = Math.max(1, throttle.resetEpochSeconds - Math.floor(ctx.clock().getTime() / 1000));
      reply.header('retry-after', String(wait));
      return again(429, `There have been too many failed sign-ins from your network. Please wait ${wait} seconds and try again.`, undefined);
    }
    const audit = auditOf(request);
    const result = await signInWithPassword(ctx, audit, { login: username, password });
    if (!result.ok) await signInFailures.fail(ctx, request.ip);
    if (!result.ok) return again(401, result.message, result.reason === 'INVALID_CREDENTIALS' ? 'password' : undefined);
    // An expired password is changed first (Okta's password-expired page).
    const mustChange = await holdForExpiredPassword(ctx, reply, result, fromURI);
    if (mustChange) return redirect(reply, mustChange);
    // Then the second factor (when the user has a phone factor) and the progressive profile form (when due).
    return redirect(reply, await afterPassword(ctx, request, reply, audit, result, fromURI));
  });

  // The console's Sign out button posts here with the console's token.
  app.post('/signout', { schema: { body: SignOutBody } }, async (request, reply) => {
    if (!(await guardFormPost(ctx, request, reply, { route: '/signout', backTo: '/app/me', rateLimit: false, alsoConsoleToken: true }))) return reply;
    await endSession(ctx, auditOf(request), request.cookies[sessionCookieName(ctx.config)]);
    clearSessionCookie(ctx, reply);
    return redirect(reply, '/signin');
  });
}
