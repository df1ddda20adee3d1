import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

const PASSWORD = 'Sunny-Day-42';

describe('Okta Classic POST /api/v1/authn', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  async function user(login: string, query = '?activate=true') {
    const res = await server.api('POST', `/api/v1/users${query}`, {
      profile: { firstName: 'Cla', lastName: 'Ssic', email: login, login, locale: 'fr_FR' },
      credentials: { password: { value: PASSWORD } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { id: string };
  }

  async function authn(body: unknown) {
    const res = await fetch(`${server.url}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: await res.json() as any };
  }

  it('SUCCESS: a one-time sessionToken, its expiry, the user and relayState; a session is started and logged', async () => {
    const u = await user('classic@example.com');
    const res = await authn({ username: 'classic@example.com', password: PASSWORD, relayState: '/app/me', options: { warnBeforePasswordExpired: true } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      expiresAt: expect.any(String), status: 'SUCCESS', relayState: '/app/me', sessionToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      _embedded: { user: { id: u.id, passwordChanged: expect.any(String), profile: { login: 'classic@example.com', firstName: 'Cla', lastName: 'Ssic', locale: 'fr_FR', timeZone: 'America/Los_Angeles' } } },
    });
    const ttl = Date.parse(res.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5 * 60 * 1000);
    expect(res.headers.get('x-rate-limit-limit')).toBe('100');
    const sessions = await server.ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', u.id).execute();
    expect(sessions).toHaveLength(1);
    const log = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "user.session.start" and actor.id eq "${u.id}"`)}`);
    expect(log.body.map((e: { outcome: { result: string } }) => e.outcome.result)).toEqual(['SUCCESS']);
  });

  it('answers E0000004 for a wrong password, an unknown user and a user who cannot sign in', async () => {
    await user('staged@example.com', '?activate=false');
    for (const body of [
      { username: 'classic@example.com', password: 'wrong' },
      { username: 'nobody@example.com', password: PASSWORD },
      { username: 'staged@example.com', password: PASSWORD },
    ]) {
      const res = await authn(body);
      expect(res.status, JSON.stringify(body)).toBe(401);
      expect(res.body).toMatchObject({ errorCode: 'E0000004', errorSummary: 'Authentication failed', errorCauses: [] });
    }
  });

  it('answers E0000001 for a body without username or password, and E0000003 for one that is not JSON', async () => {
    const blank = await authn({});
    expect(blank.status).toBe(400);
    expect(blank.body.errorCauses).toEqual([
      { errorSummary: 'username: The field cannot be left blank' }, { errorSummary: 'password: The field cannot be left blank' },
    ]);
    const broken = await fetch(`${server.url}/api/v1/authn`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(broken.status).toBe(400);
    expect((await broken.json() as { errorCode: string }).errorCode).toBe('E0000003');
  });

  it('PASSWORD_EXPIRED: no sessionToken and no session left behind', async () => {
    const u = await user('expired@example.com', '?activate=true&nextLogin=changePassword');
    const res = await authn({ username: 'expired@example.com', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('PASSWORD_EXPIRED');
    expect(res.body.sessionToken).toBeUndefined();
    expect(res.body._embedded.user.id).toBe(u.id);
    expect(await server.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', u.id).execute()).toEqual([]);
  });

  it('LOCKED_OUT only when the password policy shows lockout failures; E0000004 otherwise', async () => {
    const policy = (await server.api('GET', '/api/v1/policies?type=PASSWORD')).body[0];
    const setLockout = (lockout: Record<string, unknown>) => server.api('PUT', `/api/v1/policies/${policy.id}`, {
      ...policy, settings: { ...policy.settings, password: { ...policy.settings.password, lockout: { ...policy.settings.password.lockout, ...lockout } } },
    });
    expect((await setLockout({ maxAttempts: 2, showLockoutFailures: false })).status).toBe(200);
    await user('locked@example.com');
    await authn({ username: 'locked@example.com', password: 'wrong-1' });
    const locking = await authn({ username: 'locked@example.com', password: 'wrong-2' });
    expect(locking.status).toBe(401);
    const hidden = await authn({ username: 'locked@example.com', password: PASSWORD });
    expect(hidden.status).toBe(401);
    expect(hidden.body.errorCode).toBe('E0000004');
    expect((await setLockout({ showLockoutFailures: true })).status).toBe(200);
    const shown = await authn({ username: 'locked@example.com', password: PASSWORD, relayState: 'rs' });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ status: 'LOCKED_OUT', relayState: 'rs' });
  });
});
