/**
 * SAML 2.0 IdP endpoints at Okta's paths:
 * - `GET|POST /app/{appName}/{appId}/sso/saml`: SP-initiated SSO (an AuthnRequest by HTTP-Redirect or
 *   HTTP-POST) and IdP-initiated SSO (no AuthnRequest; optional `RelayState`, else `defaultRelayState`).
 *   Without a session the browser goes through the hosted sign-in (`/signin?fromURI=…`) and comes back with
 *   the request sealed in `continue`. The answer is an HTML form that POSTs the signed Response to the ACS.
 * - `GET /app/{appId}/sso/saml/metadata` (public) and `GET /api/v1/apps/{appId}/sso/saml/metadata` (SSWS).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import { auditOf, requireApiToken } from '../identity/auth.js';
import { findApp } from '../apps/apps.service.js';
import { messagePage } from '../platform/html/layout.js';
import { redirect, sendHtml } from '../platform/html/page-kit.js';
import { currentSession } from '../identity/sessions/current-session.js';
import { readAuthnRequest, SamlRequestError } from './authn-request.js';
import { idpMetadataXml } from './metadata.js';
import { openPendingSso, sealPendingSso, type PendingSso } from './pending-sso.js';
import { samlPostPage } from './post-form.page.js';
import { signOnOf } from '../apps/saml/saml-settings.js';
import { appSigningKey } from '../apps/saml/signing-key.js';
import { issueSamlResponse, noPassiveResponse, type SsoOutcome } from './sso.service.js';

const SsoParams = Type.Object({ appName: Type.String({ maxLength: 200 }), appId: Type.String({ maxLength: 40 }) });
type SsoParams = Static<typeof SsoParams>;
const MessageFields = {
  SAMLRequest: Type.Optional(Type.String({ maxLength: 200_000 })),
  RelayState: Type.Optional(Type.String({ maxLength: 1024 })),
};
const SsoQuery = Type.Object({
  ...MessageFields,
  SigAlg: Type.Optional(Type.String({ maxLength: 200 })),
  Signature: Type.Optional(Type.String({ maxLength: 2048 })),
  continue: Type.Optional(Type.String({ maxLength: 4096 })),
});
type SsoQuery = Static<typeof SsoQuery>;
const SsoBody = Type.Object(MessageFields);
type SsoBody = Static<typeof SsoBody>;
const MetadataParams = Type.Object({ appId: Type.String({ maxLength: 40 }) });
type MetadataParams = Static<typeof MetadataParams>;
const MetadataQuery = Type.Object({ kid: Type.Optional(Type.String({ maxLength: 100 })) });
type MetadataQuery = Static<typeof MetadataQuery>;

const PAGE_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

const HOME_LINK = [{ href: '/app/me', text: 'Your account' }];

export async function samlRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(async (pages) => ssoPages(pages, ctx));
  await app.register(async (api) => metadataRoutes(api, ctx));
}

async function ssoPages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(PAGE_HEADERS)) if (!reply.hasHeader(name)) reply.header(name, value);
    return payload;
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'SAML SSO failed');
    return sendHtml(reply, status, status < 500
      ? messagePage('Invalid sign-in request', 'The request from the application could not be read. Go back to the application and try again.', HOME_LINK)
      : messagePage('Something went wrong', 'Sorry, something went wrong on our side. Please try again in a moment.', HOME_LINK));
  });

  app.get<{ Params: SsoParams; Querystring: SsoQuery }>('/app/:appName/:appId/sso/saml', { schema: { params: SsoParams, querystring: SsoQuery } },
    async (request, reply) => sso(ctx, request, reply, { ...request.query, binding: 'redirect' }));
  app.post<{ Params: SsoParams; Body: SsoBody }>('/app/:appName/:appId/sso/saml', { schema: { params: SsoParams, body: SsoBody } },
    async (request, reply) => sso(ctx, request, reply, { ...(request.body ?? {}), binding: 'post' }));
}

interface SsoInput {
  binding: 'redirect' | 'post';
  SAMLRequest?: string;
  RelayState?: string;
  continue?: string;
}

async function sso(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, input: SsoInput): Promise<FastifyReply> {
  const { appId } = request.params as SsoParams;
  const app = await findApp(ctx.db, appId);
  if (!app || app.sign_on_mode !== 'SAML_2_0') {
    return sendHtml(reply, 404, messagePage('App not found', 'There is no SAML application at this address.', HOME_LINK));
  }
  if (app.status !== 'ACTIVE') {
    return sendHtml(reply, 403, messagePage('App not available', `${app.label} is not active. Ask an administrator to activate it.`, HOME_LINK));
  }
  const signOn = signOnOf(app.settings);

  let pending: PendingSso;
  if (input.continue) {
    const opened = openPendingSso(ctx, input.continue, app.id);
    if (!opened) {
      return sendHtml(reply, 400, messagePage('Sign-in link expired', `This sign-in link has expired or is not valid. Go back to ${app.label} and sign in again.`, HOME_LINK));
    }
    pending = opened;
  } else if (input.SAMLRequest) {
    try {
      pending = { appId: app.id, request: await readAuthnRequest(signOn, input.SAMLRequest), relayState: input.RelayState, createdAt: ctx.clock().getTime() };
    } catch (err) {
      if (!(err instanceof SamlRequestError)) throw err;
      return sendHtml(reply, 400, messagePage('Invalid SAML request', err.message, HOME_LINK));
    }
  } else {
    pending = { appId: app.id, relayState: input.RelayState ?? signOn.defaultRelayState ?? undefined, createdAt: ctx.clock().getTime() };
  }

  const ssoRequest = {
    app,
    authnRequest: pending.request,
    relayState: pending.relayState,
    http: { id: request.id, method: request.method, url: `${ctx.config.issuer}${request.url.split('?')[0]}`, ipAddress: request.ip ?? null },
  };
  const current = await currentSession(ctx, request);
  if (!current) {
    if (pending.request?.isPassive) return sendOutcome(reply, await noPassiveResponse(ctx, auditOf(request), ssoRequest));
    const back = `/app/${encodeURIComponent(app.name)}/${app.id}/sso/saml?continue=${sealPendingSso(ctx, pending)}`;
    return redirect(reply, `/signin?fromURI=${encodeURIComponent(back)}`, input.binding === 'post' ? 303 : 302);
  }
  return sendOutcome(reply, await issueSamlResponse(ctx, auditOf(request), ssoRequest, current));
}

function sendOutcome(reply: FastifyReply, outcome: SsoOutcome): FastifyReply {
  if (outcome.kind === 'refused') return sendHtml(reply, outcome.status, messagePage(outcome.title, outcome.message, HOME_LINK));
  const page = samlPostPage(outcome);
  reply.header('content-security-policy', page.contentSecurityPolicy);
  return sendHtml(reply, 200, page.html);
}

async function metadataRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const metadataOf = async (appId: string, kid?: string): Promise<string> => {
    const row = await findApp(ctx.db, appId);
    if (!row || row.sign_on_mode !== 'SAML_2_0') throw errors.notFound('AppInstance', appId);
    if (kid !== undefined && appSigningKey(ctx, row).kid !== kid) throw errors.notFound('Key', kid);
    return idpMetadataXml(ctx, row);
  };

  app.get<{ Params: MetadataParams }>('/app/:appId/sso/saml/metadata', { schema: { params: MetadataParams } }, async (request, reply) => {
    return reply.type('application/xml; charset=utf-8').send(await metadataOf(request.params.appId));
  });

  app.get<{ Params: MetadataParams; Querystring: MetadataQuery }>('/api/v1/apps/:appId/sso/saml/metadata', {
    schema: { params: MetadataParams, querystring: MetadataQuery },
    onRequest: requireApiToken(ctx),
  }, async (request, reply) => {
    return reply.type('text/xml; charset=utf-8').send(await metadataOf(request.params.appId, request.query.kid));
  });
}
