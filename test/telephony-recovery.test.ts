import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, errorSummaryIn } from './helpers/browser.js';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * Account unlock and password reset with a phone factor on the hosted pages: the telephony hook gets
 * `com.okta.user.telephony.account-unlock` and `…password-reset` requests, and the code it delivers unlocks
 * the account or lets the user choose a new password. Offered only when the password policy allows it.
 */

const PASSWORD = 'Sunny-Day-42';
let server: TestServer;
let hook: HookServer;
let clockOffset = 0;
let serial = 0;
let passwordPolicy: any;
let passwordRule: any;

async function newUser(factorType?: 'sms' | 'call'): Promise<{ id: string; login: string }> {
  serial += 1;
  const login = `rec.${serial}@example.com`;
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Rae', lastName: 'Covery', email: login, login }, credentials: { password: { value: PASSWORD } },
  });
  expect(res.status).toBe(200);
  if (factorType) {
    const phone = factorType === 'sms' ? '+15554151337' : '+15554151338';
    expect((await server.api('POST', `/api/v1/users/${res.body.id}/factors?activate=true`, { factorType, profile: { phoneNumber: phone } })).status).toBe(200);
  }
  return { id: res.body.id, login };
}

async function lockOut(login: string): Promise<void> {
  for (let i = 0; i < 3; i++) await new Browser(server.url).submit('/signin', '/signin', { username: login, password: 'Wrong-Password-1' });
}

async function statusOf(userId: string): Promise<string> {
  return (await server.api('GET', `/api/v1/users/${userId}`)).body.status;
}

async function allowPhoneRecovery(allow: boolean): Promise<void> {
  const { id, _links, created, lastUpdated, ...policy } = passwordPolicy;
  void _links; void created; void lastUpdated;
  const factors = allow ? { okta_sms: { status: 'ACTIVE' }, okta_call: { status: 'ACTIVE' } } : {};
  const updated = await server.api('PUT', `/api/v1/policies/${id}`, {
    ...policy,
    settings: { ...policy.settings, password: { ...policy.settings.password, lockout: { ...policy.settings.password.lockout, maxAttempts: 3 } }, recovery: { factors } },
  });
  expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  const rule = await server.api('PUT', `/api/v1/policies/${id}/rules/${passwordRule.id}`, {
    name: passwordRule.name, type: 'PASSWORD', conditions: passwordRule.conditions,
    actions: { ...passwordRule.actions, selfServiceUnlock: { access: allow ? 'ALLOW' : 'DENY' } },
  });
  expect(rule.status, JSON.stringify(rule.body)).toBe(200);
}

function lastMessage() {
  return hook.requests.at(-1)!.body;
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
  passwordPolicy = (await server.api('GET', '/api/v1/policies?type=PASSWORD')).body[0];
  passwordRule = (await server.api('GET', `/api/v1/policies/${passwordPolicy.id}/rules`)).body[0];
  await allowPhoneRecovery(true);
});

afterAll(async () => {
  await hook?.close();
  await server?.close();
});

beforeEach(() => {
  clockOffset += 60_000;
});

