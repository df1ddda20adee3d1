/**
 * After oidc-provider minted a token response: the access policy rule's token inline hook (patches applied
 * and the tokens signed again with the server's key, or the request failed on an `error` reply), then the
 * System Log's grant events.
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import { randomBase62 } from '../../platform/ids.js';
import { userActor } from '../../identity/sessions/sessions.service.js';
import { recordEvent } from '../../events/record-event.js';
import { runTokenHook, type TokenHookInput, type TokenHookOutcome, type TokenPart } from '../../hooks/inline/token.inline-hook.js';
import { decodeJwt, signRs256 } from '../jwt.js';
import { listScopeRows } from '../management/scopes.service.js';
import { issuerOf, type ServerRow } from '../management/servers.service.js';
import { RESERVED_ACCESS_TOKEN_CLAIMS, RESERVED_ID_TOKEN_CLAIMS } from '../../hooks/inline/token/reserved-claims.js';
import { orgIdOf } from '../token-claims.js';
import { findAuthorization } from './authorization-record.js';
import { auditForOAuth, clientTarget, REQUEST_ID_HEADER } from './oauth-audit.js';
import { stateOf } from './request-state.js';
import { refreshTokenJti } from './refresh-token-jti.js';

function tokenPart(jwt: string | undefined): TokenPart | undefined {
  const decoded = jwt ? decodeJwt(jwt) : undefined;
  if (!decoded) return undefined;
  const { iat, exp } = decoded.payload as { iat?: number; exp?: number };
  return { claims: decoded.payload, lifetime: typeof iat === 'number' && typeof exp === 'number' ? exp - iat : 3600 };
}

/** The token again, with the patched claims and `exp = iat + lifetime`, signed by the key that signed it. */
async function resign(ctx: AppContext, serverId: string, jwt: string, part: TokenPart): Promise<string> {
  const { header } = decodeJwt(jwt)!;
  const key = await ctx.db.selectFrom('oauth_keys').select('private_jwk_encrypted').where('server_id', '=', serverId).where('id', '=', String(header.kid)).executeTakeFirstOrThrow();
  const claims = { ...part.claims };
  if (typeof claims.iat === 'number') claims.exp = claims.iat + part.lifetime;
  return signRs256(header, claims, JSON.parse(ctx.secrets.decrypt(key.private_jwk_encrypted)));
}

async function hookInput(ctx: AppContext, server: ServerRow, koaCtx: KoaContextWithOIDC, body: Record<string, unknown>, hookId: string) {
  const oidc = koaCtx.oidc;
  const state = stateOf(koaCtx);
  const client = oidc.client!;
  const rule = state.rule!;
  const params = (oidc.params ?? {}) as Record<string, unknown>;
  const access = tokenPart(body.access_token as string)!;
  const identity = tokenPart(body.id_token as string | undefined);
  const scopeIds = new Map((await listScopeRows(ctx.db, server.id)).map((s) => [s.name, s.id]));
  const scopes = Object.fromEntries(((access.claims.scp as string[] | undefined) ?? []).map((s) => [s, { id: scopeIds.get(s) ?? s, action: 'GRANT' as const }]));
  const grantId = (oidc.entities.AuthorizationCode ?? oidc.entities.RefreshToken)?.grantId;
  const authorization = await findAuthorization(ctx, server.id, grantId);
  const grantType = String(params.grant_type ?? '');
  const tokenUrl = `${issuerOf(ctx, server.id)}/v1/token`;
  const input: TokenHookInput = {
    hookId,
    source: tokenUrl,
    request: { id: koaCtx.get(REQUEST_ID_HEADER) || randomBase62(20), method: koaCtx.method, url: tokenUrl, ipAddress: koaCtx.ip || null },
    protocol: {
      request: grantType === 'client_credentials'
        ? { grant_type: grantType, scope: String(params.scope ?? ''), client_id: client.clientId }
        : { ...(authorization?.request ?? {}), grant_type: grantType },
      issuer: issuerOf(ctx, server.id),
      client: { id: client.clientId, name: String(client.tollgate_app_label ?? client.clientId), type: client.tollgate_public ? 'PUBLIC' : 'CONFIDENTIAL' },
      ...(grantType === 'refresh_token'
        ? { originalGrant: { authorization: authorization?.request, refresh_token: { jti: refreshTokenJti(String(params.refresh_token ?? '')) } } }
        : {}),
    },
    policy: { id: rule.policy.id, rule: { id: rule.rule.id } },
    identity,
    access: { ...access, scopes },
    refreshTokenJti: typeof body.refresh_token === 'string' ? refreshTokenJti(body.refresh_token) : undefined,
  };
  const user = state.user;
  if (user) {
    const profile = JSON.parse(user.profile) as Record<string, unknown>;
    const userUrl = `${ctx.config.issuer}/api/v1/users/${user.id}`;
    input.user = {
      id: user.id,
      passwordChanged: user.password_changed,
      profile: { login: user.login, firstName: profile.firstName ?? null, lastName: profile.lastName ?? null, locale: profile.locale ?? null, timeZone: profile.timezone ?? null },
      _links: { groups: { href: `${userUrl}/groups` }, factors: { href: `${userUrl}/factors` } },
    };
    const session = authorization?.sessionId
      ? await ctx.db.selectFrom('sessions').selectAll().where('id', '=', authorization.sessionId).executeTakeFirst()
      : undefined;
    if (session) {
      input.session = {
        id: session.id, userId: session.user_id, login: user.login, createdAt: session.created, expiresAt: session.expires_at,
        status: session.status, lastPasswordVerification: session.last_password_verification, amr: ['PASSWORD'],
        idp: { id: orgIdOf(ctx), type: 'OKTA' }, mfaActive: false,
      };
    }
  }
  return input;
}

