/**
 * Okta Classic Authentication API, primary authentication: `POST /api/v1/authn` with `{username, password}`
 * (public: no API token), and `GET /login/sessionCookieRedirect` that turns the answer's one-time
 * `sessionToken` into the session cookie. Users whose password is left to the password import hook are
 * verified through it, exactly as on the hosted sign-in page.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../platform/context.js';
import { errors, OktaError } from '../platform/errors.js';
import { hitRateLimit, rateLimitHeaders, signInFailures, type RateLimitOptions } from '../platform/rate-limit.js';
import { auditOf } from '../identity/auth.js';
import { LOCKED_OUT_MESSAGE, signInWithPassword } from '../journeys/sign-in.service.js';
import { safeReturnPath } from '../platform/http/return-path.js';
import { redirect, setSessionCookie } from '../platform/html/page-kit.js';
import { authnSuccess, lockedOut, passwordExpired } from './authn-response.js';
import { redeemSessionToken } from './session-tokens.js';

/** Per client address; the lockout policy guards each user on top of it. */
const AUTHN_RATE_LIMIT: RateLimitOptions = { limit: 100, windowSeconds: 60 };

const AuthnBody = Type.Object({
  username: Type.Optional(Type.String({ maxLength: 256 })),
  password: Type.Optional(Type.String({ maxLength: 1024 })),
  relayState: Type.Optional(Type.Union([Type.String({ maxLength: 2048 }), Type.Null()])),
  options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  context: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

const RedirectQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 256 })),
  redirectUrl: Type.Optional(Type.String({ maxLength: 4096 })),
});

async function enforceRateLimit(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const result = await hitRateLimit(ctx, `api:/api/v1/authn|${request.ip}`, AUTHN_RATE_LIMIT);
  const headers = rateLimitHeaders(result);
  reply.headers(headers);
  if (!result.allowed) throw new OktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], headers);
}

export async function authnRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/api/v1/authn', { schema: { body: AuthnBody } }, async (request, reply) => {
    await enforceRateLimit(ctx, request, reply);
    const { username = '', password = '', relayState = null } = request.body;
    const causes = [
      ...(username.trim() ? [] : ['username: The field cannot be left blank']),
      ...(password ? [] : ['password: The field cannot be left blank']),
    ];
    if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);

    const throttle = await signInFailures.check(ctx, request.ip);
    if (!throttle.allowed) throw new OktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], rateLimitHeaders(throttle));
    const result = await signInWithPassword(ctx, auditOf(request), { login: username, password, request: { method: 'POST', url: '/api/v1/authn' } });
    if (!result.ok) {
      await signInFailures.fail(ctx, request.ip);
      // Okta tells a locked-out user so only when the password policy shows lockout failures.
      if (result.reason === 'LOCKED_OUT' && result.message === LOCKED_OUT_MESSAGE) return lockedOut(relayState);
      throw errors.authenticationFailed();
    }
    const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', result.user.id).executeTakeFirstOrThrow();
    if (user.status === 'PASSWORD_EXPIRED') return passwordExpired(ctx, result.session.id, user, relayState);
    return authnSuccess(ctx, result.session.id, user, relayState);
  });

  app.get('/login/sessionCookieRedirect', { schema: { querystring: RedirectQuery } }, async (request, reply) => {
    const target = safeReturnPath(request.query.redirectUrl, ctx.config.issuer) ?? '/app/me';
    const redeemed = await redeemSessionToken(ctx, request.query.token ?? '');
    if (!redeemed) return redirect(reply, `/signin?fromURI=${encodeURIComponent(target)}`, 302);
    setSessionCookie(ctx, reply, redeemed.cookieToken);
    return redirect(reply, target, 302);
  });
}
