/**
 * Okta's password lifecycle operations over real HTTP: `reset_password` (the one-time link and its hosted
 * page), `expire_password` (and the hosted sign-in that then asks for a new password), also through the
 * official Okta SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../src/platform/crypto.js';
import { Browser, errorSummaryIn } from './helpers/browser.js';
import { sdkClient, sdkError } from './helpers/okta-sdk.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const PASSWORD = 'Tollgate-Pass-42';
const NEW_PASSWORD = 'Brand-New-Secret-7';
let seq = 0;

async function newUser(server: TestServer, query = '', withPassword = true): Promise<{ id: string; login: string; status: string }> {
  const login = `pw${++seq}.${Date.now()}@example.com`;
  const res = await server.api('POST', `/api/v1/users${query}`, {
    profile: { firstName: 'Pass', lastName: `Word${seq}`, email: login, login },
    ...(withPassword ? { credentials: { password: { value: PASSWORD } } } : {}),
  });
  expect(res.status).toBe(200);
  return { id: res.body.id, login, status: res.body.status };
}

const statusOf = async (server: TestServer, id: string) => (await server.api('GET', `/api/v1/users/${id}`)).body.status as string;

async function eventsOf(server: TestServer, id: string): Promise<Array<{ event_type: string; actor_id: string }>> {
  const rows = await server.ctx.db.selectFrom('system_log').select(['event_type', 'actor_id'])
    .where('target_ids', 'like', `% ${id} %`).orderBy('published').execute();
  return rows.map((r) => ({ event_type: r.event_type, actor_id: r.actor_id ?? '' }));
}

/** Signs in on the hosted page; returns the response of the POST. */
async function signIn(browser: Browser, login: string, password: string, fromURI?: string) {
  return browser.submit(fromURI ? `/signin?fromURI=${encodeURIComponent(fromURI)}` : '/signin', '/signin', { username: login, password, fromURI });
}

const pathOf = (url: string) => new URL(url).pathname;

