import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { startTestServer, type TestServer } from './helpers/server.js';
import { codeFlow, ok, setUpOidcOrg, verifiedClaims, type OidcOrg } from './oidc-kit.js';

/* `/api/v1/authorizationServers` (servers, keys, scopes, claims, policies, rules) and OIDC apps, in Okta's shapes. */
let server: TestServer;
let org: OidcOrg;
const AS = '/api/v1/authorizationServers';

async function logTypes(targetId: string): Promise<string[]> {
  const logs = await ok(server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`target.id eq "${targetId}"`)}&limit=200`));
  return logs.map((e: any) => e.eventType);
}

async function expectInvalid(method: string, path: string, body: unknown, cause: RegExp) {
  const res = await server.api(method, path, body);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.errorCode).toBe('E0000001');
  expect(res.body.errorCauses.map((c: any) => c.errorSummary).join('\n')).toMatch(cause);
}

beforeAll(async () => {
  server = await startTestServer();
  org = await setUpOidcOrg(server, 'mgmt.user@example.com');
});
afterAll(async () => { await server?.close(); });

describe('authorization servers', () => {
  it('has the default server at first start, in Okta\'s shape, with its key published', async () => {
    const def = await ok(server.api('GET', `${AS}/default`));
    expect(def).toMatchObject({
      id: 'default', name: 'default', audiences: ['api://default'], issuer: org.issuer, issuerMode: 'ORG_URL', status: 'ACTIVE',
      credentials: { signing: { kid: expect.any(String), use: 'sig' } },
    });
    expect(def._links.metadata.map((m: any) => m.name)).toEqual(['oauth-authorization-server', 'openid-configuration']);
    const jwks = await (await fetch(`${org.issuer}/v1/keys`)).json();
    expect(jwks.keys.map((k: any) => k.kid)).toContain(def.credentials.signing.kid);
    const keys = await ok(server.api('GET', `${AS}/default/credentials/keys`));
    expect(keys[0]).toMatchObject({ kid: def.credentials.signing.kid, status: 'ACTIVE', alg: 'RS256', use: 'sig', kty: 'RSA' });
    const scopes = await ok(server.api('GET', `${AS}/default/scopes`));
    expect(scopes.filter((s: any) => s.system).map((s: any) => s.name).sort()).toEqual(['address', 'email', 'offline_access', 'openid', 'phone', 'profile']);
    for (const name of ['openid-configuration', 'oauth-authorization-server']) {
      const meta = await (await fetch(`${org.issuer}/.well-known/${name}`)).json();
      expect(meta).toMatchObject({ issuer: org.issuer, token_endpoint: `${org.issuer}/v1/token`, jwks_uri: `${org.issuer}/v1/keys`, userinfo_endpoint: `${org.issuer}/v1/userinfo` });
    }
  });

  it('creates a server that issues its own tokens once it has a policy and rule', async () => {
    await expectInvalid('POST', AS, { name: 'No audience' }, /audiences/);
    await expectInvalid('POST', AS, { audiences: ['api://x'] }, /name/);
    await expectInvalid('POST', AS, { name: 'Two', audiences: ['a', 'b'] }, /Only one audience/);
    const created = await server.api('POST', AS, { name: 'Orders', description: 'Orders API', audiences: ['api://orders'] });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(id).toMatch(/^aus/);
    expect(created.body.issuer).toBe(`${server.ctx.config.issuer}/oauth2/${id}`);
    expect(await logTypes(id)).toEqual(['oauth2.as.created']);

    await ok(server.api('POST', `${AS}/${id}/scopes`, { name: 'orders:write' }), 201);
    const tokenRequest = () => fetch(`${server.ctx.config.issuer}/oauth2/${id}/v1/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders:write', client_id: org.service.clientId, client_secret: org.service.clientSecret }),
    });
    const denied = await tokenRequest();
    expect(denied.status).toBe(400);
    expect((await denied.json()).error).toBe('access_denied');

    const policy = await ok(server.api('POST', `${AS}/${id}/policies`, {
      type: 'OAUTH_AUTHORIZATION_POLICY', name: 'Services', description: 'Service clients', conditions: { clients: { include: [org.service.clientId] } },
    }), 201);
    expect(policy).toMatchObject({ type: 'OAUTH_AUTHORIZATION_POLICY', status: 'ACTIVE', priority: 1, system: false });
    const rule = await ok(server.api('POST', `${AS}/${id}/policies/${policy.id}/rules`, {
      type: 'RESOURCE_ACCESS', name: 'Short tokens',
      conditions: { grantTypes: { include: ['client_credentials'] }, scopes: { include: ['orders:write'] }, people: { groups: { include: ['EVERYONE'] } } },
      actions: { token: { accessTokenLifetimeMinutes: 5 } },
    }), 201);
    expect(rule.actions.token).toEqual({ accessTokenLifetimeMinutes: 5, refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: 10080 });
    expect(await logTypes(policy.id)).toEqual(['policy.lifecycle.create', 'policy.rule.add']);

    const granted = await tokenRequest();
    expect(granted.status).toBe(200);
    const body = await granted.json();
    const at = await verifiedClaims({ ...org, issuer: `${server.ctx.config.issuer}/oauth2/${id}` }, body.access_token);
    expect(at).toMatchObject({ iss: `${server.ctx.config.issuer}/oauth2/${id}`, aud: 'api://orders', scp: ['orders:write'] });
    expect(at.exp - at.iat).toBe(300);
    // The default server's keys do not verify it.
    await expect(verifiedClaims(org, body.access_token)).rejects.toThrow();

    await ok(server.api('POST', `${AS}/${id}/lifecycle/deactivate`), 204);
    expect((await fetch(`${server.ctx.config.issuer}/oauth2/${id}/.well-known/openid-configuration`)).status).toBe(404);
    await ok(server.api('POST', `${AS}/${id}/lifecycle/activate`), 204);
    expect((await fetch(`${server.ctx.config.issuer}/oauth2/${id}/.well-known/openid-configuration`)).status).toBe(200);

    const replaced = await ok(server.api('PUT', `${AS}/${id}`, { name: 'Orders v2', description: 'Orders API', audiences: ['api://orders'] }));
    expect(replaced.name).toBe('Orders v2');
    const list = await server.api('GET', `${AS}?q=orders&limit=1`);
    expect(list.body.map((s: any) => s.id)).toEqual([id]);

    await ok(server.api('DELETE', `${AS}/${id}`), 204);
    expect((await server.api('GET', `${AS}/${id}`)).body.errorCode).toBe('E0000007');
    expect(await logTypes(id)).toEqual(['oauth2.as.created', 'oauth2.as.deactivated', 'oauth2.as.activated', 'oauth2.as.updated', 'oauth2.as.deleted']);
  });

  it('pages with Link rel="next"', async () => {
    for (const n of [1, 2]) await ok(server.api('POST', AS, { name: `Paged ${n}`, audiences: [`api://paged${n}`] }), 201);
    const first = await server.api('GET', `${AS}?limit=2`);
    expect(first.body).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(String(first.headers.get('link')))?.[1];
    expect(next).toBeTruthy();
    const second = await server.api('GET', new URL(next!).pathname + new URL(next!).search);
    expect(second.body.map((s: any) => s.id)).not.toContain(first.body[0].id);
  });

  it('rotates the signing key: new tokens use the new key, the old key stays published', async () => {
    const before = await ok(server.api('GET', `${AS}/default`));
    const { tokens } = await codeFlow(server, org, 'openid');
    const rotated = await ok(server.api('POST', `${AS}/default/credentials/lifecycle/keyRotate`, { use: 'sig' }));
    expect(rotated.map((k: any) => k.status)).toEqual(['ACTIVE', 'EXPIRED']);
    const after = await ok(server.api('GET', `${AS}/default`));
    expect(after.credentials.signing.kid).not.toBe(before.credentials.signing.kid);
    expect(await logTypes('default')).toContain('app.oauth2.as.key.rollover');
    const jwks = await (await fetch(`${org.issuer}/v1/keys`)).json();
    expect(jwks.keys.map((k: any) => k.kid)).toEqual(expect.arrayContaining([before.credentials.signing.kid, after.credentials.signing.kid]));
    expect(await verifiedClaims(org, tokens.id_token!)).toMatchObject({ sub: org.user.id });
    const fresh = await codeFlow(server, org, 'openid');
    expect(JSON.parse(Buffer.from(fresh.tokens.id_token!.split('.')[0], 'base64url').toString()).kid).toBe(after.credentials.signing.kid);
  });
});

