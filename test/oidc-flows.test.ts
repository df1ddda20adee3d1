import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { Browser } from './helpers/browser.js';
import { attachTokenHook, authorizeUrl, codeFlow, HOOK_SECRET, ok, REDIRECT_URI, serviceClient, setUpOidcOrg, signInThroughHostedPages, verifiedClaims, webClient, type OidcOrg } from './oidc-kit.js';

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

describe('the token inline hook on the policy rule', () => {
  it('patches both tokens of a code flow; openid-client sees the patched claims in verified tokens', async () => {
    const hookId = await attachTokenHook(server, org, `${hook.url}/token`);
    hook.handle((_req, res) => json(res, 200, {
      commands: [
        { type: 'com.okta.identity.patch', value: [
          { op: 'add', path: '/claims/extPatientId', value: '1234' },
          { op: 'replace', path: '/claims/name', value: 'Dr. Rita Party' },
          { op: 'remove', path: '/claims/locale' },
          { op: 'replace', path: '/token/lifetime/expiration', value: 1800 },
        ] },
        { type: 'com.okta.access.patch', value: [
          { op: 'add', path: '/claims/external_guid', value: 'F0384685-F87D-474B-848D-2058AC5655A7' },
          { op: 'add', path: '/claims/roles', value: ['reader'] },
          { op: 'add', path: '/claims/roles/-', value: 'writer' },
          { op: 'replace', path: '/token/lifetime/expiration', value: 7200 },
        ] },
      ],
      debugContext: { note: 'patched' },
    }));
    const before = hook.requests.length;
    const { config, tokens } = await codeFlow(server, org);
    expect(hook.requests.length - before).toBe(1);

    const id = await verifiedClaims(org, tokens.id_token!);
    expect(id).toMatchObject({ extPatientId: '1234', name: 'Dr. Rita Party', sub: org.user.id, aud: org.web.clientId });
    expect(id).not.toHaveProperty('locale');
    expect(id.exp - id.iat).toBe(1800);
    expect(tokens.claims()).toMatchObject({ extPatientId: '1234', name: 'Dr. Rita Party' });
    const at = await verifiedClaims(org, tokens.access_token);
    expect(at).toMatchObject({ external_guid: 'F0384685-F87D-474B-848D-2058AC5655A7', roles: ['reader', 'writer'], cid: org.web.clientId });
    expect(at.exp - at.iat).toBe(7200);
    expect(tokens.expires_in).toBe(7200);

    // The request, field by field (reference §3.2).
    const req = hook.requests[hook.requests.length - 1];
    expect(req.headers.authorization).toBe(HOOK_SECRET);
    expect(req.body).toMatchObject({
      eventType: 'com.okta.oauth2.tokens.transform', eventTypeVersion: '1.0', cloudEventVersion: '0.1', contentType: 'application/json',
      source: `${org.issuer}/v1/token`,
    });
    const data = req.body.data;
    expect(data.context.request).toMatchObject({ method: 'POST', url: { value: `${org.issuer}/v1/token` } });
    expect(data.context.protocol).toMatchObject({
      type: 'OAUTH2.0', issuer: { uri: org.issuer }, client: { id: org.web.clientId, name: 'RP web', type: 'CONFIDENTIAL' },
      request: { scope: 'openid profile email offline_access', redirect_uri: REDIRECT_URI, response_type: 'code', client_id: org.web.clientId, grant_type: 'authorization_code' },
    });
    expect(data.context.protocol.request.state).toBeTruthy();
    expect(data.context.session).toMatchObject({ userId: org.user.id, login: org.user.login, status: 'ACTIVE', amr: ['PASSWORD'], idp: { type: 'OKTA' } });
    expect(data.context.session.id).toMatch(/^102/);
    expect(data.context.user).toMatchObject({ id: org.user.id, profile: { login: org.user.login, firstName: 'Rita', lastName: 'Party' } });
    expect(data.context.user._links.groups.href).toContain(`/api/v1/users/${org.user.id}/groups`);
    expect(data.context.policy).toEqual({ id: org.policyId, rule: { id: org.ruleId } });
    expect(data.identity.claims).toMatchObject({ sub: org.user.id, iss: org.issuer, aud: org.web.clientId, ver: 1, preferred_username: org.user.login, nonce: expect.any(String) });
    expect(data.identity.token).toEqual({ lifetime: { expiration: 3600 } });
    expect(data.access.claims).toMatchObject({ iss: org.issuer, aud: 'api://default', cid: org.web.clientId, uid: org.user.id, ver: 1 });
    expect(data.access.token).toEqual({ lifetime: { expiration: 3600 } });
    expect(Object.keys(data.access.scopes).sort()).toEqual(['email', 'offline_access', 'openid', 'profile']);
    expect(data.access.scopes.openid).toEqual({ id: expect.stringMatching(/^scp/), action: 'GRANT' });
    expect(data.refresh_token.jti).toMatch(/^oar/);
    expect(JSON.stringify(req.body)).not.toContain(tokens.refresh_token);

    // A refresh-token grant calls the hook again, with the original grant.
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    const again = hook.requests[hook.requests.length - 1].body.data;
    expect(again.context.protocol.request.grant_type).toBe('refresh_token');
    expect(again.context.protocol.OriginalGrant).toEqual({
      authorization: expect.objectContaining({ scope: 'openid profile email offline_access', redirect_uri: REDIRECT_URI }),
      refresh_token: { jti: data.refresh_token.jti },
    });
    expect((await verifiedClaims(org, refreshed.access_token)).external_guid).toBe('F0384685-F87D-474B-848D-2058AC5655A7');
    expect((await verifiedClaims(org, refreshed.id_token!)).extPatientId).toBe('1234');

    // Admins see the call and the grants in the System Log.
    const logs = await ok(server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`target.id eq "${hookId}"`)}&limit=50`));
    expect(logs.map((e: any) => e.eventType)).toEqual(expect.arrayContaining(['inline_hook.executed', 'inline_hook.response.processed']));
    const grants = await ok(server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType sw "app.oauth2.as.token.grant."')}&limit=100`));
    expect(grants.map((e: any) => e.eventType)).toEqual(expect.arrayContaining([
      'app.oauth2.as.token.grant.access_token', 'app.oauth2.as.token.grant.id_token', 'app.oauth2.as.token.grant.refresh_token',
    ]));
    expect(grants.find((e: any) => e.debugContext.debugData.tokenInlineHook === 'PATCHED')).toBeTruthy();
  });

  it('patches client credentials tokens (no ID token, no user)', async () => {
    await attachTokenHook(server, org, `${hook.url}/token`);
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.access.patch', value: [
      { op: 'add', path: '/claims/tenant', value: 'acme' },
      { op: 'replace', path: '/claims/sub', value: 'service:reporting' },
    ] }] }));
    const config = await serviceClient(org);
    const tokens = await oidc.clientCredentialsGrant(config, { scope: 'orders:read' });
    const at = await verifiedClaims(org, tokens.access_token);
    expect(at).toMatchObject({ tenant: 'acme', sub: 'service:reporting', cid: org.service.clientId, scp: ['orders:read'], aud: 'api://default' });
    expect(at).not.toHaveProperty('uid');
    const data = hook.requests[hook.requests.length - 1].body.data;
    expect(data).not.toHaveProperty('identity');
    expect(data.context).not.toHaveProperty('user');
    expect(data.context.protocol.request).toEqual({ grant_type: 'client_credentials', scope: 'orders:read', client_id: org.service.clientId });
    expect(Object.keys(data.access.scopes)).toEqual(['orders:read']);
  });
});

