import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { sessionCookieName } from '../../platform/session-cookie.js';
import { findSession } from './sessions.service.js';

/** The live session the request's session cookie names, if any (hosted pages, SAML SSO, the console). */
export async function currentSession(ctx: AppContext, request: FastifyRequest) {
  return findSession(ctx, request.cookies[sessionCookieName(ctx.config)]);
}
