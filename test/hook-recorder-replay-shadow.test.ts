import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { json, startHookServer, type HookServer, type RecordedRequest } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from '../src/hooks/event/test-kit.js';
import { useRegistrationHook } from './helpers/enrollment.js';
import { runTollgate, type CliResult } from './helpers/cli.js';

/*
 * The recorder, replay and shadow mode of the hook developer's toolkit, on a real server whose registration
 * hook is called by real sign-ups (Okta Classic's registration endpoint), against real endpoints: v1 (the
 * hook), v2 (its next version, also the shadow) and a broken one.
 */

const PASSWORD = 'Sup3r-Secret-Pw!';
vi.setConfig({ testTimeout: 120_000 });

let server: TestServer;
let v1: HookServer;
let v2: HookServer;
let broken: HookServer;
let hookId: string;
let policyId: string;
let clockOffset = 0;

const emailOf = (r: RecordedRequest) => String(r.body?.data?.userProfile?.email ?? '');

function answerV1(req: RecordedRequest, res: import('node:http').ServerResponse) {
  json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { title: 'Engineer' } }] });
  void req;
}

/** v2 denies "deny.*" and gives "change.*" another title; "same.*" is answered as v1 does. */
function answerV2(req: RecordedRequest, res: import('node:http').ServerResponse) {
  const email = emailOf(req);
  if (email.startsWith('deny.')) return json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }] });
  if (email.startsWith('change.')) return json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { title: 'Staff' } }] });
  return answerV1(req, res);
}

async function register(email: string) {
  clockOffset += 60_000; // each sign-up in a rate-limit window of its own
  const res = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ userProfile: { email, firstName: 'Jane', lastName: 'Doe', password: PASSWORD } }),
  });
  return res.status;
}

function tollgate(...args: string[]): Promise<CliResult> {
  return runTollgate(args);
}

beforeAll(async () => {
  server = await startTestServer();
  server.ctx.clock = () => new Date(Date.now() + clockOffset);
  v1 = await startHookServer(answerV1);
  v2 = await startHookServer(answerV2);
  broken = await startHookServer((_req, res) => { res.writeHead(500).end(); });
  const created = await server.api('POST', '/api/v1/inlineHooks', {
    name: 'Registration hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${v1.url}/hook`, authScheme: { type: 'HEADER', key: 'Authorization', value: 'hook-secret' } } },
  });
  expect(created.status).toBe(200);
  hookId = created.body.id;
  policyId = await useRegistrationHook(server, hookId);
});

afterAll(async () => {
  await server?.close();
  await Promise.all([v1?.close(), v2?.close(), broken?.close()]);
});