describe('POST /api/v1/users/{id}/lifecycle/reset_password and expire_password', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  it('reset_password with sendEmail=false: RECOVERY, a one-time link whose token is stored only hashed', async () => {
    const user = await newUser(server);
    const res = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/reset_password?sendEmail=false`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['resetPasswordUrl']);
    const match = new RegExp(`^${server.ctx.config.issuer}/signin/reset-password/([A-Za-z0-9]{20})$`).exec(res.body.resetPasswordUrl);
    expect(match).not.toBeNull();
    const token = match![1];
    const stored = await server.ctx.db.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'reset_password_token:%').execute();
    expect(stored.map((s) => s.key)).toContain(`reset_password_token:${hashToken(token)}`);
    expect(JSON.stringify(stored)).not.toContain(token);

    const after = (await server.api('GET', `/api/v1/users/${user.id}`)).body;
    expect(after.status).toBe('RECOVERY');
    expect(Object.keys(after._links).sort()).toEqual(['deactivate', 'reactivate', 'resetPassword', 'schema', 'self', 'type']);
    expect(await eventsOf(server, user.id)).toEqual([
      expect.objectContaining({ event_type: 'user.lifecycle.create' }), expect.objectContaining({ event_type: 'user.lifecycle.activate' }),
      expect.objectContaining({ event_type: 'user.account.reset_password' }),
    ]);
    const log = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "user.account.reset_password" and target.id eq "${user.id}"`)}`);
    expect(log.body[0]).toMatchObject({ outcome: { result: 'SUCCESS' }, target: [{ id: user.id, type: 'User', alternateId: user.login }] });
  });

  it('reset_password with sendEmail=true answers {}; sendEmail is required; revokeSessions ends the sessions', async () => {
    const user = await newUser(server);
    const missing = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/reset_password`);
    expect(missing.status).toBe(400);
    expect(missing.body.errorCode).toBe('E0000001');
    expect(await statusOf(server, user.id)).toBe('ACTIVE');

    const now = new Date().toISOString();
    await server.ctx.db.insertInto('sessions').values({
      id: `102pwreset${String(seq).padStart(10, '0')}`, token_hash: `hash-${user.id}`, user_id: user.id, status: 'ACTIVE', amr: '["pwd"]',
      ip_address: null, user_agent: null, created: now, expires_at: now, last_password_verification: now, last_factor_verification: null,
    }).execute();
    const kept = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/reset_password?sendEmail=true`);
    expect(kept.status).toBe(200);
    expect(kept.body).toEqual({});
    expect(await server.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(1);
    const revoked = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/reset_password?sendEmail=false&revokeSessions=true`);
    expect(revoked.body.resetPasswordUrl).toBeDefined();
    expect(await server.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('refuses reset_password and expire_password in the wrong status (E0000038) and for unknown users (E0000007), changing nothing', async () => {
    const staged = await newUser(server, '?activate=false');
    for (const op of ['reset_password?sendEmail=false', 'expire_password']) {
      const res = await server.api('POST', `/api/v1/users/${staged.id}/lifecycle/${op}`);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ errorCode: 'E0000038', errorSummary: "This operation is not allowed in the user's current status." });
      const unknown = await server.api('POST', `/api/v1/users/00uNobody00000000000/lifecycle/${op}`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.errorCode).toBe('E0000007');
    }
    expect(await statusOf(server, staged.id)).toBe('STAGED');
    const suspended = await newUser(server);
    await server.api('POST', `/api/v1/users/${suspended.id}/lifecycle/suspend`);
    expect((await server.api('POST', `/api/v1/users/${suspended.id}/lifecycle/reset_password?sendEmail=false`)).body.errorCode).toBe('E0000038');
    expect((await server.api('POST', `/api/v1/users/${suspended.id}/lifecycle/expire_password`)).body.errorCode).toBe('E0000038');
    expect(await statusOf(server, suspended.id)).toBe('SUSPENDED');
    expect((await eventsOf(server, suspended.id)).map((e) => e.event_type)).not.toContain('user.account.reset_password');
  });

  it('expire_password answers the User as PASSWORD_EXPIRED with user.account.expire_password; a second expiry is harmless', async () => {
    const user = await newUser(server);
    const res = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/expire_password`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: user.id, status: 'PASSWORD_EXPIRED', profile: { login: user.login }, credentials: { password: {} } });
    expect(res.body._links.resetPassword.href).toContain('/lifecycle/reset_password');
    expect(res.body._links.expirePassword).toBeUndefined();
    expect(await statusOf(server, user.id)).toBe('PASSWORD_EXPIRED');
    const again = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/expire_password`);
    expect(again.status).toBe(200);
    expect(again.body.statusChanged).toBe(res.body.statusChanged);
    expect((await eventsOf(server, user.id)).map((e) => e.event_type).filter((t) => t === 'user.account.expire_password')).toHaveLength(2);

    const noPassword = await newUser(server, '?activate=false', false);
    await server.api('POST', `/api/v1/users/${noPassword.id}/lifecycle/activate?sendEmail=false`);
    expect((await server.api('POST', `/api/v1/users/${noPassword.id}/lifecycle/expire_password`)).body.errorCode).toBe('E0000038');
  });

  it('works through the official Okta SDK: reset password, expire password, unsuspend and unlock', async () => {
    const client = sdkClient(server);
    const user = await newUser(server);
    const expired = await client.userApi.expirePassword({ userId: user.id });
    expect(expired.status).toBe('PASSWORD_EXPIRED');
    const token = await client.userApi.generateResetPasswordToken({ userId: user.id, sendEmail: false });
    expect(token.resetPasswordUrl).toMatch(/\/signin\/reset-password\/[A-Za-z0-9]{20}$/);
    expect((await client.userApi.getUser({ userId: user.id })).status).toBe('RECOVERY');
    const failure = await sdkError(client.userApi.expirePassword({ userId: user.id }));
    expect(failure.status).toBe(403);
    expect(failure.errorCode).toBe('E0000038');

    const other = await newUser(server);
    await client.userApi.suspendUser({ userId: other.id });
    await client.userApi.unsuspendUser({ userId: other.id });
    expect((await client.userApi.getUser({ userId: other.id })).status).toBe('ACTIVE');
    await server.ctx.db.updateTable('users').set({ status: 'LOCKED_OUT', failed_logins: 10 }).where('id', '=', other.id).execute();
    await client.userApi.unlockUser({ userId: other.id });
    expect((await client.userApi.getUser({ userId: other.id })).status).toBe('ACTIVE');
  });
});