describe('scopes and claims', () => {
  it('validates scopes and protects system scopes', async () => {
    await expectInvalid('POST', `${AS}/default/scopes`, { name: 'openid' }, /already exists/);
    await expectInvalid('POST', `${AS}/default/scopes`, { name: 'okta.users.read' }, /reserved/);
    await expectInvalid('POST', `${AS}/default/scopes`, { name: 'has space' }, /printable ASCII/);
    const openid = (await ok(server.api('GET', `${AS}/default/scopes?q=openid`)))[0];
    await expectInvalid('DELETE', `${AS}/default/scopes/${openid.id}`, undefined, /system scope/);
    const created = await ok(server.api('POST', `${AS}/default/scopes`, { name: 'invoices:read', consent: 'REQUIRED', metadataPublish: 'ALL_CLIENTS' }), 201);
    expect(created).toMatchObject({ name: 'invoices:read', consent: 'REQUIRED', system: false, default: false, metadataPublish: 'ALL_CLIENTS' });
    const updated = await ok(server.api('PUT', `${AS}/default/scopes/${created.id}`, { name: 'invoices:read', description: 'Read invoices' }));
    expect(updated.description).toBe('Read invoices');
    await ok(server.api('DELETE', `${AS}/default/scopes/${created.id}`), 204);
    expect(await logTypes(created.id)).toEqual(['oauth2.scope.created', 'oauth2.scope.updated', 'oauth2.scope.deleted']);
  });

  it('puts custom claims in the tokens they are for', async () => {
    await expectInvalid('POST', `${AS}/default/claims`, { name: 'sub', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: 'user.email' }, /reserved/);
    await expectInvalid('POST', `${AS}/default/claims`, { name: 'x', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: 'user.email.substring(1)' }, /Unsupported expression/);
    await expectInvalid('POST', `${AS}/default/claims`, { name: 'g', claimType: 'IDENTITY', valueType: 'GROUPS', value: 'Every' }, /group_filter_type/);
    await expectInvalid('POST', `${AS}/default/claims`, { name: 'x', claimType: 'IDENTITY', valueType: 'EXPRESSION', value: '"a"', conditions: { scopes: ['nope'] } }, /Unknown scope/);
    const mail = await ok(server.api('POST', `${AS}/default/claims`, { name: 'mail', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: 'user.email', conditions: { scopes: [] } }), 201);
    expect(mail).toMatchObject({ name: 'mail', claimType: 'RESOURCE', valueType: 'EXPRESSION', alwaysIncludeInToken: true, status: 'ACTIVE', system: false });
    await ok(server.api('POST', `${AS}/default/claims`, { name: 'greeting', claimType: 'IDENTITY', valueType: 'EXPRESSION', value: '"Hello " + user.firstName', conditions: { scopes: ['profile'] } }), 201);
    await ok(server.api('POST', `${AS}/default/claims`, { name: 'teams', claimType: 'IDENTITY', valueType: 'GROUPS', value: 'Every', group_filter_type: 'STARTS_WITH', conditions: { scopes: [] } }), 201);
    const { tokens } = await codeFlow(server, org, 'openid profile');
    const id = await verifiedClaims(org, tokens.id_token!);
    expect(id).toMatchObject({ greeting: 'Hello Rita', teams: ['Everyone'] });
    expect(await verifiedClaims(org, tokens.access_token)).toMatchObject({ mail: org.user.login });
    const narrow = await codeFlow(server, org, 'openid');
    expect(await verifiedClaims(org, narrow.tokens.id_token!)).not.toHaveProperty('greeting');
    await ok(server.api('DELETE', `${AS}/default/claims/${mail.id}`), 204);
    const later = await codeFlow(server, org, 'openid');
    expect(await verifiedClaims(org, later.tokens.access_token)).not.toHaveProperty('mail');
  });
});

