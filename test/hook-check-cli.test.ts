import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { json, startHookServer, type HookServer, type RecordedRequest } from './helpers/hook-server.js';
import { newSigningSecretValue } from '../src/hooks/event/signing-secrets.js';
import { INLINE_HOOK_TYPES } from '../src/hooks/inline/hook-types.js';
import { runTollgate, type CliResult } from './helpers/cli.js';

/*
 * `tollgate hook check URL --type TYPE`, as a hook developer runs it (a real process) against real endpoints
 * on loopback that answer well, badly (wrong command, invalid JSON, 500) and slowly.
 */

vi.setConfig({ testTimeout: 120_000 });

function tollgate(...args: string[]): Promise<CliResult> {
  return runTollgate(args);
}

async function checkJson(...args: string[]) {
  const run = await tollgate('hook', 'check', ...args, '--json');
  return { ...run, report: run.stdout ? JSON.parse(run.stdout) : undefined };
}

let endpoint: HookServer;

beforeAll(async () => {
  endpoint = await startHookServer(async (req, res) => { await answer(req, res); });
});

async function answer(req: RecordedRequest, res: http.ServerResponse): Promise<unknown> {
  const route = req.url.split('?')[0];
  if (route === '/token') {
    const form = new URLSearchParams(req.rawBody);
    if (form.get('client_id') === 'hook-client' && form.get('client_secret') === 'hook-secret') return json(res, 200, { access_token: 'tok-123', token_type: 'Bearer', expires_in: 300 });
    return json(res, 401, { error: 'invalid_client' });
  }
  if (route === '/oauth-hook') {
    if (req.headers.authorization !== 'Bearer tok-123') return res.writeHead(401).end();
    return json(res, 200, { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/team', value: 'blue' }] }] });
  }
  if (route === '/good') {
    if (req.headers.authorization !== 's3cret' || req.headers['x-tenant'] !== 'acme') return res.writeHead(401).end();
    const last = String(req.body?.data?.userProfile?.lastName ?? '');
    // Deny what the developer forgot: a sign-up without a last name.
    if (req.body?.requestType === 'self.service.registration' && !last) {
      return json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }], error: { errorSummary: 'Last name required', errorCauses: [{ errorSummary: 'Give your last name', reason: 'REQUIRED', locationType: 'body', location: 'data.userProfile.lastName', domain: 'end-user' }] } });
    }
    const command = req.body?.requestType === 'progressive.profile' ? 'com.okta.user.progressive.profile.update' : 'com.okta.user.profile.update';
    return json(res, 200, { commands: [{ type: command, value: { title: 'Engineer' } }] });
  }
  if (route === '/wrong-command') return json(res, 200, { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/x', value: 1 }] }] });
  if (route === '/not-json') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"commands": [');
  if (route === '/error500') return res.writeHead(500).end('boom');
  if (route === '/slow') {
    await new Promise((r) => setTimeout(r, 1500));
    return json(res, 200, { commands: [] });
  }
  if (route === '/empty') return res.writeHead(204).end();
  if (route === '/events') {
    if (req.method === 'GET') return json(res, 200, { verification: req.headers['x-okta-verification-challenge'] });
    return res.writeHead(req.headers['webhook-signature'] ? 200 : 400).end();
  }
  if (route === '/events-no-verify') {
    if (req.method === 'GET') return json(res, 200, { verification: 'something else' });
    return res.writeHead(200).end();
  }
  if (route === '/events-500') {
    if (req.method === 'GET') return json(res, 200, { verification: req.headers['x-okta-verification-challenge'] });
    return res.writeHead(500).end();
  }
  return res.writeHead(404).end();
}

afterAll(async () => {
  await endpoint.close();
});

describe('hook check: inline hooks', () => {
  test('a good endpoint passes every case: applied commands, a denial with field errors, and exit 0', async () => {
    const { code, stdout } = await tollgate('hook', 'check', `${endpoint.url}/good`, '--type', 'com.okta.user.pre-registration',
      '--header', 'Authorization: s3cret', '--header', 'X-Tenant: acme');
    expect(code).toBe(0);
    expect(stdout).toContain('PASS  sample:self.service.registration');
    expect(stdout).toContain('applied: com.okta.user.profile.update {"title":"Engineer"}');
    expect(stdout).toContain('applied: com.okta.user.progressive.profile.update {"title":"Engineer"}');
    // The missing-last-name case shows what the person would see, and is still a valid (passing) reply.
    expect(stdout).toMatch(/PASS {2}missing-optional:self\.service\.registration[^\n]*\n(.*\n)*?.*Registration denied\. The person sees: "Last name required", and at the fields: lastName: "Give your last name"/);
    expect(stdout).toContain('All 6 cases pass.');
    // Every case reached the endpoint with Okta's request shapes, including the edge cases.
    const bodies = endpoint.requests.filter((r) => r.url === '/good').map((r) => r.body);
    expect(bodies.some((b) => b.data.userProfile?.firstName === 'Zoë Åsa-Nguyễn')).toBe(true);
    expect(bodies.some((b) => b.data.userProfile && Object.keys(b.data.userProfile).length > 25 && b.data.userProfile.firstName.length === 50)).toBe(true);
  });

  test('a wrong command type is refused with the rule, the registration fails closed, exit 1', async () => {
    const { code, report } = await checkJson(`${endpoint.url}/wrong-command`, '--type', 'registration');
    expect(code).toBe(1);
    expect(report.passed).toBe(false);
    const first = report.cases[0];
    expect(first.passed).toBe(false);
    expect(first.failureRule).toBe('closed');
    expect(first.commands.applied).toEqual([]);
    expect(first.commands.refused[0].rule).toContain("'com.okta.identity.patch' is not a command of com.okta.user.pre-registration hooks");
    expect(first.decision.result).toBe('DENY');
  });

  test('invalid JSON and a 500 fail; a token hook fails open and is not retried', async () => {
    const [notJson, error500] = await Promise.all([
      tollgate('hook', 'check', `${endpoint.url}/not-json`, '--type', 'saml'),
      checkJson(`${endpoint.url}/error500`, '--type', 'com.okta.oauth2.tokens.transform'),
    ]);
    expect(notJson.code).toBe(1);
    expect(notJson.stdout).toContain('failed: The reply is not valid JSON; the hook fails open');
    expect(notJson.stdout).toContain('Fails open: the original assertion is signed and sent');
    expect(error500.code).toBe(1);
    expect(error500.report.cases.map((c: any) => c.name)).toEqual(['sample', 'unicode-names', 'missing-optional', 'largest-profile']);
    for (const c of error500.report.cases) {
      expect(c.response).toMatchObject({ status: 500, error: 'The hook answered with HTTP 500' });
      expect(c.attempts).toBe(1);
      expect(c.decision.result).toBe('UNCHANGED');
    }
  });

  test('a slow endpoint misses the budget (--timeout-ms), and a registration hook is retried once', async () => {
    const { code, report } = await checkJson(`${endpoint.url}/slow`, '--type', 'registration', '--timeout-ms', '300');
    expect(code).toBe(1);
    const first = report.cases[0];
    expect(first.response.error).toBe('The hook did not answer within 0.3 seconds');
    expect(first.attempts).toBe(2);
    expect(first.budgetMs).toBe(300);
    expect(first.decision.summary).toContain('fails closed');
  });

  test('OAuth 2.0 client credentials: the token is fetched and sent as a Bearer token', async () => {
    const { code, report } = await checkJson(`${endpoint.url}/oauth-hook`, '--type', 'token',
      '--oauth2-client-credentials', `${endpoint.url}/token,hook-client,hook-secret`);
    expect(code).toBe(0);
    expect(report.cases[0].decision).toMatchObject({ result: 'PATCHED', access: { added: { team: 'blue' } } });
    const bad = await checkJson(`${endpoint.url}/oauth-hook`, '--type', 'token', '--oauth2-client-credentials', `${endpoint.url}/token,hook-client,wrong`);
    expect(bad.code).toBe(1);
    expect(bad.report.cases[0].response.error).toContain('refused to issue an access token (invalid_client)');
  });

  test('every inline hook type runs (wire names), against an endpoint that answers 204', async () => {
    const runs = await Promise.all(INLINE_HOOK_TYPES.map((type) => checkJson(`${endpoint.url}/empty`, '--type', type,
      ...(type === 'com.okta.telephony.provider' ? ['--header', 'Authorization: s3cret'] : []))));
    const results = Object.fromEntries(INLINE_HOOK_TYPES.map((type, i) => [type, runs[i].report.cases[0].decision.result]));
    expect(results).toEqual({
      'com.okta.user.pre-registration': 'ALLOW',
      'com.okta.oauth2.tokens.transform': 'UNCHANGED',
      'com.okta.saml.tokens.transform': 'UNCHANGED',
      'com.okta.user.credential.password.import': 'UNVERIFIED',
      'com.okta.import.transform': 'CREATE_USER',
      'com.okta.telephony.provider': 'FALLBACK',
    });
    // An empty reply is valid for all but telephony (which needs one action): only that one fails.
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0, 1]);
    expect(runs[5].report.cases[0].failureRule).toBe('fallback');
    // The password never leaves the report.
    expect(JSON.stringify(runs[3].report)).not.toContain('Sample-Passw0rd');
  });

  test('bad input: an unknown type, a bad header, and a URL the hook rules refuse', async () => {
    const unknown = await tollgate('hook', 'check', `${endpoint.url}/good`, '--type', 'com.okta.nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown hook type 'com.okta.nope'");
    const header = await tollgate('hook', 'check', `${endpoint.url}/good`, '--type', 'token', '--header', 'no-colon');
    expect(header.stderr).toContain(`--header 'no-colon' is not "Name: value"`);
    const url = await tollgate('hook', 'check', 'http://example.com/hook', '--type', 'token');
    expect(url.code).toBe(1);
    expect(url.stderr).toContain('channel.config.uri');
  });
});

describe('hook check: event hooks', () => {
  test('verification and one signed delivery pass', async () => {
    const secret = newSigningSecretValue();
    const { code, report } = await checkJson(`${endpoint.url}/events`, '--type', 'event', '--signing-secret', secret, '--header', 'Authorization: ev-secret');
    expect(code).toBe(0);
    expect(report.cases.map((c: any) => [c.name, c.passed, c.status])).toEqual([['verification', true, null], ['delivery', true, 200]]);
    const delivery = endpoint.requests.filter((r) => r.url === '/events' && r.method === 'POST').at(-1)!;
    expect(delivery.headers.authorization).toBe('ev-secret');
    expect(delivery.body.data.events[0].eventType).toBe('user.lifecycle.create');
    // Signed with the secret given (Standard Webhooks).
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`${delivery.headers['webhook-id']}.${delivery.headers['webhook-timestamp']}.${delivery.rawBody}`).digest('base64');
    expect(delivery.headers['webhook-signature']).toBe(`v1,${expected}`);
  });

  test('a wrong verification answer fails and nothing is delivered; a 500 delivery fails after the retry', async () => {
    const [noVerify, error500] = await Promise.all([
      checkJson(`${endpoint.url}/events-no-verify`, '--type', 'event'),
      checkJson(`${endpoint.url}/events-500`, '--type', 'event'),
    ]);
    expect(noVerify.code).toBe(1);
    expect(noVerify.report.cases[0].error).toContain('does not contain the value of x-okta-verification-challenge');
    expect(noVerify.report.cases[1]).toMatchObject({ passed: false, attempts: 0 });
    expect(endpoint.requests.some((r) => r.url === '/events-no-verify' && r.method === 'POST')).toBe(false);
    expect(error500.code).toBe(1);
    expect(error500.report.cases[1]).toMatchObject({ passed: false, status: 500, attempts: 2, error: 'The receiver answered with HTTP 500' });
  });
});