describe('the hosted reset password page', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  async function resetLink(id: string): Promise<string> {
    const res = await server.api('POST', `/api/v1/users/${id}/lifecycle/reset_password?sendEmail=false`);
    expect(res.status).toBe(200);
    return pathOf(res.body.resetPasswordUrl);
  }

  it('sets a new password with the password policy applied, once; the old password stops working at the reset', async () => {
    const user = await newUser(server);
    const link = await resetLink(user.id);
    const browser = new Browser(server.url);
    expect((await signIn(browser, user.login, PASSWORD)).status).toBe(401); // RECOVERY: no sign-in

    const page = await browser.get(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Reset password</h1>');
    expect(page.html).toContain('<label for="f-password">New password</label>');
    expect(page.html).toContain(`action="${link}"`);

    const mismatch = await browser.submit(link, link, { password: NEW_PASSWORD, confirmPassword: 'something else' });
    expect(mismatch.status).toBe(400);
    expect(errorSummaryIn(mismatch.html)).toBe('The passwords do not match');
    const weak = await browser.submit(link, link, { password: 'short', confirmPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(errorSummaryIn(weak.html)).toContain('Password requirements were not met');
    const same = await browser.submit(link, link, { password: PASSWORD, confirmPassword: PASSWORD });
    expect(errorSummaryIn(same.html)).toBe('Password cannot be your current password');
    expect(await statusOf(server, user.id)).toBe('RECOVERY');

    const done = await browser.submit(link, link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.html).toContain('<h1>Password reset</h1>');
    const after = (await server.api('GET', `/api/v1/users/${user.id}`)).body;
    expect(after.status).toBe('ACTIVE');
    expect(after.passwordChanged).not.toBeNull();
    const events = await eventsOf(server, user.id);
    expect(events.at(-1)).toEqual({ event_type: 'user.account.update_password', actor_id: user.id });

    // Single use: the link is spent.
    const reused = await browser.get(link);
    expect(reused.status).toBe(404);
    expect(reused.html).toContain('expired or has already been used');
    const reposted = await browser.request('POST', link, { password: 'Another-Pass-99', confirmPassword: 'Another-Pass-99', csrfToken: /name="csrfToken" value="([^"]+)"/.exec(page.html)![1] });
    expect(reposted.status).toBe(404);

    expect((await signIn(new Browser(server.url), user.login, PASSWORD)).status).toBe(401);
    const signedIn = await signIn(new Browser(server.url), user.login, NEW_PASSWORD);
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/app/me');
  });

  it('refuses an expired link, a replaced link, an unknown link and a form without its CSRF token', async () => {
    const user = await newUser(server);
    const first = await resetLink(user.id);
    const second = await resetLink(user.id);
    const browser = new Browser(server.url);
    expect((await browser.get(first)).status).toBe(404); // a new link replaces the earlier one
    expect((await browser.get(second)).status).toBe(200);
    expect((await browser.get('/signin/reset-password/NotARealToken0000000')).status).toBe(404);

    const noCsrf = await browser.request('POST', second, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(noCsrf.status).toBe(403);
    expect(await statusOf(server, user.id)).toBe('RECOVERY');

    // The link's time is up (Okta's default lifetime is 60 minutes).
    const token = second.split('/').pop()!;
    const key = `reset_password_token:${hashToken(token)}`;
    const row = await server.ctx.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
    const expiresAt = Date.parse((JSON.parse(row.value) as { expiresAt: string }).expiresAt);
    expect(expiresAt - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    await server.ctx.db.updateTable('settings').set({ value: JSON.stringify({ userId: user.id, expiresAt: new Date(Date.now() - 1000).toISOString() }) })
      .where('key', '=', key).execute();
    const expired = await browser.submit('/signin', second, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(expired.status).toBe(404);
    expect(await statusOf(server, user.id)).toBe('RECOVERY');
  });

  it('a link stops working when the user leaves RECOVERY another way (deactivated)', async () => {
    const user = await newUser(server);
    const link = await resetLink(user.id);
    await server.api('POST', `/api/v1/users/${user.id}/lifecycle/deactivate`);
    const browser = new Browser(server.url);
    expect((await browser.get(link)).status).toBe(404);
    expect((await browser.submit('/signin', link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })).status).toBe(404);
    expect(await statusOf(server, user.id)).toBe('DEPROVISIONED');
  });

  it('activates a PROVISIONED user through its reset link, revoking its activation token', async () => {
    const user = await newUser(server, '?activate=false', false);
    const activation = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/activate?sendEmail=false`);
    expect(activation.body.activationToken).toBeDefined();
    const link = await resetLink(user.id);
    expect(await server.ctx.db.selectFrom('settings').select('key').where('key', '=', `activation_token:${hashToken(activation.body.activationToken)}`).execute()).toEqual([]);
    const done = await new Browser(server.url).submit(link, link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).toBe(200);
    const after = (await server.api('GET', `/api/v1/users/${user.id}`)).body;
    expect(after.status).toBe('ACTIVE');
    expect(after.activated).not.toBeNull();
    expect(after.credentials.password).toEqual({});
  });
});

describe('the hosted sign-in of a user whose password has expired', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  it('asks for a new password before signing in, then goes on to fromURI', async () => {
    const user = await newUser(server);
    await server.api('POST', `/api/v1/users/${user.id}/lifecycle/expire_password`);
    const browser = new Browser(server.url);
    const res = await signIn(browser, user.login, PASSWORD, '/app/me?tab=profile');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/signin/expired-password');
    expect(browser.cookies.has('tg_session')).toBe(false);
    expect(browser.cookies.has('tg_pwchange')).toBe(true);
    // The held-back session cannot be used.
    const sessions = await server.ctx.db.selectFrom('sessions').select('status').where('user_id', '=', user.id).execute();
    expect(sessions).toEqual([{ status: 'PASSWORD_EXPIRED' }]);

    const page = await browser.get('/signin/expired-password');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Your password has expired</h1>');
    const same = await browser.submit('/signin/expired-password', '/signin/expired-password', { password: PASSWORD, confirmPassword: PASSWORD });
    expect(same.status).toBe(400);
    expect(errorSummaryIn(same.html)).toBe('Password cannot be your current password');
    const weak = await browser.submit('/signin/expired-password', '/signin/expired-password', { password: 'weakpass', confirmPassword: 'weakpass' });
    expect(errorSummaryIn(weak.html)).toContain('Password requirements were not met');

    const done = await browser.submit('/signin/expired-password', '/signin/expired-password', { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/app/me?tab=profile');
    expect(browser.cookies.has('tg_session')).toBe(true);
    expect(browser.cookies.has('tg_pwchange')).toBe(false);
    const me = await browser.get('/app/me');
    expect(me.status).toBe(200);
    expect(me.html).not.toContain('Your password has expired');
    expect(await statusOf(server, user.id)).toBe('ACTIVE');
    expect((await eventsOf(server, user.id)).map((e) => e.event_type).slice(-3)).toEqual([
      'user.account.expire_password', 'user.session.start', 'user.account.update_password',
    ]);

    // The change page is done with; the new password signs in straight away.
    expect((await browser.get('/signin/expired-password')).status).toBe(400);
    const next = await signIn(new Browser(server.url), user.login, NEW_PASSWORD);
    expect(next.location).toBe('/app/me');
  });

  it('a wrong password is refused as usual, and the change page needs the held sign-in of this browser', async () => {
    const user = await newUser(server, '?activate=true&nextLogin=changePassword');
    expect(user.status).toBe('PASSWORD_EXPIRED');
    const wrong = await signIn(new Browser(server.url), user.login, 'Not-The-Password-1');
    expect(wrong.status).toBe(401);

    const stranger = new Browser(server.url);
    expect((await stranger.get('/signin/expired-password')).status).toBe(400);
    const post = await stranger.submit('/signin', '/signin/expired-password', { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(post.status).toBe(400);
    expect(post.html).toContain('Please sign in again');
    // A forged cookie is no better.
    stranger.cookies.set('tg_pwchange', 'v1.forged.cookie.value');
    expect((await stranger.get('/signin/expired-password')).status).toBe(400);
    expect(await statusOf(server, user.id)).toBe('PASSWORD_EXPIRED');

    // If an admin resets the password meanwhile, the held sign-in is over.
    const browser = new Browser(server.url);
    expect((await signIn(browser, user.login, PASSWORD)).location).toBe('/signin/expired-password');
    await server.api('POST', `/api/v1/users/${user.id}/lifecycle/reset_password?sendEmail=false`);
    expect((await browser.get('/signin/expired-password')).status).toBe(400);
    const late = await browser.submit('/signin', '/signin/expired-password', { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(late.status).toBe(400);
    expect(await statusOf(server, user.id)).toBe('RECOVERY');
  });
});
