/**
 * Password import inline hook end to end (reference §3.4): users created with `credentials.password.hook`
 * sign in through Okta Classic's `POST /api/v1/authn` and the hosted page; a hook server the test controls
 * verifies the password. Every command, every failure rule (fail closed), the System Log and the redacted
 * call record.
 */
import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, errorSummaryIn } from './helpers/browser.js';
import { json, startHookServer, type HookServer, type RecordedRequest } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const SECRET = 'password-import-secret';
const TYPE = 'com.okta.user.credential.password.import';

type Handler = (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;

const verified: Handler = (_req, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }] });
const unverified: Handler = (_req, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { credential: 'UNVERIFIED' } }] });

describe('password import hook (real HTTP)', () => {
  let server: TestServer;
  let legacy: HookServer;
  let hookId: string;
  let counter = 0;

  beforeAll(async () => {
    server = await startTestServer();
    legacy = await startHookServer();
    const res = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Legacy password store', type: TYPE, version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${legacy.url}/verify`, authScheme: { type: 'HEADER', key: 'Authorization', value: SECRET } } },
    });
    expect(res.status).toBe(200);
    hookId = res.body.id;
  });
  afterAll(async () => {
    await legacy?.close();
    await server?.close();
  });
  beforeEach(() => { legacy.requests.length = 0; });

  async function importedUser(): Promise<{ id: string; login: string }> {
    counter += 1;
    const login = `legacy${counter}@example.com`;
    const res = await server.api('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Legacy', lastName: `User${counter}`, email: login, login },
      credentials: { password: { hook: { type: 'default' } } },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ACTIVE');
    expect(res.body.credentials.provider).toEqual({ type: 'IMPORT', name: 'IMPORT' });
    return { id: res.body.id, login };
  }

  async function authn(username: string, password: string) {
    const res = await fetch(`${server.url}/api/v1/authn`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ username, password }),
    });
    return { status: res.status, body: await res.json() as any };
  }

  async function userRow(id: string) {
    return server.ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }

  async function importEvents(userId: string) {
    const filter = encodeURIComponent(`eventType eq "user.import.password" and target.id eq "${userId}"`);
    const res = await server.api('GET', `/api/v1/logs?filter=${filter}&limit=100`);
    expect(res.status).toBe(200);
    return res.body as Array<{ outcome: { result: string; reason: string | null }; actor: { id: string }; debugContext: { debugData: Record<string, unknown> } }>;
  }

  /** Signs in once with the hook answering `handler`; asserts the sign-in failed closed and nothing was imported. */
  async function expectFailClosed(handler: Handler, attempts: number): Promise<void> {
    const user = await importedUser();
    legacy.requests.length = 0;
    legacy.handle(handler);
    const res = await authn(user.login, 'Legacy-Pa55');
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('E0000004');
    expect(res.body.errorSummary).toBe('Authentication failed');
    expect(legacy.requests).toHaveLength(attempts);
    const row = await userRow(user.id);
    expect(row.password_hook).toBe(1);
    expect(row.password_hash).toBeNull();
    const events = await importEvents(user.id);
    expect(events.map((e) => e.outcome.result)).toEqual(['FAILURE']);
    expect(events[0].outcome.reason).toBeTruthy();

    // The next attempt asks the hook again, and a VERIFIED answer then imports the password.
    legacy.requests.length = 0;
    legacy.handle(verified);
    const again = await authn(user.login, 'Legacy-Pa55');
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('SUCCESS');
    expect(legacy.requests).toHaveLength(1);
  }

  it('VERIFIED through /api/v1/authn: sends Okta\'s request, stores the password, and never asks again', async () => {
    const user = await importedUser();
    legacy.handle(verified);
    const res = await authn(user.login, 'Legacy-Pa55');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('SUCCESS');
    expect(typeof res.body.sessionToken).toBe('string');
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    expect(res.body._embedded.user).toMatchObject({ id: user.id, profile: { login: user.login, firstName: 'Legacy' } });

    expect(legacy.requests).toHaveLength(1);
    const call = legacy.requests[0];
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/verify');
    expect(call.headers.authorization).toBe(SECRET);
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.body).toMatchObject({
      eventType: TYPE, eventTypeVersion: '1.0', cloudEventVersion: '0.1', contentType: 'application/json',
      source: `${server.ctx.config.issuer}/api/v1/inlineHooks/${hookId}`,
      data: {
        context: {
          request: { method: 'POST', url: { value: '/api/v1/authn' }, ipAddress: '127.0.0.1' },
          credential: { username: user.login, password: 'Legacy-Pa55' },
        },
        action: { credential: 'UNVERIFIED' },
      },
    });
    expect(typeof call.body.eventId).toBe('string');
    expect(typeof call.body.data.context.request.id).toBe('string');

    const row = await userRow(user.id);
    expect(row.password_hook).toBe(0);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const events = await importEvents(user.id);
    expect(events).toHaveLength(1);
    expect(events[0].outcome.result).toBe('SUCCESS');
    expect(events[0].actor.id).toBe(user.id);
    expect(events[0].debugContext.debugData.inlineHookId).toBe(hookId);

    // The stored password now decides, without the hook: right → SUCCESS, wrong → E0000004.
    legacy.requests.length = 0;
    legacy.handle(() => { throw new Error('the hook must not be called again'); });
    expect((await authn(user.login, 'Legacy-Pa55')).body.status).toBe('SUCCESS');
    expect((await authn(user.login, 'Other-Pa55')).status).toBe(401);
    expect(legacy.requests).toHaveLength(0);
  });

  it('the call record and the runner\'s System Log events never hold the password', async () => {
    const user = await importedUser();
    legacy.handle(verified);
    expect((await authn(user.login, 'Very-Secret-77')).status).toBe(200);
    const calls = await server.ctx.db.selectFrom('inline_hook_calls').selectAll().where('hook_id', '=', hookId).execute();
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c.request).not.toContain('Very-Secret-77');
    const last = calls.find((c) => c.request.includes(user.login))!;
    expect(JSON.parse(last.request).data.context.credential).toEqual({ username: user.login, password: '[redacted]' });
    const logs = await server.ctx.db.selectFrom('system_log').select('body').execute();
    for (const l of logs) expect(l.body).not.toContain('Very-Secret-77');
  });

  it('does not apply the password policy to an imported password (as Okta)', async () => {
    const user = await importedUser();
    legacy.handle(verified);
    expect((await authn(user.login, 'abc')).body.status).toBe('SUCCESS');
    legacy.requests.length = 0;
    expect((await authn(user.login, 'abc')).body.status).toBe('SUCCESS');
    expect(legacy.requests).toHaveLength(0);
  });

  it('VERIFIED on the hosted sign-in page: session cookie, request url /signin, password stored', async () => {
    const user = await importedUser();
    legacy.handle(verified);
    const browser = new Browser(server.url);
    const res = await browser.submit('/signin', '/signin', { username: user.login, password: 'Page-Pa55' });
    expect(res.status).toBe(303);
    expect(browser.cookies.has('tg_session')).toBe(true);
    expect(legacy.requests).toHaveLength(1);
    expect(legacy.requests[0].body.data.context.request.url.value).toBe('/signin');
    expect(legacy.requests[0].body.data.context.credential).toEqual({ username: user.login, password: 'Page-Pa55' });
    expect((await userRow(user.id)).password_hook).toBe(0);
  });

  it('a failure on the hosted page shows the generic message and keeps the user waiting for import', async () => {
    const user = await importedUser();
    legacy.handle((_req, res) => json(res, 400, { error: 'bad request' }));
    const res = await new Browser(server.url).submit('/signin', '/signin', { username: user.login, password: 'Page-Pa55' });
    expect(res.status).toBe(401);
    expect(errorSummaryIn(res.html)).toBe('Unable to sign in');
    expect((await userRow(user.id)).password_hook).toBe(1);
  });

  it('UNVERIFIED refuses the sign-in as a wrong password (counts toward lockout) and asks again next time', async () => {
    const user = await importedUser();
    legacy.handle(unverified);
    const res = await authn(user.login, 'Wrong-Pa55');
    expect(res.status).toBe(401);
    expect(res.body.errorCode).toBe('E0000004');
    const row = await userRow(user.id);
    expect(row.password_hook).toBe(1);
    expect(row.failed_logins).toBe(1);
    const events = await importEvents(user.id);
    expect(events.map((e) => e.outcome.result)).toEqual(['FAILURE']);
    expect(events[0].outcome.reason).toBe('The password import hook did not verify the password');

    legacy.requests.length = 0;
    legacy.handle(verified);
    expect((await authn(user.login, 'Right-Pa55')).body.status).toBe('SUCCESS');
    expect(legacy.requests).toHaveLength(1);
    expect((await userRow(user.id)).failed_logins).toBe(0);
  });

  it('204 (and a reply without commands) takes the default action, UNVERIFIED', async () => {
    await expectFailClosed((_req, res) => { res.writeHead(204).end(); }, 1);
    await expectFailClosed((_req, res) => json(res, 200, { debugContext: { note: 'no commands' } }), 1);
  });

  it('fails closed on a timeout (retried once)', async () => {
    await expectFailClosed(() => { /* never answers: the runner gives up after 3 s, twice */ }, 2);
  }, 20_000);

  it('fails closed on 5xx (retried once) and on 4xx (not retried)', async () => {
    await expectFailClosed((_req, res) => json(res, 503, { error: 'down' }), 2);
    await expectFailClosed((_req, res) => json(res, 403, { error: 'forbidden' }), 1);
  });

  it('fails closed on a malformed reply, an oversize reply and a redirect', async () => {
    await expectFailClosed((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"commands": ['); }, 1);
    await expectFailClosed((_req, res) => json(res, 200, { commands: [], debugContext: { pad: 'x'.repeat(300 * 1024) } }), 1);
    await expectFailClosed((_req, res) => { res.writeHead(302, { location: 'https://example.com/' }).end(); }, 1);
  });

  it('fails closed on a command of another hook type, on a bad value and on an error object', async () => {
    await expectFailClosed((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { nickName: 'x' } }] }), 1);
    await expectFailClosed((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { credential: 'MAYBE' } }] }), 1);
    await expectFailClosed((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] }), 1);
    await expectFailClosed((_req, res) => json(res, 200, {
      commands: [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }], error: { errorSummary: 'legacy store is read-only' },
    }), 1);
  });

  it('sends the username as the person typed it (the login matches case-insensitively)', async () => {
    const user = await importedUser();
    legacy.handle(verified);
    const typed = `  ${user.login.toUpperCase()} `;
    expect((await authn(typed, 'Typed-Pa55')).body.status).toBe('SUCCESS');
    expect(legacy.requests[0].body.data.context.credential.username).toBe(user.login.toUpperCase());
  });

  it('the last com.okta.action.update wins', async () => {
    const user = await importedUser();
    legacy.handle((_req, res) => json(res, 200, { commands: [
      { type: 'com.okta.action.update', value: { credential: 'UNVERIFIED' } },
      { type: 'com.okta.action.update', value: { credential: 'VERIFIED' } },
    ] }));
    expect((await authn(user.login, 'Two-Pa55')).body.status).toBe('SUCCESS');
  });

  it('a sessionToken is redeemed once for the session cookie', async () => {
    const user = await importedUser();
    legacy.handle(verified);
    const { body } = await authn(user.login, 'Cookie-Pa55');
    const url = `/login/sessionCookieRedirect?token=${encodeURIComponent(body.sessionToken)}&redirectUrl=${encodeURIComponent('/app/me')}`;
    const browser = new Browser(server.url);
    const first = await browser.get(url);
    expect(first.status).toBe(302);
    expect(first.location).toBe('/app/me');
    expect(browser.cookies.has('tg_session')).toBe(true);
    const me = await browser.get('/app/me');
    expect(me.status).toBe(200);
    expect(me.html).toContain(user.login);

    const second = await new Browser(server.url).get(url);
    expect(second.status).toBe(302);
    expect(second.location).toBe('/signin?fromURI=%2Fapp%2Fme');
  });

  it('validates the authn body and answers E0000004 without telling whether the user exists', async () => {
    const blank = await fetch(`${server.url}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'x@example.com' }) });
    expect(blank.status).toBe(400);
    expect((await blank.json() as any).errorCauses).toEqual([{ errorSummary: 'password: The field cannot be left blank' }]);
    const unknown = await authn('nobody@example.com', 'Whatever-1');
    expect(unknown.status).toBe(401);
    expect(unknown.body.errorCode).toBe('E0000004');
    // The Classic API is public: an API token is neither needed nor used.
    expect(unknown.body.errorCode).not.toBe('E0000011');
  });

  it('with the hook deactivated nobody is imported: sign-in fails and the user still waits for import', async () => {
    const user = await importedUser();
    legacy.handle(verified);
    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/deactivate`)).status).toBe(200);
    try {
      const res = await authn(user.login, 'Legacy-Pa55');
      expect(res.status).toBe(401);
      expect(legacy.requests).toHaveLength(0);
      const page = await new Browser(server.url).submit('/signin', '/signin', { username: user.login, password: 'Legacy-Pa55' });
      expect(errorSummaryIn(page.html)).toContain('password import service');
      expect((await userRow(user.id)).password_hook).toBe(1);
    } finally {
      expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/activate`)).status).toBe(200);
    }
  });
});