describe('settings', () => {
  test('bad settings are refused with every problem, and change nothing', async () => {
    const bad = await server.api('PUT', `/api/v1/inlineHooks/${hookId}/toolkit`, { recording: { maxCalls: 0, maxAgeDays: 365 }, shadow: { uri: 'ftp://example.com/x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000001');
    expect(bad.body.errorCauses.map((c: any) => c.errorSummary.split(':')[0])).toEqual(['recording.maxCalls', 'recording.maxAgeDays', 'shadow.uri']);
    expect((await server.api('GET', `/api/v1/inlineHooks/${hookId}/toolkit`)).body).toEqual({ recording: null, shadow: null });
    expect((await server.api('GET', '/api/v1/inlineHooks/calNoSuchHook000000/toolkit')).status).toBe(404);
  });

  test('recording and a shadow endpoint are set; the hook JSON stays Okta\'s', async () => {
    const set = await server.api('PUT', `/api/v1/inlineHooks/${hookId}/toolkit`, { recording: { maxCalls: 3, maxAgeDays: 1 }, shadow: { uri: `${v2.url}/hook` } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ recording: { maxCalls: 3, maxAgeDays: 1 }, shadow: { uri: `${v2.url}/hook` } });
    const hook = (await server.api('GET', `/api/v1/inlineHooks/${hookId}`)).body;
    expect(Object.keys(hook).sort()).toEqual(['_links', 'channel', 'created', 'id', 'lastUpdated', 'name', 'status', 'type', 'version']);
  });
});

describe('real sign-ups are recorded (bounded), shadowed (never applied), and replayed', () => {
  beforeAll(async () => {
    for (const email of ['same.1@example.com', 'deny.2@example.com', 'change.3@example.com', 'same.4@example.com']) {
      expect(await register(email)).toBe(200);
    }
  });

  test('the recorder keeps the newest maxCalls calls, with the hook secret and passwords out of them', async () => {
    const res = await server.api('GET', `/api/v1/inlineHooks/${hookId}/recordings`);
    expect(res.status).toBe(200);
    expect(res.body.map((r: any) => r.request.data.userProfile.email)).toEqual(['same.4@example.com', 'change.3@example.com', 'deny.2@example.com']);
    expect(res.body[0]).toMatchObject({ outcome: 'SUCCESS', statusCode: 200, response: { commands: [{ type: 'com.okta.user.profile.update', value: { title: 'Engineer' } }] } });
    const stored = JSON.stringify(await server.ctx.db.selectFrom('inline_hook_recordings').selectAll().execute());
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain('hook-secret');
  });

  test('the shadow got a copy of every call; its answers were never applied; the report lists the disagreements', async () => {
    await waitFor('four shadow calls', async () => (await server.api('GET', `/api/v1/inlineHooks/${hookId}/shadow/report`)).body.calls === 4);
    expect(v2.requests.map(emailOf)).toEqual(['same.1@example.com', 'deny.2@example.com', 'change.3@example.com', 'same.4@example.com']);
    expect(v2.requests[0].headers.authorization).toBe('hook-secret');
    // v2 would have denied deny.2, but only v1's answer counts: the user exists, with v1's title.
    const denied = (await server.api('GET', `/api/v1/users/${encodeURIComponent('deny.2@example.com')}`)).body;
    expect(denied.profile.title).toBe('Engineer');
    const report = (await server.api('GET', `/api/v1/inlineHooks/${hookId}/shadow/report`)).body;
    expect(report).toMatchObject({ inlineHookId: hookId, shadowUri: `${v2.url}/hook`, calls: 4, agreements: 2, disagreements: 2 });
    expect(report.items.map((i: any) => [i.subject, i.primary.result, i.shadow.result])).toEqual([
      ['change.3@example.com', 'ALLOW', 'ALLOW'],
      ['deny.2@example.com', 'ALLOW', 'DENY'],
    ]);
    // The shadow's calls are not calls of the hook: only the four real ones are in its call log.
    const calls = (await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls`)).body;
    expect(calls).toHaveLength(4);
  });

  test('replay (API) against v2: who would now be denied, which commands change', async () => {
    const res = await server.api('POST', `/api/v1/inlineHooks/${hookId}/replay`, { url: `${v2.url}/hook` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ replayed: 3, changed: 2, nowDenied: ['deny.2@example.com'] });
    const change = res.body.items.find((i: any) => i.subject === 'change.3@example.com');
    expect(change.commands).toEqual({
      added: [{ type: 'com.okta.user.profile.update', value: { title: 'Staff' } }],
      removed: [{ type: 'com.okta.user.profile.update', value: { title: 'Engineer' } }],
    });
    expect(res.body.items.find((i: any) => i.subject === 'same.4@example.com').changed).toBe(false);
    expect(v2.requests.at(-1)!.headers.authorization).toBe('hook-secret');
  });

  test('replay against a broken endpoint: everyone would be denied (the hook fails closed)', async () => {
    const res = await server.api('POST', `/api/v1/inlineHooks/${hookId}/replay`, { url: `${broken.url}/hook`, limit: 2 });
    expect(res.body).toMatchObject({ replayed: 2, changed: 2, nowDenied: ['deny.2@example.com', 'change.3@example.com'] });
    expect(res.body.items[0].after).toMatchObject({ result: 'DENY', error: 'The hook answered with HTTP 500', statusCode: 500 });
    const bad = await server.api('POST', `/api/v1/inlineHooks/${hookId}/replay`, { url: 'http://10.0.0.1/hook' });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCauses[0].errorSummary).toMatch(/^url: /);
  });

  test('tollgate hook replay (CLI) prints the diff; --fail-on-change makes it exit 1', async () => {
    const run = await tollgate('hook', 'replay', hookId, '--to', `${v2.url}/hook`, '--server', server.url, '--token', server.token, '--fail-on-change');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('CHANGED  deny.2@example.com');
    expect(run.stdout).toContain('ALLOW -> DENY  (now denied)');
    expect(run.stdout).toContain('+ com.okta.user.profile.update {"title":"Staff"}');
    expect(run.stdout).toContain('2 of 3 decision(s) change.');
    expect(run.stdout).toContain('Would now be denied: deny.2@example.com');
    const same = await tollgate('hook', 'replay', hookId, '--to', `${v1.url}/hook`, '--server', server.url, '--token', server.token, '--fail-on-change');
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('0 of 3 decision(s) change.');
    const wrongToken = await tollgate('hook', 'replay', hookId, '--to', `${v1.url}/hook`, '--server', server.url, '--token', 'nope');
    expect(wrongToken.code).toBe(1);
    expect(wrongToken.stderr).toContain('HTTP 401');
  });

  test('recordings older than maxAgeDays are dropped', async () => {
    clockOffset += 2 * 86_400_000;
    expect(await register('same.5@example.com')).toBe(200);
    const res = await server.api('GET', `/api/v1/inlineHooks/${hookId}/recordings`);
    expect(res.body.map((r: any) => r.request.data.userProfile.email)).toEqual(['same.5@example.com']);
  });

  test('admin test calls (preview, execute) are not recorded nor shadowed; deleting the hook deletes what was kept', async () => {
    const shadowCalls = v2.requests.length;
    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/preview`, {})).status).toBe(200);
    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, { eventType: 'com.okta.user.pre-registration', data: {} })).status).toBe(200);
    expect((await server.api('GET', `/api/v1/inlineHooks/${hookId}/recordings`)).body).toHaveLength(1);
    expect(v2.requests.length).toBe(shadowCalls);

    const other = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Hook to delete', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${v1.url}/hook`, authScheme: null } },
    });
    expect((await server.api('PUT', `/api/v1/inlineHooks/${other.body.id}/toolkit`, { recording: { maxCalls: 5 } })).body.recording).toEqual({ maxCalls: 5, maxAgeDays: 7 });
    expect(await server.ctx.db.selectFrom('inline_hook_toolkit').selectAll().where('hook_id', '=', other.body.id).execute()).toHaveLength(1);
    await server.api('POST', `/api/v1/inlineHooks/${other.body.id}/lifecycle/deactivate`);
    expect((await server.api('DELETE', `/api/v1/inlineHooks/${other.body.id}`)).status).toBe(204);
    expect(await server.ctx.db.selectFrom('inline_hook_toolkit').selectAll().where('hook_id', '=', other.body.id).execute()).toEqual([]);
  });
});
