import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from './context.js';
import { safeEqual } from './crypto.js';

/** The cookie that carries the visitor's random CSRF seed. */
export const CSRF_COOKIE = 'tg_csrf';
/** The hidden form field (or `x-csrf-token` header) that carries the signed token. */
export const CSRF_FIELD = 'csrfToken';

const SEED_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** Options for every cookie the hosted pages set: http-only, SameSite=Lax, Secure when served over https. */
export function pageCookieOptions(ctx: AppContext) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.config.issuer.startsWith('https:') };
}

function tokenFor(ctx: AppContext, seed: string): string {
  return ctx.secrets.sign(`csrf:${seed}`);
}

/**
 * The token to embed in a form. Signed double-submit: the token is an HMAC of a random seed kept in an
 * http-only cookie, so another site can neither read nor forge it. Sets the cookie when the visitor has none.
 */
export function issueCsrfToken(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  let seed = request.cookies[CSRF_COOKIE];
  if (!seed || !SEED_PATTERN.test(seed)) {
    seed = randomBytes(24).toString('base64url');
    reply.setCookie(CSRF_COOKIE, seed, pageCookieOptions(ctx));
    request.cookies[CSRF_COOKIE] = seed;
  }
  return tokenFor(ctx, seed);
}

/** True when the request carries a token that matches its CSRF cookie. */
export function hasValidCsrfToken(ctx: AppContext, request: FastifyRequest): boolean {
  const seed = request.cookies[CSRF_COOKIE];
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  const sent = body[CSRF_FIELD] ?? request.headers['x-csrf-token'];
  if (!seed || !SEED_PATTERN.test(seed) || typeof sent !== 'string') return false;
  return safeEqual(sent, tokenFor(ctx, seed));
}