describe('account unlock with a code sent to the phone', () => {
  it('sends com.okta.user.telephony.account-unlock and unlocks with the code', async () => {
    const user = await newUser('sms');
    await lockOut(user.login);
    expect(await statusOf(user.id)).toBe('LOCKED_OUT');

    const browser = new Browser(server.url);
    const signInPage = await browser.get('/signin');
    expect(signInPage.html).toContain('<a href="/signin/recover/unlock">Unlock account?</a>');
    expect(signInPage.html).toContain('<a href="/signin/recover/reset">Forgot password?</a>');

    const started = await browser.submit('/signin/recover/unlock', '/signin/recover/unlock', { username: user.login, factorType: 'sms' });
    expect(started.location).toBe('/signin/recover/verify');
    const message = lastMessage();
    expect(message.requestType).toBe('com.okta.user.telephony.account-unlock');
    expect(message.data.userProfile.userId).toBe(user.id);
    expect(message.data.messageProfile).toMatchObject({ deliveryChannel: 'SMS', phoneNumber: '+15554151337' });
    const code = message.data.messageProfile.otpCode;

    const wrong = await browser.submit('/signin/recover/verify', '/signin/recover/verify', { passCode: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(errorSummaryIn(wrong.html)).toBe("Your passcode doesn't match our records. Please try again.");
    expect(await statusOf(user.id)).toBe('LOCKED_OUT');

    const right = await browser.submit('/signin/recover/verify', '/signin/recover/verify', { passCode: code });
    expect(right.status).toBe(200);
    expect(right.html).toContain('Your account is unlocked.');
    expect(await statusOf(user.id)).toBe('ACTIVE');
    const events = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "user.account.unlock" and target.id eq "${user.id}"`)}`);
    expect(events.body).toHaveLength(1);
    // The user signs in again (and is asked for the sign-in code, as they have a phone factor).
    clockOffset += 31_000;
    const signIn = await new Browser(server.url).submit('/signin', '/signin', { username: user.login, password: PASSWORD });
    expect(signIn.location).toBe('/signin/verify');
  });

  it('says the same for an unknown user, a user without a phone and an account that is not locked: no code is sent', async () => {
    const noPhone = await newUser();
    await lockOut(noPhone.login);
    const notLocked = await newUser('sms');
    for (const username of ['nobody@example.com', noPhone.login, notLocked.login]) {
      const before = hook.requests.length;
      const browser = new Browser(server.url);
      const started = await browser.submit('/signin/recover/unlock', '/signin/recover/unlock', { username, factorType: 'sms' });
      expect(started.location).toBe('/signin/recover/verify');
      expect(hook.requests.length).toBe(before);
      const page = await browser.get('/signin/recover/verify');
      expect(page.html).toContain('If the username has a phone set up for this, we sent it a code.');
      const attempt = await browser.submit('/signin/recover/verify', '/signin/recover/verify', { passCode: '123456' });
      expect(attempt.status).toBe(401);
    }
    expect(await statusOf(noPhone.id)).toBe('LOCKED_OUT');
  });
});

describe('password reset with a code sent to the phone', () => {
  it('sends com.okta.user.telephony.password-reset by voice, and sets a new password that passes the policy', async () => {
    const user = await newUser('call');
    const browser = new Browser(server.url);
    const started = await browser.submit('/signin/recover/reset', '/signin/recover/reset', { username: user.login, factorType: 'call' });
    expect(started.location).toBe('/signin/recover/verify');
    const message = lastMessage();
    expect(message.requestType).toBe('com.okta.user.telephony.password-reset');
    expect(message.data.messageProfile).toMatchObject({ deliveryChannel: 'voice call', phoneNumber: '+15554151338' });

    expect((await browser.get('/signin/recover/password')).status).toBe(400);
    const verified = await browser.submit('/signin/recover/verify', '/signin/recover/verify', { passCode: message.data.messageProfile.otpCode });
    expect(verified.location).toBe('/signin/recover/password');
    const weak = await browser.submit('/signin/recover/password', '/signin/recover/password', { password: 'short', confirmPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(errorSummaryIn(weak.html)).toMatch(/^Password requirements were not met/);
    const mismatch = await browser.submit('/signin/recover/password', '/signin/recover/password', { password: 'Brand-New-Pass-7', confirmPassword: 'Brand-New-Pass-8' });
    expect(errorSummaryIn(mismatch.html)).toBe('The passwords do not match');
    const done = await browser.submit('/signin/recover/password', '/signin/recover/password', { password: 'Brand-New-Pass-7', confirmPassword: 'Brand-New-Pass-7' });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Your password has been reset.');
    expect((await browser.get('/signin/recover/password')).status).toBe(400);

    const old = await new Browser(server.url).submit('/signin', '/signin', { username: user.login, password: PASSWORD });
    expect(old.status).toBe(401);
    clockOffset += 31_000;
    const fresh = await new Browser(server.url).submit('/signin', '/signin', { username: user.login, password: 'Brand-New-Pass-7' });
    expect(fresh.location).toBe('/signin/verify');
    const events = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "user.account.reset_password" and target.id eq "${user.id}"`)}`);
    expect(events.body).toHaveLength(1);
  });

  it('does not accept an unlock code for a reset, nor a sign-in code', async () => {
    const user = await newUser('sms');
    const browser = new Browser(server.url);
    await server.api('POST', `/api/v1/users/${user.id}/factors/${(await server.api('GET', `/api/v1/users/${user.id}/factors`)).body[0].id}/verify`);
    const signInCode = lastMessage().data.messageProfile.otpCode;
    clockOffset += 31_000;
    await browser.submit('/signin/recover/reset', '/signin/recover/reset', { username: user.login, factorType: 'sms' });
    const resetCode = lastMessage().data.messageProfile.otpCode;
    if (signInCode !== resetCode) {
      const mixed = await browser.submit('/signin/recover/verify', '/signin/recover/verify', { passCode: signInCode });
      expect(mixed.status).toBe(401);
    }
    const right = await browser.submit('/signin/recover/verify', '/signin/recover/verify', { passCode: resetCode });
    expect(right.location).toBe('/signin/recover/password');
  });
});

describe('when the password policy does not offer phone recovery', () => {
  it('shows no links and refuses the pages', async () => {
    await allowPhoneRecovery(false);
    try {
      const page = await new Browser(server.url).get('/signin');
      expect(page.html).not.toContain('/signin/recover/');
      expect((await new Browser(server.url).get('/signin/recover/reset')).status).toBe(404);
      expect((await new Browser(server.url).get('/signin/recover/unlock')).status).toBe(404);
    } finally {
      await allowPhoneRecovery(true);
    }
  });
});
