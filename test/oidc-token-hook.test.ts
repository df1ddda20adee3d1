import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { attachTokenHook, codeFlow, ok, setUpOidcOrg, verifiedClaims, type OidcOrg } from './oidc-kit.js';

/*
 * The token hook's failure rules (reference §2.5, §3.2): fails open (tokens unmodified) on a timeout, a
 * non-200 reply, a malformed or oversized reply, a command of another hook type, and an invalid patch (all
 * or nothing); an `error` object fails the token request with server_error; never retried.
 */
let server: TestServer;
let hook: HookServer;
let org: OidcOrg;
let hookId: string;

const ADD_TENANT = { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/tenant', value: 'acme' }] }] };

async function clientCredentials(): Promise<{ status: number; body: any }> {
  const res = await fetch(`${org.issuer}/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders:read', client_id: org.service.clientId, client_secret: org.service.clientSecret }),
  });
  return { status: res.status, body: await res.json() };
}

async function lastHookExecution() {
  const filter = encodeURIComponent(`eventType eq "inline_hook.executed" and target.id eq "${hookId}"`);
  const logs = await ok(server.api('GET', `/api/v1/logs?filter=${filter}&limit=200`));
  return logs[logs.length - 1];
}

/** The hook is called exactly once, the token is issued, and it is the unmodified token. */
async function expectUnmodified(reason: RegExp) {
  const before = hook.requests.length;
  const res = await clientCredentials();
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(hook.requests.length - before).toBe(1);
  const at = await verifiedClaims(org, res.body.access_token);
  expect(at).not.toHaveProperty('tenant');
  expect(at.sub).toBe(org.service.clientId);
  expect(at.exp - at.iat).toBe(3600);
  expect(res.body.expires_in).toBe(3600);
  const executed = await lastHookExecution();
  expect(executed.outcome.result).toBe('FAILURE');
  expect(executed.outcome.reason).toMatch(reason);
  return at;
}

beforeAll(async () => {
  server = await startTestServer();
  hook = await startHookServer();
  org = await setUpOidcOrg(server, 'hook.user@example.com');
  hookId = (await attachTokenHook(server, org, `${hook.url}/token`))!;
});
afterAll(async () => {
  await hook?.close();
  await server?.close();
});

describe('token hook: fails open', () => {
  it('applies a valid reply (the baseline for the cases below)', async () => {
    hook.handle((_req, res) => json(res, 200, ADD_TENANT));
    const res = await clientCredentials();
    expect((await verifiedClaims(org, res.body.access_token)).tenant).toBe('acme');
    expect((await lastHookExecution()).outcome.result).toBe('SUCCESS');
  });

  it('on a timeout, without retrying', async () => {
    hook.handle(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 3500));
      if (!res.destroyed) json(res, 200, ADD_TENANT);
    });
    await expectUnmodified(/did not answer within 3 seconds/);
  });

  it('on a 5xx, without retrying', async () => {
    hook.handle((_req, res) => json(res, 503, ADD_TENANT));
    await expectUnmodified(/HTTP 503/);
  });

  it('on a 4xx', async () => {
    hook.handle((_req, res) => json(res, 400, ADD_TENANT));
    await expectUnmodified(/HTTP 400/);
  });

  it('on a reply that is not JSON', async () => {
    hook.handle((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"commands": ['); });
    await expectUnmodified(/not valid JSON/);
  });

  it('on a reply of 256 KB or more', async () => {
    hook.handle((_req, res) => json(res, 200, { ...ADD_TENANT, debugContext: { padding: 'x'.repeat(256 * 1024) } }));
    await expectUnmodified(/too large/);
  });

  it('on a command of another hook type', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { tenant: 'acme' } }] }));
    await expectUnmodified(/not a command of com\.okta\.oauth2\.tokens\.transform/);
  });

  it('on an ID token patch when no ID token is minted', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [...ADD_TENANT.commands, { type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/x', value: 1 }] }] }));
    await expectUnmodified(/no ID token is being minted/);
  });

  it.each([
    ['a reserved claim', [{ op: 'replace', path: '/claims/cid', value: 'someone-else' }], /'cid' is a reserved claim/],
    ['adding a reserved claim', [{ op: 'add', path: '/claims/scp', value: ['admin'] }], /'scp' is a reserved claim/],
    ['a lifetime under 300 s', [{ op: 'replace', path: '/token/lifetime/expiration', value: 299 }], /from 300 to 86400/],
    ['a lifetime over 86,400 s', [{ op: 'replace', path: '/token/lifetime/expiration', value: 86401 }], /from 300 to 86400/],
    ['replacing a missing claim', [{ op: 'replace', path: '/claims/nope', value: 1 }], /does not exist/],
    ['removing with a value', [{ op: 'remove', path: '/claims/ver', value: 2 }], /reserved claim|remove takes no value/],
    ['an index out of range', [{ op: 'add', path: '/claims/list', value: [] }, { op: 'add', path: '/claims/list/3', value: 'x' }], /out of range/],
  ])('on an invalid patch (%s), applying none of it', async (_name, ops, reason) => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/tenant', value: 'acme' }, ...ops] }] }));
    await expectUnmodified(reason);
  });

  it('on a bad op name (schema of the patch)', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'move', path: '/claims/tenant', from: '/claims/sub' }] }] }));
    await expectUnmodified(/commands\[0\]\.value is invalid/);
  });

  it('skips an inactive hook without calling it', async () => {
    hook.handle((_req, res) => json(res, 200, ADD_TENANT));
    await ok(server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/deactivate`));
    try {
      const before = hook.requests.length;
      const res = await clientCredentials();
      expect(res.status).toBe(200);
      expect(hook.requests.length).toBe(before);
      expect(await verifiedClaims(org, res.body.access_token)).not.toHaveProperty('tenant');
    } finally {
      await ok(server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/activate`));
    }
  });

  it('treats 204 as "no change"', async () => {
    hook.handle((_req, res) => { res.writeHead(204).end(); });
    const res = await clientCredentials();
    expect(res.status).toBe(200);
    expect(await verifiedClaims(org, res.body.access_token)).not.toHaveProperty('tenant');
  });
});

describe('token hook: an error object fails the token request', () => {
  it('answers server_error with the errorSummary, once, and logs the failed grant', async () => {
    hook.handle((_req, res) => json(res, 200, { error: { errorSummary: 'Patient record is locked', errorCauses: [{ errorSummary: 'locked' }] }, ...ADD_TENANT }));
    const before = hook.requests.length;
    const res = await clientCredentials();
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: 'server_error', error_description: 'Patient record is locked' });
    expect(hook.requests.length - before).toBe(1);
    const filter = encodeURIComponent('eventType eq "app.oauth2.as.token.grant"');
    const logs = await ok(server.api('GET', `/api/v1/logs?filter=${filter}&limit=200`));
    expect(logs[logs.length - 1].outcome).toEqual({ result: 'FAILURE', reason: 'Patient record is locked' });
  });

  it("uses Okta's default text when the error has no summary", async () => {
    hook.handle((_req, res) => json(res, 200, { error: {} }));
    const res = await clientCredentials();
    expect(res.body).toEqual({ error: 'server_error', error_description: 'The callback service returned an error' });
  });

  it('fails a code exchange for openid-client too, and leaves no refresh token behind', async () => {
    hook.handle((_req, res) => json(res, 200, { error: { errorSummary: 'No tokens today' } }));
    await expect(codeFlow(server, org)).rejects.toMatchObject({ error: 'server_error', error_description: 'No tokens today' });
    const refreshTokens = await server.ctx.db.selectFrom('oauth_store').select('id').where('model', '=', 'RefreshToken').execute();
    expect(refreshTokens).toHaveLength(0);
  });

  it('patches ID token claims but refuses the reserved ones (sub, aud, nonce) in a code flow', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'replace', path: '/claims/sub', value: 'someone' }] }] }));
    const { tokens } = await codeFlow(server, org, 'openid profile');
    expect((await verifiedClaims(org, tokens.id_token!)).sub).toBe(org.user.id);
    expect((await lastHookExecution()).outcome.reason).toMatch(/'sub' is a reserved claim/);
  });
});
