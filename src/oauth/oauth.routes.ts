/**
 * Okta's custom authorization server endpoints, `/oauth2/{authServerId}/...`: oidc-provider serves
 * authorize, token, keys, logout and discovery; Tollgate serves the sign-in interaction and, for its JWT
 * access tokens, userinfo, introspect and revoke. Bodies are left unread here: each handler reads its own.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import { allowsCors } from '../identity/trusted-origins/trusted-origins.service.js';
import { interactionEndpoint } from './endpoints/interaction.js';
import { introspectEndpoint, revokeEndpoint } from './endpoints/introspect-revoke.js';
import { userinfoEndpoint } from './endpoints/userinfo.js';
import { findServer, type ServerRow } from './management/servers.service.js';
import { REQUEST_ID_HEADER } from './provider/oauth-audit.js';
import { providerFor } from './provider/provider-cache.js';

const Params = Type.Object({ authServerId: Type.String({ maxLength: 100 }), '*': Type.String() });

/** Hands the raw request to the server's oidc-provider, with the prefix taken off its path. */
async function passToProvider(ctx: AppContext, server: ServerRow, request: FastifyRequest, reply: FastifyReply, rest: string): Promise<void> {
  const provider = await providerFor(ctx, server);
  const req = request.raw as typeof request.raw & { originalUrl?: string };
  const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
  const issuer = new URL(ctx.config.issuer);
  // URLs in responses are built from the configured issuer, never from what the client sent.
  req.headers['x-forwarded-proto'] = issuer.protocol.replace(':', '');
  req.headers['x-forwarded-host'] = issuer.host;
  req.headers['x-forwarded-for'] = request.ip;
  req.headers[REQUEST_ID_HEADER] = String(request.id);
  req.originalUrl = `/oauth2/${server.id}${rest}${query}`;
  req.url = `${rest}${query}`;
  reply.hijack();
  reply.raw.setHeader('x-okta-request-id', String(request.id));
  await new Promise<void>((resolve) => {
    reply.raw.on('finish', resolve);
    reply.raw.on('close', resolve);
    void provider.callback()(req, reply.raw);
  });
}

/**
 * oidc-provider allows every origin by itself (its CORS runs before the client is known); for an origin
 * that is not trusted, its Access-Control-* headers are dropped, so the browser keeps the answer from the page.
 */
function withoutCorsHeaders(res: FastifyReply['raw']): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase().startsWith('access-control-')) return res;
    return setHeader(name, value);
  }) as typeof res.setHeader;
}

export async function oauthServerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));

  app.all<{ Params: typeof Params.static }>('/oauth2/:authServerId/*', { schema: { params: Params } }, async (request, reply) => {
    const server = await findServer(ctx.db, request.params.authServerId);
    if (!server || server.status !== 'ACTIVE') {
      const err = errors.notFound('AuthorizationServer', request.params.authServerId);
      return reply.status(404).send(err.toBody());
    }
    // CORS (Okta): only origins the org trusts with the CORS scope may read these answers from a browser.
    const origin = request.headers.origin;
    if (typeof origin === 'string' && origin !== '') {
      if (await allowsCors(ctx.db, origin)) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      else withoutCorsHeaders(reply.raw);
    }
    let rest = '/' + request.params['*'];
    const interaction = /^\/v1\/interaction\/([A-Za-z0-9_-]{1,100})$/.exec(rest);
    if (interaction && request.method === 'GET') return interactionEndpoint(ctx, server, interaction[1], request, reply);
    if (rest === '/v1/userinfo' && (request.method === 'GET' || request.method === 'POST')) return userinfoEndpoint(ctx, server, request, reply);
    if (rest === '/v1/introspect' && request.method === 'POST') return introspectEndpoint(ctx, server, request, reply);
    if (rest === '/v1/revoke' && request.method === 'POST') return revokeEndpoint(ctx, server, request, reply);
    // Okta serves the same metadata at both well-known names.
    if (rest === '/.well-known/oauth-authorization-server') rest = '/.well-known/openid-configuration';
    await passToProvider(ctx, server, request, reply, rest);
    return reply;
  });
}
