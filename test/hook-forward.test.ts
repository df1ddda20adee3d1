import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { waitFor } from '../src/hooks/event/test-kit.js';
import { useRegistrationHook } from './helpers/enrollment.js';

/*
 * `tollgate hook forward`: a real server, the forwarder as a child process (one outbound WebSocket), a local
 * endpoint on loopback, and a hook registered through the API and called by real sign-ups. When the forwarder
 * is killed, the registration hook fails closed.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const GENERIC = 'There was an error creating your account. Please try registering again';
vi.setConfig({ testTimeout: 120_000 });

let server: TestServer;
let local: HookServer;
let policyId: string;
let clockOffset = 0;
const children: ChildProcess[] = [];

function startForwarder(...args: string[]): Promise<{ child: ChildProcess; hookId: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/main.ts'), 'hook', 'forward', ...args], { env: { ...process.env, LOG_LEVEL: 'silent' } });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => { out += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  return waitFor('the forwarder to register its hook', () => /Forwarding calls of inline hook (\S+)/.exec(out)?.[1], 60_000)
    .then((hookId) => ({ child, hookId, output: () => out }));
}

async function register(email: string) {
  clockOffset += 60_000;
  const res = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ userProfile: { email, firstName: 'Jane', lastName: 'Doe', password: 'Sup3r-Secret-Pw!' } }),
  });
  return { status: res.status, body: await res.json() };
}

async function useHookForSignUp(hookId: string) {
  policyId = await useRegistrationHook(server, hookId);
}

beforeAll(async () => {
  server = await startTestServer();
  server.ctx.clock = () => new Date(Date.now() + clockOffset);
  local = await startHookServer((req, res) => {
    if (req.headers['x-dev'] !== 'laptop') {
      res.writeHead(401).end();
      return;
    }
    json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { title: 'From my laptop' } }] });
  });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await local?.close();
  await server?.close();
});

describe('hook forward', () => {
  test('a sign-up is served by the local endpoint through the forwarder; killing it makes the hook fail closed', async () => {
    const { child, hookId } = await startForwarder('--type', 'registration', '--to', `${local.url}/hook`, '--server', server.url, '--token', server.token, '--header', 'X-Dev: laptop');
    const hook = (await server.api('GET', `/api/v1/inlineHooks/${hookId}`)).body;
    expect(hook).toMatchObject({ status: 'ACTIVE', type: 'com.okta.user.pre-registration', channel: { config: { uri: expect.stringMatching(/\/hook-forward\/fwd/) } } });
    await useHookForSignUp(hookId);

    const ok = await register('laptop.1@example.com');
    expect(ok.status).toBe(200);
    const user = (await server.api('GET', `/api/v1/users/${encodeURIComponent('laptop.1@example.com')}`)).body;
    expect(user.profile.title).toBe('From my laptop');
    expect(local.requests).toHaveLength(1);
    expect(local.requests[0].body).toMatchObject({ eventType: 'com.okta.user.pre-registration', requestType: 'self.service.registration', data: { userProfile: { email: 'laptop.1@example.com' } } });
    // The relay's secret stays between the server and the forwarder.
    expect(local.requests[0].headers.authorization).toBeUndefined();

    child.kill('SIGKILL');
    await waitFor('the forwarder to be gone', async () => {
      const res = await fetch(hook.channel.config.uri, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return res.status === 503;
    });
    const denied = await register('laptop.2@example.com');
    expect(denied.status).toBe(400);
    expect(denied.body.errorSummary).toBe(GENERIC);
    expect((await server.api('GET', `/api/v1/users/${encodeURIComponent('laptop.2@example.com')}`)).status).toBe(404);
    const calls = (await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls`)).body;
    expect(calls[0]).toMatchObject({ outcome: 'FAILURE', statusCode: 503, error: 'The hook answered with HTTP 503' });

    // A new forwarder re-points the same hook (--hook), and sign-ups work again.
    const again = await startForwarder('--type', 'registration', '--to', `${local.url}/hook`, '--server', server.url, '--token', server.token, '--header', 'X-Dev: laptop', '--hook', hookId);
    expect(again.hookId).toBe(hookId);
    expect((await register('laptop.3@example.com')).status).toBe(200);
    again.child.kill('SIGKILL');
  });

  test('Ctrl-C removes the hook it registered; a wrong token or a bad relay secret is refused', async () => {
    const { child, hookId } = await startForwarder('--type', 'com.okta.oauth2.tokens.transform', '--to', `${local.url}/hook`, '--server', server.url, '--token', server.token);
    const hook = (await server.api('GET', `/api/v1/inlineHooks/${hookId}`)).body;
    const wrongSecret = await fetch(hook.channel.config.uri, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'guess' }, body: '{}' });
    expect(wrongSecret.status).toBe(401);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect((await server.api('GET', `/api/v1/inlineHooks/${hookId}`)).status).toBe(404);

    const bad = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/main.ts'), 'hook', 'forward', '--type', 'token', '--to', `${local.url}/hook`, '--server', server.url, '--token', 'wrong'], { env: { ...process.env, LOG_LEVEL: 'silent' } });
    let stderr = '';
    bad.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const code = await new Promise<number | null>((resolve) => bad.once('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toContain('HTTP 401');
  });
});
