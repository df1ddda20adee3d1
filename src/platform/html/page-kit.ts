import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { hasValidCsrfToken, issueCsrfToken, pageCookieOptions, rotateCsrfSeed } from '../csrf.js';
import { hitRateLimit, PAGE_RATE_LIMIT, type RateLimitOptions } from '../rate-limit.js';
import { sessionCookieName } from '../session-cookie.js';
import { messagePage } from './layout.js';

/**
 * Helpers shared by the hosted pages: session cookies, CSRF and rate-limit guards, HTML replies. Reading the
 * session a cookie names is identity's (identity/sessions/current-session.ts).
 */

export function sendHtml(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

/** 303 after a POST, so that reloading the next page does not repeat the POST. */
export function redirect(reply: FastifyReply, location: string, status = 303): FastifyReply {
  return reply.status(status).header('location', location).send();
}

/** Signs the browser in: the session cookie, and a new CSRF seed (the one from before sign-in is retired). */
export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(ctx.config), token, pageCookieOptions(ctx));
  rotateCsrfSeed(ctx, reply.request, reply, token);
}

export function clearSessionCookie(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(sessionCookieName(ctx.config), pageCookieOptions(ctx));
}

export function csrfTokenFor(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): string {
  return issueCsrfToken(ctx, request, reply);
}

export const FORM_EXPIRED_MESSAGE =
  'This form has expired or was not sent from this site, so nothing was changed. Go back, reload the page and try again.';

/**
 * Checks a form POST before anything else happens: the CSRF token (else a 403 page) and the per-address
 * rate limit of this route (else a 429 page). Returns false when it has already answered.
 */
export async function guardFormPost(
  ctx: AppContext, request: FastifyRequest, reply: FastifyReply,
  options: { route: string; backTo: string; rateLimit?: RateLimitOptions | false; alsoConsoleToken?: boolean },
): Promise<boolean> {
  const valid = hasValidCsrfToken(ctx, request, 'pages') || (options.alsoConsoleToken === true && hasValidCsrfToken(ctx, request, 'console'));
  if (!valid) {
    sendHtml(reply, 403, messagePage('Form expired', FORM_EXPIRED_MESSAGE, [{ href: options.backTo, text: 'Back to the form' }]));
    return false;
  }
  if (options.rateLimit === false) return true;
  const limit = await hitRateLimit(ctx, `page:${options.route}|${request.ip}`, options.rateLimit ?? PAGE_RATE_LIMIT);
  if (!limit.allowed) {
    const wait = Math.max(1, limit.resetEpochSeconds - Math.floor(ctx.clock().getTime() / 1000));
    reply.header('retry-after', String(wait));
    sendHtml(reply, 429, messagePage('Too many attempts',
      `There have been too many attempts from your network. Please wait ${wait} seconds and try again.`,
      [{ href: options.backTo, text: 'Back to the form' }]));
    return false;
  }
  return true;
}

/** The first value of a form field (a repeated field arrives as an array). */
export function formValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}
