/**
 * The sign-in step of an authorization request: oidc-provider sends the browser here; Tollgate's hosted
 * sign-in page authenticates (`/signin?fromURI=` brings the browser back), the user must be assigned to
 * the app (Okta's rule), and consent is implied (first-party apps).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionResults } from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import { findSession, sessionCookieName } from '../../identity/sessions/sessions.service.js';
import { messagePage } from '../../platform/html/layout.js';
import { redirect, sendHtml } from '../../platform/html/page-kit.js';
import { findOidcAppByClientId } from '../../apps/oidc.app-kind.js';
import { audienceOf, type ServerRow } from '../management/servers.service.js';
import { ensureGrant } from '../provider/grants.js';
import { providerFor } from '../provider/provider-cache.js';

export const NOT_ASSIGNED = 'User is not assigned to the client application.';

export async function interactionEndpoint(ctx: AppContext, server: ServerRow, uid: string, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const provider = await providerFor(ctx, server);
  let details: Awaited<ReturnType<typeof provider.interactionDetails>>;
  try {
    details = await provider.interactionDetails(request.raw, reply.raw);
  } catch {
    return sendHtml(reply, 400, messagePage('Sign-in link expired', 'This sign-in request has expired or was already used. Go back to the application and sign in again.'));
  }
  if (details.uid !== uid) {
    return sendHtml(reply, 400, messagePage('Sign-in link expired', 'This sign-in request does not belong to this browser. Go back to the application and sign in again.'));
  }
  const found = await findSession(ctx, request.cookies[sessionCookieName(ctx.config)]);
  if (!found) return redirect(reply, `/signin?fromURI=${encodeURIComponent(request.url.split('?')[0])}`, 302);

  const { user, session } = found;
  const clientId = String(details.params.client_id ?? '');
  const app = await findOidcAppByClientId(ctx, ctx.db, clientId);
  const assigned = app && await ctx.db.selectFrom('app_users').select('user_id').where('app_id', '=', app.id).where('user_id', '=', user.id).executeTakeFirst();
  let result: InteractionResults;
  if (!assigned) {
    result = { error: 'access_denied', error_description: NOT_ASSIGNED };
  } else {
    const authTime = Math.floor(Date.parse(session.lastPasswordVerification ?? session.createdAt) / 1000);
    const grantId = await ensureGrant(provider, {
      accountId: user.id, clientId, scope: String(details.params.scope ?? ''), audience: audienceOf(server), grantId: details.grantId,
    });
    result = { login: { accountId: user.id, amr: ['pwd'], ts: authTime }, consent: { grantId } };
  }
  const location = await provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
  return redirect(reply, location, 303);
}
