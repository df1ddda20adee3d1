import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { attachTokenHook, codeFlow, serviceClient, setUpOidcOrg, verifiedClaims, type OidcOrg } from './oidc-kit.js';

/*
 * openid-client as a relying party against the default custom authorization server: code flow with PKCE
 * through the hosted sign-in page, refresh tokens, client credentials, userinfo, introspection and
 * revocation, with and without a token inline hook.
 */
let server: TestServer;
let hook: HookServer;
let org: OidcOrg;

beforeAll(async () => {
  server = await startTestServer();
  hook = await startHookServer();
  org = await setUpOidcOrg(server);
});
afterAll(async () => {
  await hook?.close();
  await server?.close();
});

describe('authorization code with PKCE through the hosted sign-in page', () => {
  it('issues verified Okta-shaped ID and access tokens and a refresh token', async () => {
    await attachTokenHook(server, org, undefined);
    const { tokens } = await codeFlow(server, org);
    const id = await verifiedClaims(org, tokens.id_token!);
    expect(id).toMatchObject({ iss: org.issuer, aud: org.web.clientId, sub: org.user.id, ver: 1, email: org.user.login, preferred_username: org.user.login, name: 'Rita Party', amr: ['pwd'] });
    expect(id.jti).toMatch(/^ID\./);
    expect(tokens.claims()?.sub).toBe(org.user.id);
    const at = await verifiedClaims(org, tokens.access_token);
    expect(at).toMatchObject({ iss: org.issuer, aud: 'api://default', cid: org.web.clientId, uid: org.user.id, sub: org.user.login, ver: 1 });
    expect(at.scp.sort()).toEqual(['email', 'offline_access', 'openid', 'profile']);
    expect(at.exp - at.iat).toBe(3600);
    expect(tokens.refresh_token).toBeTruthy();
  });
});