export async function transformTokenResponse(ctx: AppContext, server: ServerRow, koaCtx: KoaContextWithOIDC): Promise<void> {
  const body = koaCtx.body as Record<string, unknown> | undefined;
  const client = koaCtx.oidc.client;
  const state = stateOf(koaCtx);
  if (!body || typeof body.access_token !== 'string' || !client) return;
  const audit = auditForOAuth(koaCtx, state.user ? userActor(state.user) : undefined);
  const hookId = state.rule?.token.inlineHook?.id;
  let outcome: TokenHookOutcome | undefined;
  if (hookId) {
    const input = await hookInput(ctx, server, koaCtx, body, hookId);
    outcome = await runTokenHook(ctx, audit, input, { identity: RESERVED_ID_TOKEN_CLAIMS, access: RESERVED_ACCESS_TOKEN_CLAIMS });
    if (outcome.result === 'ERROR') {
      // No token is issued: the refresh token minted with them must not survive either.
      await koaCtx.oidc.entities.RefreshToken?.destroy().catch(() => undefined);
      koaCtx.status = 400;
      koaCtx.body = { error: 'server_error', error_description: outcome.message };
      await logTokenFailure(ctx, server, koaCtx);
      return;
    }
    if (outcome.result === 'PATCHED') {
      body.access_token = await resign(ctx, server.id, body.access_token, outcome.access);
      body.expires_in = outcome.access.lifetime;
      if (outcome.identity && typeof body.id_token === 'string') body.id_token = await resign(ctx, server.id, body.id_token, outcome.identity);
    }
  }
  const grantType = String(koaCtx.oidc.params?.grant_type ?? '');
  const debugData = {
    authorizationServerId: server.id, grantType, requestedScopes: String(koaCtx.oidc.params?.scope ?? ''),
    policyId: state.rule?.policy.id, ruleId: state.rule?.rule.id, ...(outcome ? { tokenInlineHook: outcome.result } : {}),
  };
  const issued = [
    ['access_token', 'OAuth 2.0 access token is granted'],
    ['id_token', 'OAuth 2.0 ID token is granted'],
    ['refresh_token', 'OAuth2 refresh token is granted'],
  ].filter(([name]) => typeof body[name] === 'string');
  await ctx.db.transaction().execute(async (trx) => {
    for (const [name, message] of issued) {
      await recordEvent(ctx, trx, audit, { eventType: `app.oauth2.as.token.grant.${name}`, displayMessage: message, outcome: 'SUCCESS', target: [clientTarget(client)], debugData });
    }
  });
}

/** `app.oauth2.as.token.grant` with FAILURE and the OAuth error, for a token request that was refused. */
export async function logTokenFailure(ctx: AppContext, server: ServerRow, koaCtx: KoaContextWithOIDC): Promise<void> {
  const body = koaCtx.body as { error?: string; error_description?: string } | undefined;
  if (!body?.error) return;
  const client = koaCtx.oidc?.client;
  const state = stateOf(koaCtx);
  await recordEvent(ctx, ctx.db, auditForOAuth(koaCtx, state.user ? userActor(state.user) : undefined), {
    eventType: 'app.oauth2.as.token.grant', displayMessage: 'OAuth2 token request', outcome: 'FAILURE',
    reason: body.error_description ?? body.error, target: client ? [clientTarget(client)] : undefined,
    debugData: { authorizationServerId: server.id, grantType: String(koaCtx.oidc?.params?.grant_type ?? ''), error: body.error },
  });
}
