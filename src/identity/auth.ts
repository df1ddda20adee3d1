import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { hasValidCsrfToken } from '../platform/csrf.js';
import { tokenFailures } from '../platform/rate-limit.js';
import { errors, OktaError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { principalForToken, type Principal } from './api-tokens/api-tokens.service.js';
import { findSession, sessionCookieName } from './sessions/sessions.service.js';
import { clientOf, SYSTEM_ACTOR, type AuditContext, type LogActor } from '../events/log-event.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** `actor`: how the System Log names a principal that is not a user (the Okta Workflows connection). */
    principal?: Principal & { actor?: LogActor };
  }
}

/** The hooks `requireApiToken` made, and the routes of scopes that require it: what the OpenAPI document marks. */
const apiTokenHooks = new WeakSet<object>();
const apiTokenRoutes = new WeakSet<object>();

/** Whether a route (its options, as an onRoute hook saw them) needs the API token. */
export function routeNeedsApiToken(route: Pick<RouteOptions, 'onRequest'>): boolean {
  if (apiTokenRoutes.has(route)) return true;
  const hooks = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
  return hooks.some((hook) => apiTokenHooks.has(hook));
}

/** Requires the API token on every route of `scope` (and every 404 in it), and remembers those routes. */
export function requireApiTokenIn(scope: FastifyInstance, ctx: AppContext): void {
  scope.addHook('onRequest', requireApiToken(ctx));
  scope.addHook('onRoute', (route) => { apiTokenRoutes.add(route); });
}

/**
 * A caller of this process's own routes with a credential only the process knows (the Workflows Okta
 * connector): its principal when the Authorization header is its credential. The composition root hands
 * them in on the context, so identity imports nothing of the rooms that make them.
 */
export type InternalCaller = (authorization: string | undefined) => (Principal & { actor?: LogActor }) | undefined;

declare module '../platform/context.js' {
  interface AppContext {
    /** Checked before API tokens (see InternalCaller). */
    readonly internalCallers: readonly InternalCaller[];
  }
}

/**
 * onRequest hook for the management API: `Authorization: SSWS <token>`, else Okta's 401 (E0000011).
 * A request without an Authorization header may instead carry an admin's session cookie (the console):
 * see `principalForConsoleSession`.
 */
export function requireApiToken(ctx: AppContext) {
  const hook = async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization;
    for (const caller of ctx.internalCallers) {
      const principal = caller(header);
      if (principal) {
        request.principal = principal;
        return;
      }
    }
    if (header === undefined && request.cookies?.[sessionCookieName(ctx.config)]) {
      request.principal = await principalForConsoleSession(ctx, request);
      return;
    }
    // Wrong tokens are throttled per client address, checked before the token is looked at.
    const address = `ssws|${request.ip}`;
    const throttle = tokenFailures(ctx).check(address, ctx.clock().getTime());
    if (!throttle.allowed) throw errors.rateLimited(throttle.resetEpochSeconds);
    const match = /^SSWS\s+(\S+)\s*$/i.exec(header ?? '');
    const principal = match ? await principalForToken(ctx, match[1]) : undefined;
    if (!principal) {
      tokenFailures(ctx).fail(address, ctx.clock().getTime());
      throw errors.invalidToken();
    }
    request.principal = principal;
  };
  apiTokenHooks.add(hook);
  return hook;
}

/** Methods that change nothing, so that a session cookie alone may make them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The admin console's credentials: the hosted pages' session cookie of an ACTIVE admin. Every other method
 * also needs the `x-csrf-token` header (the console reads it from its page), so another site cannot make a
 * signed-in admin's browser change anything. No live session → 401 E0000011; not an admin or no valid CSRF
 * token → 403 E0000006.
 */
export async function principalForConsoleSession(ctx: AppContext, request: FastifyRequest): Promise<Principal> {
  const found = await findSession(ctx, request.cookies[sessionCookieName(ctx.config)]);
  if (!found) throw errors.invalidToken();
  const { user } = found;
  if (!user.admin || user.status !== 'ACTIVE') throw errors.forbidden();
  if (!SAFE_METHODS.has(request.method) && !hasValidCsrfToken(ctx, request, 'console')) {
    throw new OktaError(403, 'E0000006', 'You do not have permission to perform the requested action',
      [{ errorSummary: 'x-csrf-token: A valid CSRF token is required with a session cookie' }]);
  }
  return {
    userId: user.id,
    login: user.login,
    displayName: [user.first_name, user.last_name].filter(Boolean).join(' ') || user.login,
    via: 'session',
  };
}

/** Who is acting in this request, for the System Log. */
export function auditOf(request: FastifyRequest): AuditContext {
  const p = request.principal;
  const actor = p?.actor ?? (p ? { id: p.userId, type: 'User', alternateId: p.login, displayName: p.displayName } : SYSTEM_ACTOR);
  return {
    actor,
    client: clientOf(request.ip ?? null, (request.headers['user-agent'] as string | undefined) ?? null),
    transactionId: String(request.id ?? newId('request')),
  };
}
