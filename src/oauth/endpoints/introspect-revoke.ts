/**
 * `/v1/introspect` (RFC 7662) and `/v1/revoke` (RFC 7009) for the server's tokens: JWT access tokens
 * (verified here; a revoked one is remembered until it expires) and refresh tokens (stored by oidc-provider).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { recordEvent } from '../../events/record-event.js';
import { clientOf } from '../../events/log-event.js';
import { decodeJwt } from '../jwt.js';
import { issuerOf, type ServerRow } from '../management/servers.service.js';
import { refreshTokenJti } from '../provider/refresh-token-jti.js';
import { openPayload, storeKey } from '../provider/adapter.js';
import { verifyAccessToken } from './access-tokens.js';
import { authenticateClient, type AuthenticatedClient } from './client-auth.js';
import { readForm } from './form-body.js';

interface StoredRefreshToken {
  accountId?: string;
  clientId?: string;
  scope?: string;
  iat?: number;
  exp?: number;
  grantId?: string;
}

function oauthError(reply: FastifyReply, status: number, error: string, description: string): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').send({ error, error_description: description });
}

async function authenticated(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<{ client: AuthenticatedClient; form: Record<string, string> } | FastifyReply> {
  const form = await readForm(request.raw);
  if ('error' in form) return oauthError(reply, 400, 'invalid_request', form.error);
  const client = await authenticateClient(ctx, request.headers, form);
  if (!client) return oauthError(reply.header('www-authenticate', 'Basic realm="oauth2"'), 401, 'invalid_client', 'Client authentication failed.');
  if (!form.token) return oauthError(reply, 400, 'invalid_request', "The 'token' parameter is required.");
  return { client, form };
}

async function storedRefreshToken(ctx: AppContext, serverId: string, token: string): Promise<StoredRefreshToken | undefined> {
  const row = await ctx.db.selectFrom('oauth_store').selectAll().where('server_id', '=', serverId).where('model', '=', 'RefreshToken').where('id', '=', storeKey(token)).executeTakeFirst();
  if (!row || row.consumed || (row.expires_at && row.expires_at <= ctx.clock().toISOString())) return undefined;
  return openPayload(ctx, row.payload) as unknown as StoredRefreshToken;
}

export async function introspectEndpoint(ctx: AppContext, server: ServerRow, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const auth = await authenticated(ctx, request, reply);
  if (!('client' in auth)) return auth;
  const { client, form } = auth;
  const inactive = () => reply.header('cache-control', 'no-store').send({ active: false });
  if (decodeJwt(form.token)) {
    const p = await verifyAccessToken(ctx, server, form.token);
    if (!p) return inactive();
    return reply.header('cache-control', 'no-store').send({
      active: true, scope: Array.isArray(p.scp) ? p.scp.join(' ') : '', ...(p.uid ? { username: p.sub } : {}),
      exp: p.exp, iat: p.iat, sub: p.sub, aud: p.aud, iss: p.iss, jti: p.jti, token_type: 'Bearer', client_id: p.cid, ...(p.uid ? { uid: p.uid } : {}),
    });
  }
  const rt = await storedRefreshToken(ctx, server.id, form.token);
  if (!rt || rt.clientId !== client.clientId) return inactive();
  const user = rt.accountId ? await ctx.db.selectFrom('users').select(['id', 'login']).where('id', '=', rt.accountId).executeTakeFirst() : undefined;
  return reply.header('cache-control', 'no-store').send({
    active: true, scope: rt.scope ?? '', ...(user ? { username: user.login, sub: user.login, uid: user.id } : {}),
    exp: rt.exp, iat: rt.iat, iss: issuerOf(ctx, server.id), jti: refreshTokenJti(form.token), token_type: 'refresh_token', client_id: rt.clientId,
  });
}

export async function revokeEndpoint(ctx: AppContext, server: ServerRow, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const auth = await authenticated(ctx, request, reply);
  if (!('client' in auth)) return auth;
  const { client, form } = auth;
  let revoked: string | undefined;
  if (decodeJwt(form.token)) {
    const p = await verifyAccessToken(ctx, server, form.token);
    if (p && p.cid === client.clientId) {
      await ctx.db.insertInto('oauth_revoked_tokens').values({ jti: String(p.jti), server_id: server.id, expires_at: new Date(Number(p.exp) * 1000).toISOString() })
        .onConflict((oc) => oc.column('jti').doNothing()).execute();
      revoked = 'access_token';
    }
  } else {
    const rt = await storedRefreshToken(ctx, server.id, form.token);
    if (rt && rt.clientId === client.clientId) {
      // Revoking a refresh token ends its grant (oidc-provider's default, and Okta's for the refresh chain).
      await ctx.db.deleteFrom('oauth_store').where('server_id', '=', server.id).where((eb) => eb.or([
        eb.and([eb('model', '=', 'RefreshToken'), eb('id', '=', storeKey(form.token))]),
        ...(rt.grantId ? [eb('grant_id', '=', rt.grantId)] : []),
      ])).execute();
      revoked = 'refresh_token';
    }
  }
  if (revoked) {
    await recordEvent(ctx, ctx.db, {
      actor: { id: client.appId, type: 'PublicClientApp', alternateId: client.clientId, displayName: client.label },
      client: clientOf(request.ip ?? null, (request.headers['user-agent'] as string | undefined) ?? null),
      transactionId: String(request.id),
    }, {
      eventType: 'app.oauth2.as.token.revoke', displayMessage: 'OAuth2 token revocation request', outcome: 'SUCCESS',
      target: [{ id: client.appId, type: 'AppInstance', alternateId: client.clientId, displayName: client.label }],
      debugData: { authorizationServerId: server.id, tokenType: revoked },
    });
  }
  return reply.status(200).header('cache-control', 'no-store').send();
}
