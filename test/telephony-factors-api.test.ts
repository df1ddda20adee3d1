import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { all, sdkClient, sdkError } from './helpers/okta-sdk.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * Okta's Factors API for sms and call factors (/api/v1/users/{userId}/factors): enroll, list, get, catalog,
 * activate with passCode, resend, verify (challenge, then passCode), delete; Okta's errors; the OTP's
 * expiry, attempt limit, single use and resend interval; codes stored hashed. The codes come from a
 * telephony hook endpoint the test controls. Also through the official Okta Node SDK.
 */

let server: TestServer;
let hook: HookServer;
let clockOffset = 0;
let serial = 0;

async function newUser(): Promise<string> {
  serial += 1;
  const login = `factor.${serial}@example.com`;
  const res = await server.api('POST', '/api/v1/users?activate=true', { profile: { firstName: 'Fay', lastName: 'Tor', email: login, login } });
  expect(res.status).toBe(200);
  return res.body.id;
}

/** The code of the latest message the hook received. */
function lastCode(): string {
  const last = hook.requests.at(-1);
  if (!last) throw new Error('no message was sent');
  return last.body.data.messageProfile.otpCode;
}

function wrong(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

async function enrollActive(userId: string, factorType = 'sms') {
  const enrolled = await server.api('POST', `/api/v1/users/${userId}/factors`, { factorType, provider: 'OKTA', profile: { phoneNumber: '+15554151337' } });
  expect(enrolled.status).toBe(200);
  const activated = await server.api('POST', `/api/v1/users/${userId}/factors/${enrolled.body.id}/lifecycle/activate`, { passCode: lastCode() });
  expect(activated.status).toBe(200);
  clockOffset += 31_000;
  return activated.body;
}

beforeAll(async () => {
  server = await startTestServer();
  server.ctx.clock = () => new Date(Date.now() + clockOffset);
  hook = await startHookServer((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'SUCCESSFUL' }] }] }));
  const created = await server.api('POST', '/api/v1/inlineHooks', {
    name: 'Telephony', type: 'com.okta.telephony.provider', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: { uri: hook.url + '/sms', method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: 's' } } },
  });
  expect(created.status).toBe(200);
});

afterAll(async () => {
  await hook?.close();
  await server?.close();
});

beforeEach(() => {
  clockOffset += 60_000;
});

