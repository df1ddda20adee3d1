import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { runTollgate, type CliResult } from './helpers/cli.js';

/*
 * Issue 13, item 1: strangers typing wrong passwords must not lock the admin out of the API, the default
 * policy unlocks by itself, one address cannot lock account after account, and `tollgate admin unlock` /
 * `tollgate admin reset-password` recover on the store without the server.
 */

vi.setConfig({ testTimeout: 120_000 });

function tollgate(args: string[], input?: string): Promise<CliResult> {
  return runTollgate(args, { input });
}

async function authn(server: TestServer, username: string, password: string) {
  const res = await fetch(`${server.url}/api/v1/authn`, {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ username, password }),
  });
  return { status: res.status, body: await res.json() as Record<string, unknown> };
}

async function lockAdmin(server: TestServer, adminId: string) {
  for (let i = 0; i < 10; i++) expect((await authn(server, 'admin@localhost', `Wrong-${i}-Guess`)).status).toBe(401);
  expect((await server.api('GET', `/api/v1/users/${adminId}`)).body.status).toBe('LOCKED_OUT');
}

function storeArgs(server: TestServer): string[] {
  return ['--data', server.ctx.config.dataDir, '--database-url', server.ctx.config.databaseUrl];
}

describe('admin lockout', () => {
  let server: TestServer;
  let adminId: string;
  beforeEach(async () => {
    server = await startTestServer();
    adminId = (await server.api('GET', '/api/v1/users/me')).body.id;
  });
  afterEach(async () => { await server?.close(); });

  it('keeps the admin\'s API token working while the admin is locked out, so the API can unlock', async () => {
    await lockAdmin(server, adminId);
    expect((await server.api('GET', '/api/v1/users/me')).status).toBe(200);
    expect((await server.api('POST', `/api/v1/users/${adminId}/lifecycle/unlock`)).status).toBe(200);
    expect((await authn(server, 'admin@localhost', server.adminPassword)).body.status).toBe('SUCCESS');
  });

  it('refuses the token once the admin is suspended or deactivated', async () => {
    await server.ctx.db.updateTable('users').set({ status: 'SUSPENDED' }).where('id', '=', adminId).execute();
    expect((await server.api('GET', '/api/v1/users/me')).status).toBe(401);
  });

  it('the default password policy unlocks by itself after 15 minutes', async () => {
    const policy = (await server.api('GET', '/api/v1/policies?type=PASSWORD')).body[0];
    expect(policy.settings.password.lockout).toMatchObject({ maxAttempts: 10, autoUnlockMinutes: 15 });
    await lockAdmin(server, adminId);
    const sixteenMinutesAgo = new Date(Date.now() - 16 * 60_000).toISOString();
    await server.ctx.db.updateTable('users').set({ status_changed: sixteenMinutesAgo }).where('id', '=', adminId).execute();
    expect((await authn(server, 'admin@localhost', server.adminPassword)).body.status).toBe('SUCCESS');
  });

  it('throttles one client address after 30 failed sign-ins, the right password included', async () => {
    for (let i = 0; i < 30; i++) expect((await authn(server, `nobody${i}@example.com`, 'Wrong-Guess-1')).status).toBe(401);
    const throttled = await authn(server, 'admin@localhost', server.adminPassword);
    expect(throttled.status).toBe(429);
    expect(throttled.body.errorCode).toBe('E0000047');
    // The API token is not a sign-in: still fine.
    expect((await server.api('GET', '/api/v1/users/me')).status).toBe(200);
  });

  it('`tollgate admin unlock LOGIN` unlocks on the store, without the API', async () => {
    await lockAdmin(server, adminId);
    const run = await tollgate(['admin', 'unlock', 'admin@localhost', ...storeArgs(server)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('admin@localhost is unlocked');
    expect((await server.api('GET', `/api/v1/users/${adminId}`)).body.status).toBe('ACTIVE');
    const events = (await server.api('GET', '/api/v1/logs?filter=' + encodeURIComponent('eventType eq "user.account.unlock_by_admin"'))).body;
    expect(events[0].client.userAgent.rawUserAgent).toBe('tollgate admin unlock');

    const unknown = await tollgate(['admin', 'unlock', 'nobody@example.com', ...storeArgs(server)]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no user with login nobody@example.com');
  });

  it('`tollgate admin reset-password LOGIN` prints a new password, or takes one from stdin', async () => {
    await lockAdmin(server, adminId);
    const run = await tollgate(['admin', 'reset-password', 'admin@localhost', ...storeArgs(server)]);
    expect(run.code).toBe(0);
    const password = /New password for admin@localhost: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeDefined();
    expect((await authn(server, 'admin@localhost', server.adminPassword)).status).toBe(401);
    expect((await authn(server, 'admin@localhost', password!)).body.status).toBe('SUCCESS');

    const weak = await tollgate(['admin', 'reset-password', 'admin@localhost', '--password-stdin', ...storeArgs(server)], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('Password requirements were not met');
    const chosen = await tollgate(['admin', 'reset-password', 'admin@localhost', '--password-stdin', ...storeArgs(server)], 'Chosen-Password-42\n');
    expect(chosen.stdout).toContain('The password of admin@localhost is changed.');
    expect((await authn(server, 'admin@localhost', 'Chosen-Password-42')).body.status).toBe('SUCCESS');
  });
});