describe('policies and rules', () => {
  it('validates rules before writing anything', async () => {
    const hook = await ok(server.api('POST', '/api/v1/inlineHooks', {
      name: 'A registration hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/reg', method: 'POST' } },
    }));
    const rules = `${AS}/default/policies/${org.policyId}/rules`;
    const count = (await ok(server.api('GET', rules))).length;
    const base = { type: 'RESOURCE_ACCESS', name: 'R', conditions: { grantTypes: { include: ['authorization_code'] }, scopes: { include: ['*'] }, people: { groups: { include: ['EVERYONE'] } } } };
    await expectInvalid('POST', rules, { ...base, name: '' }, /name/);
    await expectInvalid('POST', rules, { ...base, conditions: { ...base.conditions, grantTypes: { include: ['magic'] } } }, /Unknown grant type/);
    await expectInvalid('POST', rules, { ...base, conditions: { ...base.conditions, scopes: { include: ['nope'] } } }, /Unknown scope/);
    await expectInvalid('POST', rules, { ...base, conditions: { ...base.conditions, people: { groups: { include: ['00gNOPE'] } } } }, /Unknown group/);
    await expectInvalid('POST', rules, { ...base, actions: { token: { accessTokenLifetimeMinutes: 4 } } }, /accessTokenLifetimeMinutes/);
    await expectInvalid('POST', rules, { ...base, actions: { token: { refreshTokenWindowMinutes: 5 } } }, /refreshTokenWindowMinutes/);
    await expectInvalid('POST', rules, { ...base, actions: { token: { inlineHook: { id: hook.id } } } }, /com\.okta\.oauth2\.tokens\.transform/);
    await expectInvalid('POST', rules, { ...base, actions: { token: { inlineHook: { id: 'calNOPE' } } } }, /not found/);
    await expectInvalid('POST', `${AS}/default/policies`, { name: 'No description', conditions: { clients: { include: ['ALL_CLIENTS'] } } }, /description/);
    expect((await ok(server.api('GET', rules))).length).toBe(count);
  });

  it('orders rules by priority, and applies the first one that matches', async () => {
    const rules = `${AS}/default/policies/${org.policyId}/rules`;
    const first = await ok(server.api('POST', rules, {
      type: 'RESOURCE_ACCESS', name: 'Short for this user', priority: 1,
      conditions: { grantTypes: { include: ['authorization_code'] }, scopes: { include: ['*'] }, people: { users: { include: [org.user.id] } } },
      actions: { token: { accessTokenLifetimeMinutes: 10 } },
    }), 201);
    expect(first.priority).toBe(1);
    const all = await ok(server.api('GET', rules));
    expect(all.map((r: any) => r.name)).toEqual(['Short for this user', 'Default Policy Rule']);
    const { tokens } = await codeFlow(server, org, 'openid');
    const at = await verifiedClaims(org, tokens.access_token);
    expect(at.exp - at.iat).toBe(600);
    await ok(server.api('POST', `${rules}/${first.id}/lifecycle/deactivate`), 204);
    const next = await codeFlow(server, org, 'openid');
    const at2 = await verifiedClaims(org, next.tokens.access_token);
    expect(at2.exp - at2.iat).toBe(3600);
    await ok(server.api('DELETE', `${rules}/${first.id}`), 204);
    expect(await logTypes(first.id)).toEqual(['policy.rule.add', 'policy.rule.deactivate', 'policy.rule.delete']);
  });
});

