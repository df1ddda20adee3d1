import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, csrfTokenIn, errorSummaryIn } from './helpers/browser.js';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { captureDevelopmentTelephony } from './helpers/telephony-console.js';

/*
 * SMS and voice factors on the hosted pages, end to end with a real telephony hook endpoint: a signed-in
 * user sets up SMS from /app/me, and from then on signing in asks for the code sent to the phone before any
 * session cookie exists.
 */

const PASSWORD = 'Sunny-Day-42';
let server: TestServer;
let hook: HookServer;
let clockOffset = 0;
let serial = 0;

const delivered = { commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'SUCCESSFUL', provider: 'TEST' }] }] };

async function newUser(): Promise<{ id: string; login: string }> {
  serial += 1;
  const login = `mfa.${serial}@example.com`;
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Mo', lastName: 'Fa', email: login, login }, credentials: { password: { value: PASSWORD } },
  });
  expect(res.status).toBe(200);
  return { id: res.body.id, login };
}

function lastMessage() {
  const last = hook.requests.at(-1);
  if (!last) throw new Error('no message was sent');
  return last.body as { requestType: string; data: { messageProfile: { otpCode: string; deliveryChannel: string; phoneNumber: string } } };
}

async function signIn(login: string, fromURI?: string): Promise<{ browser: Browser; res: Awaited<ReturnType<Browser['submit']>> }> {
  const browser = new Browser(server.url);
  const res = await browser.submit('/signin', '/signin', { username: login, password: PASSWORD, fromURI });
  return { browser, res };
}

/** Enrolls and activates an active SMS factor through the pages; returns the signed-in browser. */
async function setUpSms(login: string, phone = '+1 555 415 1337'): Promise<Browser> {
  const { browser, res } = await signIn(login);
  expect(res.location).toBe('/app/me');
  const enrolled = await browser.submit('/app/me/factors', '/app/me/factors', { factorType: 'sms', phoneNumber: phone });
  expect(enrolled.status).toBe(303);
  const activated = await browser.submit(enrolled.location!, `${enrolled.location}`, { passCode: lastMessage().data.messageProfile.otpCode });
  expect(activated.status).toBe(303);
  expect(activated.location).toBe('/app/me/factors?notice=activated');
  clockOffset += 31_000;
  return browser;
}

async function sessionRows(userId: string) {
  return server.ctx.db.selectFrom('sessions').select(['status', 'amr', 'last_factor_verification']).where('user_id', '=', userId).execute();
}

beforeAll(async () => {
  server = await startTestServer();
  server.ctx.clock = () => new Date(Date.now() + clockOffset);
  hook = await startHookServer();
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
  hook.handle((_req, res) => json(res, 200, delivered));
  server.ctx.config.telephonyFallback = undefined;
});

