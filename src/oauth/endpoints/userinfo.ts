/** `/v1/userinfo` for the server's JWT access tokens: the user's claims for the token's scopes. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { SIGNABLE_STATUSES } from '../../identity/sessions/sessions.service.js';
import { listClaimRows } from '../management/claims.service.js';
import type { ServerRow } from '../management/servers.service.js';
import { customClaimValues, STANDARD_CLAIMS, standardClaims } from '../token-claims.js';
import { verifyAccessToken } from './access-tokens.js';
import { readForm } from './form-body.js';

/** Okta's userinfo carries no token-only claims. */
const TOKEN_ONLY = new Set(['ver', 'idp', 'jti', 'amr']);

function bearerError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.status(status).header('www-authenticate', `Bearer error="${error}", error_description="${description}"`)
    .header('cache-control', 'no-store').send({ error, error_description: description });
}

export async function userinfoEndpoint(ctx: AppContext, server: ServerRow, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  let token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (!token && request.method === 'POST') {
    const form = await readForm(request.raw);
    if (!('error' in form)) token = form.access_token;
  }
  if (!token) return bearerError(reply, 401, 'invalid_request', 'No access token was provided');
  const payload = await verifyAccessToken(ctx, server, token);
  if (!payload || typeof payload.uid !== 'string') return bearerError(reply, 401, 'invalid_token', 'The access token is invalid');
  const scopes = new Set(Array.isArray(payload.scp) ? payload.scp.map(String) : []);
  if (!scopes.has('openid')) return bearerError(reply, 403, 'insufficient_scope', 'The access token must provide access to at least one of these scopes - profile, email, address or phone');
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', payload.uid).executeTakeFirst();
  if (!user || !SIGNABLE_STATUSES.includes(user.status)) return bearerError(reply, 401, 'invalid_token', 'The access token is invalid');
  const all = standardClaims(ctx, user);
  const allowed = new Set(Object.entries(STANDARD_CLAIMS).filter(([scope]) => scopes.has(scope)).flatMap(([, names]) => names));
  const claims: Record<string, unknown> = Object.fromEntries(Object.entries(all).filter(([k]) => allowed.has(k) && !TOKEN_ONLY.has(k)));
  const identity = (await listClaimRows(ctx.db, server.id)).filter((c) => c.claim_type === 'IDENTITY');
  Object.assign(claims, await customClaimValues(ctx, identity, { user, clientId: String(payload.cid ?? ''), scopes, includeAll: true }));
  return reply.header('cache-control', 'no-store').send({ ...claims, sub: user.id });
}