describe('OIDC apps', () => {
  it('shows the client secret once, stores it encrypted, and keeps the client id', async () => {
    const created = await ok(server.api('POST', '/api/v1/apps', {
      label: 'Secret keeper', signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { redirect_uris: ['https://sk.example.com/cb'], grant_types: ['authorization_code'] } },
    }));
    expect(created).toMatchObject({ name: 'oidc_client', signOnMode: 'OPENID_CONNECT', credentials: { oauthClient: { client_id: created.id, token_endpoint_auth_method: 'client_secret_basic' } } });
    expect(created.settings.oauthClient).toMatchObject({ response_types: ['code'], application_type: 'web', grant_types: ['authorization_code'] });
    const secret = created.credentials.oauthClient.client_secret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const fetched = await ok(server.api('GET', `/api/v1/apps/${created.id}`));
    expect(fetched.credentials.oauthClient).not.toHaveProperty('client_secret');
    const row = await server.ctx.db.selectFrom('apps').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(secret);
    await expectInvalid('PUT', `/api/v1/apps/${created.id}`, { ...fetched, credentials: { oauthClient: { client_id: 'another-client' } } }, /cannot be changed/);
    const replaced = await ok(server.api('PUT', `/api/v1/apps/${created.id}`, { ...fetched, label: 'Secret keeper 2' }));
    expect(replaced.credentials.oauthClient.client_id).toBe(created.id);
    expect(await logTypes(created.id)).toEqual(['application.lifecycle.create', 'application.lifecycle.activate', 'application.lifecycle.update']);
  });

  it('makes SPAs public PKCE clients and refuses what Okta refuses', async () => {
    const spa = await ok(server.api('POST', '/api/v1/apps', {
      label: 'SPA', signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { redirect_uris: ['http://localhost:3000/cb'], grant_types: ['authorization_code'], application_type: 'browser' } },
      credentials: { oauthClient: { client_id: 'my-spa-client' } },
    }));
    expect(spa.credentials.oauthClient).toEqual(expect.objectContaining({ client_id: 'my-spa-client', token_endpoint_auth_method: 'none', pkce_required: true }));
    expect(spa.credentials.oauthClient).not.toHaveProperty('client_secret');
    const oidcApp = (grant_types: string[], extra: Record<string, unknown> = {}) => ({
      label: 'Bad', signOnMode: 'OPENID_CONNECT', settings: { oauthClient: { redirect_uris: ['https://x.example.com/cb'], grant_types, ...extra } },
    });
    // Okta: a web app "must have at least authorization_code"; `token` comes with the implicit grant.
    await expectInvalid('POST', '/api/v1/apps', oidcApp(['implicit'], { response_types: ['token'] }), /must have at least authorization_code/);
    await expectInvalid('POST', '/api/v1/apps', oidcApp(['authorization_code'], { response_types: ['token'] }), /'token' needs the implicit grant/);
    await expectInvalid('POST', '/api/v1/apps', oidcApp(['authorization_code'], { redirect_uris: ['https://x.example.com/cb#frag'] }), /without a fragment/);
    await expectInvalid('POST', '/api/v1/apps', oidcApp(['client_credentials'], { application_type: 'browser' }), /client_credentials/);
    await expectInvalid('POST', '/api/v1/apps', { ...oidcApp(['authorization_code']), credentials: { oauthClient: { client_id: 'my-spa-client' } } }, /already in use/);
    await expectInvalid('POST', '/api/v1/apps', { label: 'No settings', signOnMode: 'OPENID_CONNECT' }, /settings\.oauthClient/);
  });

  it('stops issuing tokens to a deactivated app', async () => {
    await ok(server.api('POST', `/api/v1/apps/${org.service.id}/lifecycle/deactivate`));
    try {
      const config = await oidc.discovery(new URL(org.issuer), org.service.clientId, org.service.clientSecret, oidc.ClientSecretPost(org.service.clientSecret), { execute: [oidc.allowInsecureRequests] });
      await expect(oidc.clientCredentialsGrant(config, { scope: 'orders:read' })).rejects.toMatchObject({ error: 'invalid_client' });
    } finally {
      await ok(server.api('POST', `/api/v1/apps/${org.service.id}/lifecycle/activate`));
    }
  });
});