describe('setting up SMS from the account page', () => {
  it('links /app/me to the set-up page, sends the enrollment code through the hook and activates with it', async () => {
    const user = await newUser();
    const { browser } = await signIn(user.login);
    const me = await browser.get('/app/me');
    expect(me.html).toContain('<a href="/app/me/factors">Set up SMS/voice</a>');

    const page = await browser.get('/app/me/factors');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Set up SMS/voice</h1>');
    expect(page.html).toContain('<label for="f-phone-sms">Phone number</label>');
    expect(page.html).toContain('data-factor="call" data-status="NOT_SETUP"');

    const bad = await browser.submit('/app/me/factors', '/app/me/factors', { factorType: 'sms', phoneNumber: '12' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('<p class="field-error" id="e-phone-sms">The phone number is invalid; use the E.164 format, e.g. +15554151337</p>');
    expect(hook.requests.filter((r) => r.body.data.userProfile.userId === user.id)).toHaveLength(0);

    const enrolled = await browser.submit('/app/me/factors', '/app/me/factors', { factorType: 'sms', phoneNumber: '+1 555 415 1337' });
    expect(enrolled.status).toBe(303);
    expect(enrolled.location).toMatch(/^\/app\/me\/factors\/sms[A-Za-z0-9]{17}\/activate$/);
    const message = lastMessage();
    expect(message.requestType).toBe('com.okta.user.telephony.pre-enrollment');
    expect(message.data.messageProfile).toMatchObject({ phoneNumber: '+15554151337', deliveryChannel: 'SMS' });

    const codePage = await browser.get(enrolled.location!);
    expect(codePage.html).toContain('to the phone number ending in 1337');
    const wrong = await browser.submit(enrolled.location!, enrolled.location!, { passCode: message.data.messageProfile.otpCode === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(errorSummaryIn(wrong.html)).toBe("Your passcode doesn't match our records. Please try again.");
    const right = await browser.submit(enrolled.location!, enrolled.location!, { passCode: message.data.messageProfile.otpCode });
    expect(right.location).toBe('/app/me/factors?notice=activated');
    const done = await browser.get(right.location!);
    expect(done.html).toContain('data-factor="sms" data-status="ACTIVE"');
    expect(done.html).toContain('Your phone is set up.');
    const api = await server.api('GET', `/api/v1/users/${user.id}/factors`);
    expect(api.body.map((f: any) => [f.factorType, f.status])).toEqual([['sms', 'ACTIVE']]);
  });

  it('asks to sign in first', async () => {
    const page = await new Browser(server.url).get('/app/me/factors');
    expect(page.status).toBe(302);
    expect(page.location).toBe('/signin?fromURI=%2Fapp%2Fme%2Ffactors');
  });
});

describe('signing in with an active phone factor', () => {
  it('holds the session back until the code sent to the phone is entered', async () => {
    const user = await newUser();
    await setUpSms(user.login);

    const { browser, res } = await signIn(user.login);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/signin/verify');
    expect(browser.cookies.has('tg_session')).toBe(false);
    expect(browser.cookies.has('tg_mfa')).toBe(true);
    expect((await sessionRows(user.id)).some((s) => s.status === 'MFA_REQUIRED')).toBe(true);
    const message = lastMessage();
    expect(message.requestType).toBe('com.okta.user.telephony.mfa-verification');
    expect((await browser.get('/app/me')).location).toBe('/signin');

    const page = await browser.get('/signin/verify');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Verify it\'s you</h1>');
    expect(page.html).toContain('We sent a code by text message (SMS) to the phone number ending in 1337.');
    expect(page.html).toContain('autocomplete="one-time-code"');

    const blank = await browser.submit('/signin/verify', '/signin/verify', { passCode: '' });
    expect(blank.status).toBe(400);
    const wrong = await browser.submit('/signin/verify', '/signin/verify', { passCode: message.data.messageProfile.otpCode === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    expect(errorSummaryIn(wrong.html)).toBe("Your passcode doesn't match our records. Please try again.");
    expect(browser.cookies.has('tg_session')).toBe(false);

    const right = await browser.submit('/signin/verify', '/signin/verify', { passCode: message.data.messageProfile.otpCode });
    expect(right.status).toBe(303);
    expect(right.location).toBe('/app/me');
    expect(browser.cookies.has('tg_session')).toBe(true);
    expect(browser.cookies.has('tg_mfa')).toBe(false);
    expect((await browser.get('/app/me')).status).toBe(200);
    const active = (await sessionRows(user.id)).filter((s) => s.status === 'ACTIVE' && s.last_factor_verification);
    expect(active.map((s) => JSON.parse(s.amr))).toContainEqual(['pwd', 'sms', 'mfa']);

    const events = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "user.authentication.auth_via_mfa" and actor.id eq "${user.id}"`)}`);
    expect(events.body.map((e: any) => e.outcome.result)).toEqual(['FAILURE', 'SUCCESS']);
  });

  it('keeps fromURI through the code step', async () => {
    const user = await newUser();
    await setUpSms(user.login);
    const { browser, res } = await signIn(user.login, '/app/me/factors');
    expect(res.location).toBe('/signin/verify?fromURI=%2Fapp%2Fme%2Ffactors');
    const page = await browser.get(res.location!);
    const token = csrfTokenIn(page.html)!;
    const done = await browser.request('POST', '/signin/verify', {
      csrfToken: token, passCode: lastMessage().data.messageProfile.otpCode, fromURI: '/app/me/factors',
      factorId: /name="factorId" value="([^"]+)"/.exec(page.html)![1],
    });
    expect(done.location).toBe('/app/me/factors');
  });

  it('offers a voice call instead, and resends no sooner than 30 seconds', async () => {
    const user = await newUser();
    await setUpSms(user.login);
    const call = await server.api('POST', `/api/v1/users/${user.id}/factors?activate=true`, { factorType: 'call', profile: { phoneNumber: '+15554151338' } });
    expect(call.status).toBe(200);

    const { browser } = await signIn(user.login);
    const page = await browser.get('/signin/verify');
    expect(page.html).toContain('Get a code by voice call instead');
    const smsCode = lastMessage().data.messageProfile.otpCode;

    const tooSoon = await browser.submit('/signin/verify', '/signin/verify/send', { factorId: /name="factorId" value="(sms[^"]+)"/.exec(page.html)![1] });
    expect(tooSoon.location).toMatch(/sent=recent$/);
    expect((await browser.get(tooSoon.location!)).html).toContain('A code was sent less than 30 seconds ago');

    const switched = await browser.submit('/signin/verify', '/signin/verify/send', { factorId: call.body.id });
    expect(switched.location).toBe(`/signin/verify?factorId=${call.body.id}&sent=again`);
    const message = lastMessage();
    expect(message.requestType).toBe('com.okta.user.telephony.mfa-verification');
    expect(message.data.messageProfile).toMatchObject({ deliveryChannel: 'voice call', phoneNumber: '+15554151338' });
    const callPage = await browser.get(switched.location!);
    expect(callPage.html).toContain('We sent a code by voice call to the phone number ending in 1338.');

    // The SMS code was for the SMS factor only.
    const token = csrfTokenIn(callPage.html)!;
    const mixed = await browser.request('POST', '/signin/verify', { csrfToken: token, factorId: call.body.id, passCode: smsCode === message.data.messageProfile.otpCode ? '000000' : smsCode });
    expect(mixed.status).toBe(401);
    const done = await browser.request('POST', '/signin/verify', { csrfToken: token, factorId: call.body.id, passCode: message.data.messageProfile.otpCode });
    expect(done.location).toBe('/app/me');
    const active = (await sessionRows(user.id)).filter((s) => s.status === 'ACTIVE' && s.last_factor_verification);
    expect(active.map((s) => JSON.parse(s.amr))).toContainEqual(['pwd', 'tel', 'mfa']);
  });

  it('sends the sign-in code through the development provider when the hook fails (same code, hook called once)', async () => {
    const user = await newUser();
    await setUpSms(user.login);
    hook.handle((_req, res) => json(res, 500, {}));
    const before = hook.requests.length;
    server.ctx.config.telephonyDevelopment = true;
    const console = captureDevelopmentTelephony();
    try {
      const { browser, res } = await signIn(user.login);
      expect(res.location).toBe('/signin/verify');
      expect(hook.requests.length).toBe(before + 1);
      const filter = encodeURIComponent(`eventType eq "system.sms.send_factor_verify_message" and target.id eq "${user.id}"`);
      const logged = await server.api('GET', `/api/v1/logs?filter=${filter}&sortOrder=DESCENDING`);
      expect(logged.body[0].debugContext.debugData).toMatchObject({ deliveredBy: 'development' });
      expect(console.lastCode()).toBe(lastMessage().data.messageProfile.otpCode);
      const done = await browser.submit('/signin/verify', '/signin/verify', { passCode: console.lastCode() });
      expect(done.location).toBe('/app/me');
    } finally {
      console.restore();
      server.ctx.config.telephonyDevelopment = false;
    }
  });

  it('forgets a sign-in whose code step is tampered with or too old', async () => {
    const user = await newUser();
    await setUpSms(user.login);
    const { browser } = await signIn(user.login);
    const sealed = browser.cookies.get('tg_mfa')!;
    browser.cookies.set('tg_mfa', sealed.slice(0, -4) + 'AAAA');
    expect((await browser.get('/signin/verify')).location).toBe('/signin');
    browser.cookies.set('tg_mfa', sealed);
    expect((await browser.get('/signin/verify')).status).toBe(200);
    clockOffset += 11 * 60_000;
    expect((await browser.get('/signin/verify')).location).toBe('/signin');
  });

  it('stops asking once the factor is removed', async () => {
    const user = await newUser();
    const browser = await setUpSms(user.login);
    const list = await browser.get('/app/me/factors');
    const factorId = /action="\/app\/me\/factors\/(sms[A-Za-z0-9]+)\/delete"/.exec(list.html)![1];
    const removed = await browser.submit('/app/me/factors', `/app/me/factors/${factorId}/delete`, {});
    expect(removed.location).toBe('/app/me/factors?notice=removed');
    const { res } = await signIn(user.login);
    expect(res.location).toBe('/app/me');
  });
});
