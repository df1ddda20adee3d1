/**
 * One oidc-provider instance per authorization server, configured as Okta's custom authorization servers
 * behave: `/v1/...` endpoints, JWT access tokens for the server's audience (Okta's claims: `ver`, `cid`,
 * `uid`, `scp`), ID tokens with the profile's standard claims and the server's custom claims, lifetimes from
 * the access policy rule, sign-in on Tollgate's hosted page, and the token inline hook after each grant.
 */
import Provider, { errors as oidcErrors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import { randomBase62 } from '../../platform/ids.js';
import { findSession, sessionCookieName, SIGNABLE_STATUSES } from '../../identity/sessions/sessions.service.js';
import { messagePage } from '../../platform/html/layout.js';
import { listClaimRows, type ClaimRow } from '../management/claims.service.js';
import { listScopeRows } from '../management/scopes.service.js';
import { audienceOf, issuerOf, type ServerRow } from '../management/servers.service.js';
import { OIDC_SCOPE_NAMES } from '../management/server-defaults.js';
import { listKeyRows, privateJwksOf } from '../signing-keys.js';
import { customClaimValues, STANDARD_CLAIMS, standardClaims } from '../token-claims.js';
import { adapterFactory } from './adapter.js';
import { recordAuthorization } from './authorization-record.js';
import { EXTRA_CLIENT_METADATA } from './clients.js';
import { ensureGrant } from './grants.js';
import { ensureTokenRule, originalGrantType, stateOf } from './request-state.js';
import { explainUnimplemented } from './unimplemented-flows.js';
import { logTokenFailure, transformTokenResponse } from './token-pipeline.js';

/** Okta's defaults where no rule says otherwise. */
const DEFAULT_ACCESS_TTL = 3600;
const ID_TOKEN_TTL = 3600;
const FIVE_YEARS = 5 * 365 * 24 * 3600;

export const ROUTES = {
  authorization: '/v1/authorize',
  token: '/v1/token',
  jwks: '/v1/keys',
  userinfo: '/v1/userinfo',
  introspection: '/v1/introspect',
  revocation: '/v1/revoke',
  end_session: '/v1/logout',
};

export function interactionPath(serverId: string, uid: string): string {
  return `/oauth2/${serverId}/v1/interaction/${uid}`;
}

async function loadUser(ctx: AppContext, id: string) {
  const user = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return user && SIGNABLE_STATUSES.includes(user.status) ? user : undefined;
}

/** `claims` of oidc-provider: scope → claim names, with each ACTIVE ID token claim under its scopes. */
function claimsConfig(identityClaims: ClaimRow[]): Record<string, string[]> {
  const config: Record<string, string[]> = Object.fromEntries(Object.entries(STANDARD_CLAIMS).map(([k, v]) => [k, [...v]]));
  for (const claim of identityClaims) {
    const scopes = (JSON.parse(claim.conditions) as { scopes?: string[] }).scopes ?? [];
    for (const scope of scopes.length ? scopes : ['openid']) (config[scope] ??= []).push(claim.name);
  }
  return config;
}

export async function buildProvider(ctx: AppContext, server: ServerRow): Promise<Provider> {
  const serverId = server.id;
  const audience = audienceOf(server);
  const scopeNames = (await listScopeRows(ctx.db, serverId)).map((s) => s.name);
  const claimRows = (await listClaimRows(ctx.db, serverId)).filter((c) => c.status === 'ACTIVE');
  const identityClaims = claimRows.filter((c) => c.claim_type === 'IDENTITY');
  const resourceClaims = claimRows.filter((c) => c.claim_type === 'RESOURCE');
  const keys = privateJwksOf(ctx, await listKeyRows(ctx.db, serverId));

  const policy = interactionPolicy.base();
  // The hosted sign-in is the source of truth: no Tollgate session (or another user's) means sign in again.
  policy.get('login')!.checks.add(new interactionPolicy.Check('tollgate_session', 'End-User authentication is required', async (koaCtx) => {
    const found = await findSession(ctx, koaCtx.cookies.get(sessionCookieName(ctx.config), { signed: false }));
    return !found || found.user.id !== koaCtx.oidc.session?.accountId ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
  }));

  const configuration: Configuration = {
    adapter: adapterFactory(ctx, serverId),
    jwks: { keys },
    cookies: {
      keys: [ctx.secrets.sign(`oidc-cookies:${serverId}`)],
      names: { session: `_tg_oidc_session_${serverId}`, interaction: '_tg_oidc_interaction', resume: '_tg_oidc_resume' },
    },
    claims: claimsConfig(identityClaims),
    scopes: scopeNames,
    conformIdTokenClaims: false,
    allowOmittingSingleRegisteredRedirectUri: false,
    responseTypes: ['code'],
    routes: ROUTES,
    clientBasedCORS: () => true,
    extraClientMetadata: { properties: EXTRA_CLIENT_METADATA },
    pkce: { required: (_koaCtx, client) => client.tollgate_pkce_required === true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        async getResourceServerInfo(koaCtx, resource, client) {
          if (resource !== audience) throw new oidcErrors.InvalidTarget();
          let accessTokenTTL = DEFAULT_ACCESS_TTL;
          if (koaCtx.oidc.route === 'token' && koaCtx.oidc.params?.grant_type === 'client_credentials') {
            const requested = String(koaCtx.oidc.params.scope ?? '').split(' ').filter(Boolean);
            const oidc = requested.filter((s) => OIDC_SCOPE_NAMES.has(s));
            if (oidc.length) throw new oidcErrors.InvalidScope(`The following scopes are not allowed with client credentials: ${oidc.join(' ')}`, oidc.join(' '));
            const unknown = requested.filter((s) => !scopeNames.includes(s));
            if (unknown.length) throw new oidcErrors.InvalidScope('One or more scopes are not configured for the authorization server resource.', unknown.join(' '));
            await ensureTokenRule(ctx, koaCtx, serverId, { clientId: client.clientId, grantType: 'client_credentials', scopes: requested });
          }
          const rule = stateOf(koaCtx).rule;
          if (rule) accessTokenTTL = rule.token.accessTokenLifetimeMinutes * 60;
          const usable = koaCtx.oidc.params?.grant_type === 'client_credentials' ? scopeNames.filter((s) => !OIDC_SCOPE_NAMES.has(s)) : scopeNames;
          return { scope: usable.join(' '), audience, accessTokenTTL, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    ttl: {
      AuthorizationCode: 300,
      IdToken: ID_TOKEN_TTL,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: FIVE_YEARS,
      AccessToken: (koaCtx) => (stateOf(koaCtx).rule?.token.accessTokenLifetimeMinutes ?? 60) * 60,
      ClientCredentials: (koaCtx) => (stateOf(koaCtx).rule?.token.accessTokenLifetimeMinutes ?? 60) * 60,
      RefreshToken(koaCtx, token) {
        const rule = stateOf(koaCtx).rule?.token;
        const window = (rule?.refreshTokenWindowMinutes ?? 10080) * 60;
        const lifetime = (rule?.refreshTokenLifetimeMinutes ?? 0) * 60;
        if (!lifetime) return window;
        const now = Math.floor(Date.now() / 1000);
        return Math.max(1, Math.min(window, (token.iiat ?? now) + lifetime - now));
      },
    },
    rotateRefreshToken: (koaCtx) => koaCtx.oidc.client?.tollgate_refresh_rotation === 'ROTATE',
    interactions: { policy, url: (_koaCtx, interaction) => interactionPath(serverId, interaction.uid) },
    async loadExistingGrant(koaCtx) {
      const accountId = koaCtx.oidc.session?.accountId;
      const client = koaCtx.oidc.client;
      if (!accountId || !client) return undefined;
      const grantId = await ensureGrant(koaCtx.oidc.provider, {
        accountId, clientId: client.clientId, scope: String(koaCtx.oidc.params?.scope ?? ''), audience,
        grantId: koaCtx.oidc.result?.consent?.grantId ?? koaCtx.oidc.session?.grantIdFor(client.clientId),
      });
      return koaCtx.oidc.provider.Grant.find(grantId);
    },
    async findAccount(koaCtx, sub, token) {
      const user = await loadUser(ctx, sub);
      if (!user) return undefined;
      if (koaCtx.oidc.route === 'token' && koaCtx.oidc.client) {
        const scope = String(koaCtx.oidc.params?.scope ?? (token as { scope?: string } | undefined)?.scope ?? '');
        await ensureTokenRule(ctx, koaCtx, serverId, {
          clientId: koaCtx.oidc.client.clientId, grantType: originalGrantType((token as { gty?: string } | undefined)?.gty),
          userId: user.id, scopes: scope.split(' ').filter(Boolean),
        });
        stateOf(koaCtx).user = user;
      }
      return {
        accountId: sub,
        async claims(use, scope) {
          const custom = await customClaimValues(ctx, identityClaims, {
            user, clientId: koaCtx.oidc.client?.clientId ?? '', scopes: new Set(scope.split(' ')), includeAll: use !== 'id_token',
          });
          const jti = use === 'id_token' ? { jti: `ID.${randomBase62(40)}` } : {};
          return { ...standardClaims(ctx, user), ...jti, ...custom, sub: user.id };
        },
      };
    },
    formats: {
      customizers: {
        // Okta's access token: ver, jti, iss, aud, iat, exp, cid, uid, scp, auth_time, sub (login, or the client id), custom claims.
        async jwt(koaCtx, token, jwt) {
          const p = jwt.payload as Record<string, unknown>;
          const userId = (token as { accountId?: string }).accountId;
          const user = userId ? stateOf(koaCtx).user ?? (await loadUser(ctx, userId)) : undefined;
          const scopes = String(p.scope ?? '').split(' ').filter(Boolean);
          const source = koaCtx.oidc.entities.AuthorizationCode ?? koaCtx.oidc.entities.RefreshToken;
          const authTime = (source as { authTime?: number } | undefined)?.authTime;
          const custom = await customClaimValues(ctx, resourceClaims, { user, clientId: token.clientId ?? '', scopes: new Set(scopes), includeAll: true });
          jwt.payload = {
            ver: 1, jti: `AT.${String(p.jti)}`, iss: p.iss, aud: p.aud, iat: p.iat, exp: p.exp, cid: token.clientId,
            ...(user ? { uid: user.id } : {}),
            scp: scopes,
            ...(authTime ? { auth_time: authTime } : {}),
            sub: user ? user.login : token.clientId ?? '',
            ...custom,
            ...(p.cnf ? { cnf: p.cnf } : {}),
          };
        },
      },
    },
    renderError(koaCtx, out) {
      koaCtx.type = 'html';
      koaCtx.body = messagePage('Sign-in could not be completed', `${out.error}: ${out.error_description ?? ''}`, [{ href: '/signin', text: 'Sign in' }]);
    },
  };

  const provider = new Provider(issuerOf(ctx, serverId), configuration);
  provider.proxy = true;
  provider.on('server_error', (_koaCtx, err) => ctx.log.error({ err, serverId }, 'authorization server error'));

  provider.use(async (koa, next) => {
    const koaCtx = koa as KoaContextWithOIDC;
    // Okta issues refresh tokens for offline_access without prompt=consent; oidc-provider drops the scope unless
    // consent is prompted, so ask for it: Tollgate's interaction grants it without showing anything.
    if (koaCtx.method === 'GET' && koaCtx.path === ROUTES.authorization) {
      const scope = String(koaCtx.query.scope ?? '');
      if (scope.split(' ').includes('offline_access') && koaCtx.query.prompt === undefined) {
        koaCtx.query = { ...koaCtx.query, prompt: 'consent' };
        // oidc-provider finds its mount path by locating the (rewritten) url inside originalUrl.
        (koaCtx.req as typeof koaCtx.req & { originalUrl?: string }).originalUrl = `/oauth2/${serverId}${koaCtx.url}`;
      }
    }
    await next();
    explainUnimplemented(koaCtx);
    const route = koaCtx.oidc?.route;
    if ((route === 'authorization' || route === 'resume') && koaCtx.status >= 300 && koaCtx.status < 400) {
      await recordAuthorization(ctx, serverId, koaCtx);
    } else if (route === 'token') {
      if (koaCtx.status === 200) await transformTokenResponse(ctx, server, koaCtx);
      else await logTokenFailure(ctx, server, koaCtx);
    }
  });
  return provider;
}
