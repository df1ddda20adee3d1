/**
 * OIDC apps accept what Okta accepts per application type (grant_types and response_types), store it, and
 * apply what Tollgate implements: Okta's own service-app example (response_types ["token"], grant_types
 * ["client_credentials"]) gets tokens through openid-client; a stored flow Tollgate lacks is refused when used,
 * saying so.
 */
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantMessage, responseTypeMessage } from '../src/oauth/provider/unimplemented-flows.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const REDIRECT = 'https://rp.example.com/callback';
const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  expect((await server.api('POST', '/api/v1/authorizationServers/default/scopes', { name: 'reports:read', description: 'Read reports' })).status).toBe(201);
});
afterAll(async () => { await server?.close(); });

function createApp(applicationType: string, grantTypes: string[], responseTypes?: string[], authMethod?: string) {
  return server.api('POST', '/api/v1/apps', {
    name: 'oidc_client', label: `${applicationType} ${grantTypes.map((g) => g.split(':').pop()).join('+')}`.slice(0, 100), signOnMode: 'OPENID_CONNECT',
    credentials: { oauthClient: { token_endpoint_auth_method: authMethod ?? (applicationType === 'browser' ? 'none' : 'client_secret_basic') } },
    settings: { oauthClient: {
      application_type: applicationType, grant_types: grantTypes,
      ...(responseTypes ? { response_types: responseTypes } : {}),
      ...(applicationType === 'service' ? {} : { redirect_uris: [REDIRECT] }),
    } },
  });
}

describe("Okta's service app example", () => {
  it('is accepted and stored with response_types ["token"], and gets a token by client credentials through openid-client', async () => {
    const app = await createApp('service', ['client_credentials'], ['token']);
    expect(app.status, JSON.stringify(app.body)).toBe(200);
    expect(app.body.settings.oauthClient).toMatchObject({ application_type: 'service', response_types: ['token'], grant_types: ['client_credentials'] });
    const stored = await server.api('GET', `/api/v1/apps/${app.body.id}`);
    expect(stored.body.settings.oauthClient.response_types).toEqual(['token']);

    const { client_id: clientId, client_secret: secret } = app.body.credentials.oauthClient;
    const config = await oidc.discovery(new URL(`${server.ctx.config.issuer}/oauth2/default`), clientId, secret, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'reports:read' });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.access_token.split('.')).toHaveLength(3);
    expect(tokens.id_token).toBeUndefined();
    expect(tokens.scope).toBe('reports:read');
  });

  it('defaults response_types to ["token"] for a service app that names none', async () => {
    const app = await createApp('service', ['client_credentials']);
    expect(app.status).toBe(200);
    expect(app.body.settings.oauthClient.response_types).toEqual(['token']);
  });
});

describe('combinations per application type', () => {
  const accepted: Array<[string, string[], string[]]> = [
    ['web', ['authorization_code'], ['code']],
    ['web', ['authorization_code', 'refresh_token', 'client_credentials'], ['code']],
    ['web', ['authorization_code', 'implicit'], ['code', 'token', 'id_token']],
    ['web', ['authorization_code', 'urn:ietf:params:oauth:grant-type:saml2-bearer', 'urn:ietf:params:oauth:grant-type:token-exchange'], ['code']],
    ['browser', ['authorization_code'], ['code']],
    ['browser', ['implicit'], ['token', 'id_token']],
    ['browser', ['authorization_code', 'refresh_token', 'interaction_code'], ['code']],
    ['native', ['authorization_code', 'password', 'refresh_token'], ['code']],
    ['native', ['authorization_code', 'implicit'], ['code', 'id_token']],
    ['native', [DEVICE, 'refresh_token'], []],
    ['service', ['client_credentials', 'urn:ietf:params:oauth:grant-type:jwt-bearer'], ['token']],
  ];
  it.each(accepted)('accepts and stores a %s app with %j and %j', async (type, grants, responses) => {
    const app = await createApp(type, grants, responses);
    expect(app.status, JSON.stringify(app.body)).toBe(200);
    const stored = (await server.api('GET', `/api/v1/apps/${app.body.id}`)).body.settings.oauthClient;
    expect(stored).toMatchObject({ application_type: type, grant_types: grants, response_types: responses });
  });

  const refused: Array<[string, string[], string[] | undefined, string]> = [
    ['service', ['authorization_code'], ['code'], 'settings.oauthClient.grant_types: authorization_code is not valid for a service app'],
    ['browser', ['client_credentials'], ['token'], 'settings.oauthClient.grant_types: client_credentials is not valid for a browser app'],
    ['web', ['implicit'], ['token'], 'settings.oauthClient.grant_types: A web app must have at least authorization_code'],
    ['service', ['client_credentials'], ['id_token'], 'settings.oauthClient.response_types: A service app works with OAuth 2.0, not OpenID Connect: id_token is not valid'],
    ['web', ['authorization_code'], ['code', 'token'], "settings.oauthClient.response_types: 'token' needs the implicit grant"],
    ['web', ['authorization_code'], ['code', 'code id_token'], 'settings.oauthClient.response_types: code id_token is not a valid response type'],
    ['browser', ['implicit'], ['code'], "settings.oauthClient.response_types: 'code' needs the authorization_code grant"],
    ['web', ['authorization_code', 'bogus'], undefined, 'settings.oauthClient.grant_types: bogus is not valid for a web app'],
  ];
  it.each(refused)('refuses a %s app with %j and %j, creating nothing', async (type, grants, responses, cause) => {
    const before = (await server.api('GET', '/api/v1/apps?limit=200')).body.length;
    const res = await createApp(type, grants, responses);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary).join('\n')).toContain(cause);
    expect((await server.api('GET', '/api/v1/apps?limit=200')).body.length).toBe(before);
  });
});

describe('a stored flow Tollgate does not implement', () => {
  it('answers the password grant with unsupported_grant_type naming the grant and Tollgate', async () => {
    const app = await createApp('native', ['authorization_code', 'password'], ['code'], 'client_secret_post');
    expect(app.status).toBe(200);
    const { client_id, client_secret } = app.body.credentials.oauthClient;
    const res = await fetch(`${server.ctx.config.issuer}/oauth2/default/v1/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: 'someone@example.com', password: 'x', scope: 'openid', client_id, client_secret }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'unsupported_grant_type', error_description: grantMessage('password') });
  });

  it('answers response_type=token at authorize with unsupported_response_type saying the implicit flow is not implemented', async () => {
    const app = await createApp('browser', ['authorization_code', 'implicit'], ['code', 'token']);
    expect(app.status).toBe(200);
    const url = new URL(`${server.ctx.config.issuer}/oauth2/default/v1/authorize`);
    url.search = new URLSearchParams({ client_id: app.body.credentials.oauthClient.client_id, response_type: 'token', redirect_uri: REDIRECT, scope: 'openid', state: 's1', nonce: 'n1' }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBeGreaterThanOrEqual(300);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    const params = new URLSearchParams(location.hash ? location.hash.slice(1) : location.search);
    expect(params.get('error')).toBe('unsupported_response_type');
    expect(params.get('error_description')).toBe(responseTypeMessage('token'));
    expect(params.get('state')).toBe('s1');
  });
});