describe('enroll, activate, list, get, catalog, delete', () => {
  it('follows Okta\'s SMS factor lifecycle with Okta\'s JSON and links', async () => {
    const userId = await newUser();
    const base = `${server.ctx.config.issuer}/api/v1/users/${userId}`;
    const enrolled = await server.api('POST', `/api/v1/users/${userId}/factors`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+1-555-415-1337' } });
    expect(enrolled.status).toBe(200);
    const id = enrolled.body.id;
    expect(id).toMatch(/^sms[A-Za-z0-9]{17}$/);
    expect(enrolled.body).toEqual({
      id, factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', status: 'PENDING_ACTIVATION',
      created: expect.any(String), lastUpdated: expect.any(String), profile: { phoneNumber: '+15554151337' },
      _links: {
        activate: { href: `${base}/factors/${id}/lifecycle/activate`, hints: { allow: ['POST'] } },
        resend: [{ name: 'sms', href: `${base}/factors/${id}/resend`, hints: { allow: ['POST'] } }],
        self: { href: `${base}/factors/${id}`, hints: { allow: ['GET'] } },
        user: { href: base, hints: { allow: ['GET'] } },
      },
    });
    expect(hook.requests.at(-1)!.body.requestType).toBe('com.okta.user.telephony.pre-enrollment');

    const listed = await server.api('GET', `/api/v1/users/${userId}/factors`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([enrolled.body]);
    const catalog = await server.api('GET', `/api/v1/users/${userId}/factors/catalog`);
    expect(catalog.body.map((f: any) => [f.factorType, f.status])).toEqual([['sms', 'PENDING_ACTIVATION'], ['call', 'NOT_SETUP']]);

    const activated = await server.api('POST', `/api/v1/users/${userId}/factors/${id}/lifecycle/activate`, { passCode: lastCode() });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ id, status: 'ACTIVE' });
    expect(activated.body._links).toEqual({
      verify: { href: `${base}/factors/${id}/verify`, hints: { allow: ['POST'] } },
      self: { href: `${base}/factors/${id}`, hints: { allow: ['GET', 'DELETE'] } },
      user: { href: base, hints: { allow: ['GET'] } },
    });
    const got = await server.api('GET', `/api/v1/users/${userId}/factors/${id}`);
    expect(got.body).toEqual(activated.body);

    const deleted = await server.api('DELETE', `/api/v1/users/${userId}/factors/${id}`);
    expect(deleted.status).toBe(204);
    const gone = await server.api('GET', `/api/v1/users/${userId}/factors/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ errorCode: 'E0000007', errorSummary: `Not found: Resource not found: ${id} (UserFactor)` });
    const events = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`target.id eq "${id}"`)}`);
    expect(events.body.map((e: any) => e.eventType)).toEqual(['user.mfa.factor.update', 'user.mfa.factor.activate', 'user.mfa.factor.deactivate']);
  });

  it('enrolls a call factor with an extension; activate=true needs no code', async () => {
    const userId = await newUser();
    const sent = hook.requests.length;
    const res = await server.api('POST', `/api/v1/users/${userId}/factors?activate=true`, {
      factorType: 'call', provider: 'OKTA', profile: { phoneNumber: '+44 20 7946 0958', phoneExtension: '1234' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^clf/), factorType: 'call', status: 'ACTIVE', profile: { phoneNumber: '+442079460958', phoneExtension: '1234' } });
    expect(hook.requests.length).toBe(sent);
  });

  it('refuses bad enrollments with E0000001 and creates nothing', async () => {
    const userId = await newUser();
    const cases: Array<[unknown, RegExp]> = [
      [{ factorType: 'push', provider: 'OKTA', profile: { phoneNumber: '+15554151337' } }, /factorType: The factor type 'push' is not supported/],
      [{ factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '555-1337' } }, /profile\.phoneNumber: The phone number is invalid/],
      [{ factorType: 'sms', provider: 'OKTA', profile: {} }, /profile\.phoneNumber: The field cannot be left blank/],
      [{ factorType: 'sms', provider: 'GOOGLE', profile: { phoneNumber: '+15554151337' } }, /provider: The provider must be OKTA/],
      [{ factorType: 'call', profile: { phoneNumber: '+15554151337', phoneExtension: 'x12' } }, /profile\.phoneExtension/],
      [{ provider: 'OKTA', profile: { phoneNumber: '+15554151337' } }, /factorType: The field cannot be left blank/],
    ];
    for (const [body, cause] of cases) {
      const res = await server.api('POST', `/api/v1/users/${userId}/factors`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorSummary).toBe('Api validation failed: factorEnrollRequest');
      expect(res.body.errorCauses.map((c: any) => c.errorSummary).join('\n')).toMatch(cause);
    }
    expect((await server.api('GET', `/api/v1/users/${userId}/factors`)).body).toEqual([]);
    const malformed = await server.api('POST', `/api/v1/users/${userId}/factors`, '{"factorType":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errorCode).toBe('E0000003');
  });

  it('refuses a second factor of a type that is set up, and unknown users and other users\' factors', async () => {
    const userId = await newUser();
    const factor = await enrollActive(userId);
    const again = await server.api('POST', `/api/v1/users/${userId}/factors`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15554151339' } });
    expect(again.status).toBe(400);
    expect(again.body.errorCauses).toEqual([{ errorSummary: 'A factor of this type is already set up.' }]);

    const nobody = await server.api('GET', '/api/v1/users/00unobody0000000000x/factors');
    expect(nobody.status).toBe(404);
    expect(nobody.body.errorCode).toBe('E0000007');
    const otherUser = await newUser();
    const foreign = await server.api('GET', `/api/v1/users/${otherUser}/factors/${factor.id}`);
    expect(foreign.status).toBe(404);
    const foreignDelete = await server.api('DELETE', `/api/v1/users/${otherUser}/factors/${factor.id}`);
    expect(foreignDelete.status).toBe(404);
    expect((await server.api('GET', `/api/v1/users/${userId}/factors/${factor.id}`)).status).toBe(200);
  });

  it('replaces the number of a factor that is not active yet only with updatePhone=true', async () => {
    const userId = await newUser();
    const first = await server.api('POST', `/api/v1/users/${userId}/factors`, { factorType: 'sms', profile: { phoneNumber: '+15554151337' } });
    clockOffset += 31_000;
    const refused = await server.api('POST', `/api/v1/users/${userId}/factors`, { factorType: 'sms', profile: { phoneNumber: '+15554151300' } });
    expect(refused.status).toBe(400);
    const replaced = await server.api('POST', `/api/v1/users/${userId}/factors?updatePhone=true`, { factorType: 'sms', profile: { phoneNumber: '+15554151300' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: first.body.id, status: 'PENDING_ACTIVATION', profile: { phoneNumber: '+15554151300' } });
    expect(hook.requests.at(-1)!.body.data.messageProfile.phoneNumber).toBe('+15554151300');
  });

  it('goes with its user when the user is deleted', async () => {
    const userId = await newUser();
    const factor = await enrollActive(userId);
    expect((await server.api('POST', `/api/v1/users/${userId}/lifecycle/deactivate`)).status).toBe(200);
    expect((await server.api('DELETE', `/api/v1/users/${userId}`)).status).toBe(204);
    const rows = await server.ctx.db.selectFrom('user_factors').select('id').where('id', '=', factor.id).execute();
    expect(rows).toEqual([]);
  });
});

describe('verify: challenge, then passCode', () => {
  it('sends a code, accepts it once, and answers E0000068 for a wrong, reused or missing one', async () => {
    const userId = await newUser();
    const factor = await enrollActive(userId);
    const verifyUrl = `/api/v1/users/${userId}/factors/${factor.id}/verify`;

    const noChallenge = await server.api('POST', verifyUrl, { passCode: '123456' });
    expect(noChallenge.status).toBe(403);
    expect(noChallenge.body).toMatchObject({ errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer' });

    const challenge = await server.api('POST', verifyUrl, undefined, { 'content-type': 'application/json' });
    expect(challenge.status).toBe(200);
    expect(challenge.body).toEqual({
      factorResult: 'CHALLENGE', expiresAt: expect.any(String), profile: { phoneNumber: '+15554151337' },
      _links: {
        verify: { href: `${server.ctx.config.issuer}${verifyUrl}`, hints: { allow: ['POST'] } },
        factor: { href: `${server.ctx.config.issuer}/api/v1/users/${userId}/factors/${factor.id}`, hints: { allow: ['GET', 'DELETE'] } },
      },
    });
    const code = lastCode();
    const bad = await server.api('POST', verifyUrl, { passCode: wrong(code) });
    expect(bad.status).toBe(403);
    expect(bad.body).toMatchObject({ errorCode: 'E0000068', errorCauses: [{ errorSummary: "Your passcode doesn't match our records. Please try again." }] });
    const good = await server.api('POST', verifyUrl, { passCode: code });
    expect(good.status).toBe(200);
    expect(good.body).toEqual({ factorResult: 'SUCCESS' });
    const replay = await server.api('POST', verifyUrl, { passCode: code });
    expect(replay.status).toBe(403);
    expect(replay.body.errorCode).toBe('E0000068');

    const outcomes = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "user.authentication.auth_via_mfa" and target.id eq "${factor.id}"`)}`);
    expect(outcomes.body.map((e: any) => e.outcome.result)).toEqual(['FAILURE', 'FAILURE', 'SUCCESS', 'FAILURE']);
  });

  it('voids a code after five wrong passcodes: even the right one then fails', async () => {
    const userId = await newUser();
    const factor = await enrollActive(userId);
    const verifyUrl = `/api/v1/users/${userId}/factors/${factor.id}/verify`;
    await server.api('POST', verifyUrl, {});
    const code = lastCode();
    const causes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await server.api('POST', verifyUrl, { passCode: wrong(code) });
      expect(res.status).toBe(403);
      causes.push(res.body.errorCauses[0].errorSummary);
    }
    expect(causes.at(-1)).toBe('Too many wrong passcodes. Please request a new one.');
    const late = await server.api('POST', verifyUrl, { passCode: code });
    expect(late.status).toBe(403);
  });

  it('lets a code expire after five minutes (or the tokenLifetimeSeconds asked for)', async () => {
    const userId = await newUser();
    const factor = await enrollActive(userId);
    const verifyUrl = `/api/v1/users/${userId}/factors/${factor.id}/verify`;
    await server.api('POST', verifyUrl);
    const code = lastCode();
    clockOffset += 301_000;
    const expired = await server.api('POST', verifyUrl, { passCode: code });
    expect(expired.status).toBe(403);
    expect(expired.body.errorCauses[0].errorSummary).toBe('Your passcode has expired. Please request a new one.');

    const short = await server.api('POST', `${verifyUrl}?tokenLifetimeSeconds=60`);
    expect(Date.parse(short.body.expiresAt) - Date.parse(hook.requests.at(-1)!.body.eventTime)).toBeLessThanOrEqual(60_000);
    const shortCode = lastCode();
    clockOffset += 61_000;
    expect((await server.api('POST', verifyUrl, { passCode: shortCode })).status).toBe(403);
  });

  it('sends at most one code every 30 seconds per factor (E0000109), and a new code voids the older one', async () => {
    const userId = await newUser();
    const factor = await enrollActive(userId);
    const verifyUrl = `/api/v1/users/${userId}/factors/${factor.id}/verify`;
    expect((await server.api('POST', verifyUrl)).status).toBe(200);
    const first = lastCode();
    const sent = hook.requests.length;
    const tooSoon = await server.api('POST', verifyUrl);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toMatchObject({ errorCode: 'E0000109', errorSummary: 'An SMS message was recently sent. Please wait 30 seconds before trying again.' });
    expect(hook.requests.length).toBe(sent);
    clockOffset += 31_000;
    expect((await server.api('POST', verifyUrl)).status).toBe(200);
    const second = lastCode();
    if (second !== first) expect((await server.api('POST', verifyUrl, { passCode: first })).status).toBe(403);
    expect((await server.api('POST', verifyUrl, { passCode: second })).status).toBe(200);
  });

  it('keeps codes only as keyed hashes', async () => {
    const userId = await newUser();
    const factor = await enrollActive(userId);
    await server.api('POST', `/api/v1/users/${userId}/factors/${factor.id}/verify`);
    const code = lastCode();
    const rows = await server.ctx.db.selectFrom('factor_challenges').selectAll().where('factor_id', '=', factor.id).execute();
    expect(rows.length).toBe(2);
    for (const row of rows) expect(JSON.stringify(row)).not.toContain(code);
  });

  it('refuses to verify a factor that is not active, and to activate one that is', async () => {
    const userId = await newUser();
    const pending = await server.api('POST', `/api/v1/users/${userId}/factors`, { factorType: 'sms', profile: { phoneNumber: '+15554151337' } });
    const verify = await server.api('POST', `/api/v1/users/${userId}/factors/${pending.body.id}/verify`);
    expect(verify.status).toBe(400);
    expect(verify.body.errorCode).toBe('E0000001');
    await server.api('POST', `/api/v1/users/${userId}/factors/${pending.body.id}/lifecycle/activate`, { passCode: lastCode() });
    const again = await server.api('POST', `/api/v1/users/${userId}/factors/${pending.body.id}/lifecycle/activate`, { passCode: '123456' });
    expect(again.status).toBe(400);
    const resend = await server.api('POST', `/api/v1/users/${userId}/factors/${pending.body.id}/resend`, {});
    expect(resend.status).toBe(400);
  });
});

describe('the official Okta Node SDK', () => {
  it('enrolls, lists, activates, verifies and unenrolls an SMS factor', async () => {
    const client = sdkClient(server);
    const userId = await newUser();
    const enrolled = await client.userFactorApi.enrollFactor({
      userId, body: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+15554151337' } } as any,
    });
    expect(enrolled).toMatchObject({ factorType: 'sms', status: 'PENDING_ACTIVATION' });
    const bad = await sdkError(client.userFactorApi.activateFactor({ userId, factorId: enrolled.id!, body: { passCode: wrong(lastCode()) } as any }));
    expect(bad).toMatchObject({ status: 403, errorCode: 'E0000068' });
    const activated = await client.userFactorApi.activateFactor({ userId, factorId: enrolled.id!, body: { passCode: lastCode() } as any });
    expect(activated).toMatchObject({ id: enrolled.id, status: 'ACTIVE' });
    const listed = await all(await client.userFactorApi.listFactors({ userId }));
    expect(listed.map((f) => f.id)).toEqual([enrolled.id]);

    clockOffset += 31_000;
    const challenge = await client.userFactorApi.verifyFactor({ userId, factorId: enrolled.id! });
    expect(challenge.factorResult).toBe('CHALLENGE');
    const verified = await client.userFactorApi.verifyFactor({ userId, factorId: enrolled.id!, body: { passCode: lastCode() } as any });
    expect(verified.factorResult).toBe('SUCCESS');
    await client.userFactorApi.unenrollFactor({ userId, factorId: enrolled.id! });
    expect(await all(await client.userFactorApi.listFactors({ userId }))).toEqual([]);
  });
});