describe('userinfo, introspection and revocation', () => {
  it('serves userinfo for the access token, introspects and revokes access and refresh tokens', async () => {
    await attachTokenHook(server, org, undefined);
    const { config, tokens } = await codeFlow(server, org);
    const info = await oidc.fetchUserInfo(config, tokens.access_token, org.user.id);
    expect(info).toMatchObject({ sub: org.user.id, email: org.user.login, email_verified: true, given_name: 'Rita', family_name: 'Party', locale: 'en_US' });
    expect(info).not.toHaveProperty('ver');

    const at = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(at).toMatchObject({ active: true, client_id: org.web.clientId, username: org.user.login, uid: org.user.id, token_type: 'Bearer' });
    const rt = await oidc.tokenIntrospection(config, tokens.refresh_token!);
    expect(rt).toMatchObject({ active: true, client_id: org.web.clientId, token_type: 'refresh_token', uid: org.user.id });

    await oidc.tokenRevocation(config, tokens.access_token);
    expect((await oidc.tokenIntrospection(config, tokens.access_token)).active).toBe(false);
    await expect(oidc.fetchUserInfo(config, tokens.access_token, org.user.id)).rejects.toThrow();
    await oidc.tokenRevocation(config, tokens.refresh_token!);
    expect((await oidc.tokenIntrospection(config, tokens.refresh_token!)).active).toBe(false);
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses introspection without client authentication', async () => {
    const res = await fetch(`${org.issuer}/v1/introspect`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'token=abc' });
    expect(res.status).toBe(401);
    expect((await res.json()).error).toBe('invalid_client');
  });
});

describe('access rules', () => {
  it('denies a user who is not assigned to the app, back at the redirect URI', async () => {
    const other = await ok(server.api('POST', '/api/v1/users?activate=true', {
      profile: { login: 'not.assigned@example.com', email: 'not.assigned@example.com', firstName: 'Nat', lastName: 'Assigned' },
      credentials: { password: { value: 'Sunny-Day-42' } },
    }));
    const config = await webClient(org);
    const { url } = await authorizeUrl(config, 'openid');
    const callback = await signInThroughHostedPages(server, url, other.profile.login, new Browser(server.url));
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('error_description')).toBe('User is not assigned to the client application.');
  });

  it('refuses tokens when no policy rule matches (Okta\'s message)', async () => {
    const policy = await ok(server.api('GET', `/api/v1/authorizationServers/default/policies/${org.policyId}`));
    await ok(server.api('PUT', `/api/v1/authorizationServers/default/policies/${org.policyId}`, { ...policy, conditions: { clients: { include: [org.web.clientId] } } }));
    try {
      const config = await serviceClient(org);
      await expect(oidc.clientCredentialsGrant(config, { scope: 'orders:read' })).rejects.toMatchObject({
        error: 'access_denied', error_description: 'Policy evaluation failed for this request, please check the policy configurations.',
      });
    } finally {
      await ok(server.api('PUT', `/api/v1/authorizationServers/default/policies/${org.policyId}`, policy));
    }
  });

  it('refuses OpenID scopes and unknown scopes with client credentials', async () => {
    const config = await serviceClient(org);
    await expect(oidc.clientCredentialsGrant(config, { scope: 'openid' })).rejects.toMatchObject({ error: 'invalid_scope' });
    await expect(oidc.clientCredentialsGrant(config, { scope: 'orders:write' })).rejects.toMatchObject({ error: 'invalid_scope' });
  });
});
