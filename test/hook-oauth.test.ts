/**
 * The OAuth 2.0 channel of inline hooks (reference §2.1, §4.4) against a real authorization server run by
 * the test (`oidc-provider`, client credentials, JWT access tokens): `client_secret_post` and
 * `private_key_jwt` with a key from `/api/v1/hook-keys`. The hook endpoint verifies every bearer token with
 * `jose` against the server's JWKS, as a real hook endpoint would, and refuses calls without a valid one.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookHandler, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const AUDIENCE = 'api://tollgate-hooks';
const SCOPE = 'hooks:invoke';
const SECRET_CLIENT = { id: 'tollgate-secret-client', secret: 'a-long-client-secret-for-the-hook-0123456789' };
const JWT_CLIENT = 'tollgate-jwt-client';
const TOKEN_TTL_S = 600;

interface AuthServer {
  issuer: string;
  tokenUrl: string;
  /** Token requests received, with the client authentication they used. */
  tokenRequests: Array<{ clientId: string | null; assertionType: string | null; assertion: string | null; scope: string | null }>;
  close(): Promise<void>;
}

/** A real OAuth 2.0 authorization server: oidc-provider with the two hook clients, issuing JWT access tokens. */
async function startAuthServer(hookKeyJwk: Record<string, unknown>): Promise<AuthServer> {
  const tokenRequests: AuthServer['tokenRequests'] = [];
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { kty, n, e, kid } = hookKeyJwk as { kty: string; n: string; e: string; kid: string };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: SECRET_CLIENT.id, client_secret: SECRET_CLIENT.secret, token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
      },
      {
        client_id: JWT_CLIENT, token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'RS256',
        // The public key an admin copies from GET /api/v1/hook-keys/public/{keyId}.
        jwks: { keys: [{ kty, n, e, kid, alg: 'RS256', use: 'sig' }] },
        grant_types: ['client_credentials'], response_types: [], redirect_uris: [],
      },
    ],
    scopes: [SCOPE],
    features: {
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: SCOPE, audience: AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: TOKEN_TTL_S }),
      },
    },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.method === 'POST' && req.url === '/token') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        tokenRequests.push({
          clientId: form.get('client_id'), assertionType: form.get('client_assertion_type'),
          assertion: form.get('client_assertion'), scope: form.get('scope'),
        });
      });
    }
    callback(req, res);
  });
  return {
    issuer, tokenUrl: `${issuer}/token`, tokenRequests,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

describe('OAuth 2.0 channel of inline hooks (real token endpoint, jose-verified bearer tokens)', () => {
  let server: TestServer;
  let auth: AuthServer;
  let endpoint: HookServer;
  let hookKey: { id: string; keyId: string };
  /** Claims of each accepted token, in call order; a call without a valid token is answered 401. */
  const accepted: JWTPayload[] = [];
  const rejected: string[] = [];
  /** The hook endpoint: verifies the Bearer token with jose against the authorization server's JWKS. */
  let verifying: HookHandler;

  beforeAll(async () => {
    server = await startTestServer();
    const created = await server.api('POST', '/api/v1/hook-keys', { name: 'Hook signing key' });
    expect(created.status).toBe(200);
    hookKey = created.body;
    const publicKey = await server.api('GET', `/api/v1/hook-keys/public/${hookKey.keyId}`);
    expect(publicKey.status).toBe(200);
    auth = await startAuthServer(publicKey.body._embedded);
    const jwks = createRemoteJWKSet(new URL(`${auth.issuer}/jwks`));
    verifying = async (req, res) => {
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      try {
        if (!bearer) throw new Error('no bearer token');
        const { payload } = await jwtVerify(bearer, jwks, { issuer: auth.issuer, audience: AUDIENCE });
        accepted.push(payload);
      } catch (err) {
        rejected.push((err as Error).message);
        return json(res, 401, { error: 'invalid_token' });
      }
      if (req.body?.eventType === 'com.okta.telephony.provider') {
        return json(res, 200, { commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'SUCCESSFUL', provider: 'test', transactionId: 't1' }] }] });
      }
      if (req.body?.eventType === 'com.okta.user.credential.password.import') {
        return json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }] });
      }
      return json(res, 200, { debugContext: { verifiedSubject: accepted.at(-1)?.sub ?? null } });
    };
    endpoint = await startHookServer(verifying);
  });
  afterAll(async () => {
    await endpoint?.close();
    await auth?.close();
    await server?.close();
  });
  beforeEach(() => {
    endpoint.handle(verifying);
    accepted.length = 0;
    rejected.length = 0;
    auth.tokenRequests.length = 0;
    endpoint.requests.length = 0;
  });

  function oauthConfig(kind: 'secret' | 'jwt', extra: Record<string, unknown> = {}) {
    return kind === 'secret'
      ? { authType: 'client_secret_post', clientId: SECRET_CLIENT.id, clientSecret: SECRET_CLIENT.secret, tokenUrl: auth.tokenUrl, scope: SCOPE, ...extra }
      : { authType: 'private_key_jwt', clientId: JWT_CLIENT, hookKeyId: hookKey.id, tokenUrl: auth.tokenUrl, scope: SCOPE, ...extra };
  }

  async function createHook(type: string, kind: 'secret' | 'jwt', extra: Record<string, unknown> = {}): Promise<string> {
    const res = await server.api('POST', '/api/v1/inlineHooks', {
      name: `${type} ${kind} ${Math.random().toString(36).slice(2)}`, type, version: '1.0.0',
      channel: { type: 'OAUTH', version: '1.0.0', config: { uri: `${endpoint.url}/hook`, method: 'POST', ...oauthConfig(kind, extra) } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.channel.config.clientSecret).toBeUndefined();
    return res.body.id;
  }

  async function execute(hookId: string, eventType: string) {
    return server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, {
      eventId: `evt-${Math.random().toString(36).slice(2)}`, eventTime: new Date().toISOString(), eventType,
      eventTypeVersion: '1.0', contentType: 'application/json', cloudEventVersion: '0.1', source: 'test', data: { context: {} },
    });
  }

  async function remove(hookId: string): Promise<void> {
    await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/deactivate`);
    expect((await server.api('DELETE', `/api/v1/inlineHooks/${hookId}`)).status).toBe(204);
  }

  it('private_key_jwt: signs an RFC 7523 client assertion with the hook key; the hook gets a verified Bearer token', async () => {
    const hookId = await createHook('com.okta.oauth2.tokens.transform', 'jwt');
    const res = await execute(hookId, 'com.okta.oauth2.tokens.transform');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.debugContext.verifiedSubject).toBe(JWT_CLIENT);

    expect(auth.tokenRequests).toHaveLength(1);
    const request = auth.tokenRequests[0];
    expect(request.assertionType).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(request.scope).toBe(SCOPE);
    expect(decodeProtectedHeader(request.assertion!)).toMatchObject({ alg: 'RS256', kid: hookKey.keyId });
    const claims = JSON.parse(Buffer.from(request.assertion!.split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ iss: JWT_CLIENT, sub: JWT_CLIENT, aud: auth.tokenUrl });
    expect(typeof claims.jti).toBe('string');
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(300);

    expect(accepted).toHaveLength(1);
    expect(accepted[0]).toMatchObject({ client_id: JWT_CLIENT, scope: SCOPE, aud: AUDIENCE, iss: auth.issuer });
    await remove(hookId);
  });

  it('client_secret_post: the client id and secret in the form body; the hook gets a verified Bearer token', async () => {
    const hookId = await createHook('com.okta.saml.tokens.transform', 'secret');
    const res = await execute(hookId, 'com.okta.saml.tokens.transform');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(auth.tokenRequests).toEqual([{ clientId: SECRET_CLIENT.id, assertionType: null, assertion: null, scope: SCOPE }]);
    expect(accepted[0]).toMatchObject({ client_id: SECRET_CLIENT.id, aud: AUDIENCE });
    await remove(hookId);
  });

  it('works for every inline hook type, with either client authentication', async () => {
    const types = [
      'com.okta.user.pre-registration', 'com.okta.oauth2.tokens.transform', 'com.okta.saml.tokens.transform',
      'com.okta.user.credential.password.import', 'com.okta.import.transform', 'com.okta.telephony.provider',
    ];
    for (const [i, type] of types.entries()) {
      const kind = i % 2 === 0 ? 'jwt' : 'secret';
      const hookId = await createHook(type, kind);
      const res = await execute(hookId, type);
      expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(200);
      expect(endpoint.requests.at(-1)!.headers.authorization).toMatch(/^Bearer ey/);
      await remove(hookId);
    }
    expect(accepted).toHaveLength(types.length);
    expect(rejected).toEqual([]);
  });

  it('caches the token until it expires, shares one fetch between concurrent calls, then fetches a new one', async () => {
    const hookId = await createHook('com.okta.oauth2.tokens.transform', 'jwt');
    const results = await Promise.all([1, 2, 3].map(() => execute(hookId, 'com.okta.oauth2.tokens.transform')));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await execute(hookId, 'com.okta.oauth2.tokens.transform')).toMatchObject({ status: 200 });
    expect(auth.tokenRequests).toHaveLength(1);
    expect(new Set(endpoint.requests.map((r) => r.headers.authorization)).size).toBe(1);

    // Move Tollgate's clock past the token's expiry: the next call asks for a new token.
    const realClock = server.ctx.clock;
    server.ctx.clock = () => new Date(Date.now() + TOKEN_TTL_S * 1000);
    try {
      expect(await execute(hookId, 'com.okta.oauth2.tokens.transform')).toMatchObject({ status: 200 });
    } finally {
      server.ctx.clock = realClock;
    }
    expect(auth.tokenRequests).toHaveLength(2);
    expect(accepted).toHaveLength(5);
    await remove(hookId);
  });

  it('a changed hook never reuses the token obtained for its old configuration', async () => {
    const hookId = await createHook('com.okta.oauth2.tokens.transform', 'jwt');
    await execute(hookId, 'com.okta.oauth2.tokens.transform');
    const update = await server.api('POST', `/api/v1/inlineHooks/${hookId}`, { channel: { type: 'OAUTH', config: oauthConfig('secret', { hookKeyId: null }) } });
    expect(update.status, JSON.stringify(update.body)).toBe(200);
    await execute(hookId, 'com.okta.oauth2.tokens.transform');
    expect(auth.tokenRequests.map((r) => r.clientId)).toEqual([JWT_CLIENT, SECRET_CLIENT.id]);
    expect(accepted.map((c) => c.client_id)).toEqual([JWT_CLIENT, SECRET_CLIENT.id]);
    await remove(hookId);
  });

  it('a wrong client secret: the token endpoint refuses, the hook is never called, the call fails with the reason', async () => {
    const hookId = await createHook('com.okta.oauth2.tokens.transform', 'secret', { clientSecret: 'not-the-secret-of-this-client-000000000' });
    const res = await execute(hookId, 'com.okta.oauth2.tokens.transform');
    expect(res.status).toBe(400);
    expect(res.body.errorCauses[0].errorSummary).toMatch(/refused to issue an access token \(invalid_client/);
    expect(endpoint.requests).toHaveLength(0);
    const call = await server.ctx.db.selectFrom('inline_hook_calls').selectAll().where('hook_id', '=', hookId).executeTakeFirstOrThrow();
    expect(call.outcome).toBe('FAILURE');
    expect(call.error).toMatch(/invalid_client/);
    await remove(hookId);
  });

  it('a client whose registered key is not the hook key is refused by the token endpoint', async () => {
    const other = await server.api('POST', '/api/v1/hook-keys', { name: 'Unregistered key' });
    const hookId = await createHook('com.okta.oauth2.tokens.transform', 'jwt', { hookKeyId: other.body.id });
    const res = await execute(hookId, 'com.okta.oauth2.tokens.transform');
    expect(res.status).toBe(400);
    expect(res.body.errorCauses[0].errorSummary).toMatch(/invalid_client/);
    expect(endpoint.requests).toHaveLength(0);
    await remove(hookId);
  });

  it('a hook naming a hook key that does not exist fails with a clear error', async () => {
    const hookId = await createHook('com.okta.oauth2.tokens.transform', 'jwt', { hookKeyId: 'HKYdoesNotExist00000' });
    const res = await execute(hookId, 'com.okta.oauth2.tokens.transform');
    expect(res.status).toBe(400);
    expect(res.body.errorCauses[0].errorSummary).toBe('The hook key HKYdoesNotExist00000 does not exist');
    expect(auth.tokenRequests).toHaveLength(0);
    await remove(hookId);
  });

  it('a token the endpoint refuses (401) is dropped: the next call fetches a new one', async () => {
    const hookId = await createHook('com.okta.oauth2.tokens.transform', 'jwt');
    await execute(hookId, 'com.okta.oauth2.tokens.transform');
    const firstToken = endpoint.requests[0].headers.authorization;
    // The endpoint revokes that token.
    endpoint.handle((req, res) => (req.headers.authorization === firstToken ? json(res, 401, { error: 'invalid_token' }) : verifying(req, res)));
    expect((await execute(hookId, 'com.okta.oauth2.tokens.transform')).status).toBe(400);
    expect((await execute(hookId, 'com.okta.oauth2.tokens.transform')).status).toBe(200);
    expect(auth.tokenRequests).toHaveLength(2);
    expect(endpoint.requests[2].headers.authorization).not.toBe(firstToken);
    await remove(hookId);
  });

  it('in a real flow: the password import hook on an OAUTH channel verifies a sign-in through /api/v1/authn', async () => {
    const hookId = await createHook('com.okta.user.credential.password.import', 'jwt');
    const user = await server.api('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'O', lastName: 'Auth', email: 'oauth.user@example.com', login: 'oauth.user@example.com' },
      credentials: { password: { hook: { type: 'default' } } },
    });
    expect(user.status).toBe(200);
    const res = await fetch(`${server.url}/api/v1/authn`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'oauth.user@example.com', password: 'From-Legacy-1' }),
    });
    const body = await res.json() as { status: string };
    expect(res.status).toBe(200);
    expect(body.status).toBe('SUCCESS');
    expect(accepted).toHaveLength(1);
    expect(accepted[0].client_id).toBe(JWT_CLIENT);
    await remove(hookId);
  });

  it('a token endpoint that fails (timeout, 5xx, malformed or incomplete reply) fails the hook call without calling the hook', async () => {
    const broken = await startHookServer();
    try {
      const hookId = await createHook('com.okta.oauth2.tokens.transform', 'secret', { tokenUrl: `${broken.url}/token` });
      const cases: Array<[HookHandler, RegExp]> = [
        [() => { /* never answers */ }, /^Could not get an access token from http:\/\/127\.0\.0\.1:\d+\/token: No response within 3000 ms$/],
        [(_req, res) => json(res, 503, { error: 'temporarily_unavailable' }), /refused to issue an access token \(temporarily_unavailable\)/],
        [(_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('not json'); }, /refused to issue an access token \(HTTP 200\)/],
        [(_req, res) => json(res, 200, { token_type: 'Bearer', expires_in: 300 }), /refused to issue an access token \(HTTP 200\)/],
        [(_req, res) => { res.writeHead(302, { location: auth.tokenUrl }).end(); }, /refused to issue an access token \(HTTP 302\)/],
      ];
      for (const [handler, reason] of cases) {
        broken.handle(handler);
        const res = await execute(hookId, 'com.okta.oauth2.tokens.transform');
        expect(res.status).toBe(400);
        expect(res.body.errorCauses[0].errorSummary).toMatch(reason);
      }
      expect(endpoint.requests).toHaveLength(0);
      // Form-encoded client credentials reached the token endpoint each time; the redirect was not followed.
      expect(broken.requests.every((r) => r.headers['content-type'] === 'application/x-www-form-urlencoded')).toBe(true);
      expect(new URLSearchParams(broken.requests[0].rawBody).get('grant_type')).toBe('client_credentials');
      expect(auth.tokenRequests).toHaveLength(0);
      await remove(hookId);
    } finally {
      await broken.close();
    }
  }, 20_000);

  it('a token without expires_in is not cached: each call asks for a new one', async () => {
    const plain = await startHookServer((_req, res) => json(res, 200, { access_token: 'opaque-token-for-the-hook', token_type: 'Bearer' }));
    try {
      const hookId = await createHook('com.okta.oauth2.tokens.transform', 'secret', { tokenUrl: `${plain.url}/token` });
      endpoint.handle((req, res) => json(res, req.headers.authorization === 'Bearer opaque-token-for-the-hook' ? 200 : 401, {}));
      expect((await execute(hookId, 'com.okta.oauth2.tokens.transform')).status).toBe(200);
      expect((await execute(hookId, 'com.okta.oauth2.tokens.transform')).status).toBe(200);
      expect(plain.requests).toHaveLength(2);
      await remove(hookId);
    } finally {
      await plain.close();
    }
  });

  it('a hook key in use cannot be deleted; once no hook uses it, it can', async () => {
    const key = await server.api('POST', '/api/v1/hook-keys', { name: 'Key in use' });
    const hookId = await createHook('com.okta.oauth2.tokens.transform', 'jwt', { hookKeyId: key.body.id });
    expect((await server.api('GET', `/api/v1/hook-keys/${key.body.id}`)).body.isUsed).toBe('true');
    const refused = await server.api('DELETE', `/api/v1/hook-keys/${key.body.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errorCode).toBe('E0000001');
    expect((await server.api('GET', `/api/v1/hook-keys/${key.body.id}`)).status).toBe(200);
    await remove(hookId);
    expect((await server.api('GET', `/api/v1/hook-keys/${key.body.id}`)).body.isUsed).toBe('false');
    expect((await server.api('DELETE', `/api/v1/hook-keys/${key.body.id}`)).status).toBe(204);
  });
});
