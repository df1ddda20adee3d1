/**
 * Shared by the OIDC tests: an org set up through the management API (a user assigned to OIDC apps, a
 * custom scope, a token hook on the default policy rule), a browser that walks the hosted sign-in, and JWT
 * signature checks against the server's published keys.
 */
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { expect } from 'vitest';
import * as oidc from 'openid-client';
import { Browser } from './helpers/browser.js';
import type { TestServer } from './helpers/server.js';

export const PASSWORD = 'Sunny-Day-42';
export const REDIRECT_URI = 'https://rp.example.com/callback';
export const HOOK_SECRET = 'Bearer token-hook-secret';

export interface OidcOrg {
  issuer: string;
  user: { id: string; login: string };
  /** A web app (client_secret_basic, authorization_code + refresh_token) the user is assigned to. */
  web: { id: string; clientId: string; clientSecret: string };
  /** A service app (client_credentials). */
  service: { id: string; clientId: string; clientSecret: string };
  policyId: string;
  ruleId: string;
}

export async function ok<T = any>(p: Promise<{ status: number; body: any }>, status = 200): Promise<T> {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as T;
}

export async function setUpOidcOrg(server: TestServer, login = 'rp.user@example.com'): Promise<OidcOrg> {
  const user = await ok(server.api('POST', '/api/v1/users?activate=true', {
    profile: { login, email: login, firstName: 'Rita', lastName: 'Party', locale: 'en_US' },
    credentials: { password: { value: PASSWORD } },
  }));
  const web = await ok(server.api('POST', '/api/v1/apps', {
    label: 'RP web', signOnMode: 'OPENID_CONNECT',
    settings: { oauthClient: { redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code', 'refresh_token'], application_type: 'web' } },
    credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_basic' } },
  }));
  const service = await ok(server.api('POST', '/api/v1/apps', {
    label: 'RP service', signOnMode: 'OPENID_CONNECT',
    settings: { oauthClient: { grant_types: ['client_credentials'], application_type: 'service' } },
    credentials: { oauthClient: { token_endpoint_auth_method: 'client_secret_post' } },
  }));
  await ok(server.api('POST', `/api/v1/apps/${web.id}/users`, { id: user.id }));
  await ok(server.api('POST', '/api/v1/authorizationServers/default/scopes', { name: 'orders:read', description: 'Read orders' }), 201);
  const policies = await ok(server.api('GET', '/api/v1/authorizationServers/default/policies'));
  const rules = await ok(server.api('GET', `/api/v1/authorizationServers/default/policies/${policies[0].id}/rules`));
  return {
    issuer: `${server.ctx.config.issuer}/oauth2/default`,
    user: { id: user.id, login },
    web: { id: web.id, clientId: web.credentials.oauthClient.client_id, clientSecret: web.credentials.oauthClient.client_secret },
    service: { id: service.id, clientId: service.credentials.oauthClient.client_id, clientSecret: service.credentials.oauthClient.client_secret },
    policyId: policies[0].id,
    ruleId: rules[0].id,
  };
}

/** Creates an ACTIVE token hook and attaches it to the default policy rule (or detaches with `undefined`). */
export async function attachTokenHook(server: TestServer, org: OidcOrg, uri: string | undefined): Promise<string | undefined> {
  let hookId: string | undefined;
  if (uri) {
    const hook = await ok(server.api('POST', '/api/v1/inlineHooks', {
      name: `Token hook ${Math.random().toString(36).slice(2, 8)}`, type: 'com.okta.oauth2.tokens.transform', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri, method: 'POST', headers: [], authScheme: { type: 'HEADER', key: 'Authorization', value: HOOK_SECRET } } },
    }));
    hookId = hook.id;
  }
  const path = `/api/v1/authorizationServers/default/policies/${org.policyId}/rules/${org.ruleId}`;
  const rule = await ok(server.api('GET', path));
  const token = { ...rule.actions.token };
  if (hookId) token.inlineHook = { id: hookId };
  else delete token.inlineHook;
  await ok(server.api('PUT', path, { ...rule, actions: { token } }));
  return hookId;
}

export async function webClient(org: OidcOrg): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(org.issuer), org.web.clientId, org.web.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
}

export async function serviceClient(org: OidcOrg): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(org.issuer), org.service.clientId, { client_secret: org.service.clientSecret, token_endpoint_auth_method: 'client_secret_post' },
    oidc.ClientSecretPost(org.service.clientSecret), { execute: [oidc.allowInsecureRequests] });
}

/**
 * A browser follows the authorize URL through Tollgate's hosted sign-in page and back, and returns the URL
 * the authorization server sent it to (the client's redirect URI with the code).
 */
export async function signInThroughHostedPages(server: TestServer, authorizeUrl: URL, login: string, browser = new Browser(server.url)): Promise<URL> {
  let location: string = authorizeUrl.pathname + authorizeUrl.search;
  for (let hops = 0; hops < 10; hops += 1) {
    const res = await browser.get(location);
    if (res.status === 200 && /action="\/signin"/.test(res.html)) {
      const fromURI = new URL(location, server.url).searchParams.get('fromURI') ?? undefined;
      const signedIn = await browser.submit(location, '/signin', { username: login, password: PASSWORD, fromURI });
      expect(signedIn.status, signedIn.html.slice(0, 500)).toBe(303);
      location = signedIn.location!;
      continue;
    }
    expect([302, 303], `${location} → ${res.status} ${res.html.slice(0, 300)}`).toContain(res.status);
    const next = new URL(res.location!, server.ctx.config.issuer);
    if (next.href.startsWith(REDIRECT_URI)) return next;
    location = next.pathname + next.search;
  }
  throw new Error('too many redirects');
}

export interface Pkce {
  verifier: string;
  state: string;
  nonce: string;
}

export async function authorizeUrl(config: oidc.Configuration, scope: string): Promise<{ url: URL; checks: Pkce }> {
  const verifier = oidc.randomPKCECodeVerifier();
  const checks = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce() };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI, scope, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    state: checks.state, nonce: checks.nonce,
  });
  return { url, checks };
}

/** A full code flow: authorize, hosted sign-in, code exchange (PKCE, state and nonce checked by openid-client). */
export async function codeFlow(server: TestServer, org: OidcOrg, scope = 'openid profile email offline_access') {
  const config = await webClient(org);
  const { url, checks } = await authorizeUrl(config, scope);
  const callback = await signInThroughHostedPages(server, url, org.user.login);
  const tokens = await oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: scope.includes('openid'),
  });
  return { config, tokens };
}

/** The payload of a JWT after checking its RS256 signature against the server's JWKS (throws otherwise). */
export async function verifiedClaims(org: OidcOrg, jwt: string): Promise<Record<string, any>> {
  const res = await fetch(`${org.issuer}/v1/keys`);
  const { keys } = await res.json() as { keys: Array<JsonWebKey & { kid: string }> };
  const [h, p, s] = jwt.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk || header.alg !== 'RS256') throw new Error(`no RS256 key ${header.kid}`);
  if (!verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'))) throw new Error('bad signature');
  return JSON.parse(Buffer.from(p, 'base64url').toString());
}
