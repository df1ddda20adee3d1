import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';
import { hashToken, safeEqual } from './crypto.js';
import { sessionCookieName } from './session-cookie.js';

/** The cookie that carries the visitor's random CSRF seed (`__Host-tg_csrf` on https: see `csrfCookieName`). */
export const CSRF_COOKIE = 'tg_csrf';
/** The hidden form field (or `x-csrf-token` header) that carries the signed token. */
export const CSRF_FIELD = 'csrfToken';

/** Which pages a token is for: a token of the public pages is no good for the console's API calls, and back. */
export type CsrfScope = 'pages' | 'console';

const SEED_PATTERN = /^[A-Za-z0-9_-]{32}$/;

function isHttps(ctx: AppContext): boolean {
  return ctx.config.issuer.startsWith('https:');
}

/** Options for every cookie the hosted pages set: http-only, SameSite=Lax, Secure when served over https. */
export function pageCookieOptions(ctx: AppContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isHttps(ctx) };
}

/** On https the `__Host-` prefix: only this host can set it (not a sibling subdomain), Secure, path /. */
export function csrfCookieName(ctx: AppContext): string {
  return isHttps(ctx) ? `__Host-${CSRF_COOKIE}` : CSRF_COOKIE;
}

/**
 * The token: an HMAC of the scope, the seed and the session the request carries (a hash of its cookie,
 * empty before sign-in). A token taken before sign-in, or from another session, is no good after it.
 */
function tokenFor(ctx: AppContext, request: FastifyRequest, scope: CsrfScope, seed: string): string {
  const session = request.cookies?.[sessionCookieName(ctx.config)];
  return ctx.secrets.sign(`csrf:${scope}:${seed}:${session ? hashToken(session) : ''}`);
}

function newSeed(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  const seed = randomBytes(24).toString('base64url');
  reply.setCookie(csrfCookieName(ctx), seed, pageCookieOptions(ctx));
  request.cookies[csrfCookieName(ctx)] = seed;
  return seed;
}

/**
 * The token to embed in a form (or the console's page). Signed double-submit: the token is an HMAC of a
 * random seed kept in an http-only cookie, so another site can neither read nor forge it; it is bound to the
 * scope and the session too. Sets the cookie when the visitor has none.
 */
export function issueCsrfToken(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, scope: CsrfScope = 'pages'): string {
  let seed = request.cookies[csrfCookieName(ctx)];
  if (!seed || !SEED_PATTERN.test(seed)) seed = newSeed(ctx, request, reply);
  return tokenFor(ctx, request, scope, seed);
}

/**
 * A new seed, at sign-in (with the new session cookie): a seed planted or seen before sign-in is worthless
 * after it. `sessionToken` is the new session cookie's value, which the request does not carry yet.
 */
export function rotateCsrfSeed(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, sessionToken: string): void {
  newSeed(ctx, request, reply);
  request.cookies[sessionCookieName(ctx.config)] = sessionToken;
}

/** True when the request carries a token of `scope` that matches its CSRF cookie and session. */
export function hasValidCsrfToken(ctx: AppContext, request: FastifyRequest, scope: CsrfScope = 'pages'): boolean {
  const seed = request.cookies[csrfCookieName(ctx)];
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const sent = body[CSRF_FIELD] ?? request.headers['x-csrf-token'];
  if (!seed || !SEED_PATTERN.test(seed) || typeof sent !== 'string') return false;
  return safeEqual(sent, tokenFor(ctx, request, scope, seed));
}
