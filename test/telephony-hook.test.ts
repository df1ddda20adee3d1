import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookServer, type RecordedRequest } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { captureDevelopmentTelephony } from './helpers/telephony-console.js';

/*
 * The telephony inline hook (reference §3.6) over real HTTP: an admin creates the hook through the API, a
 * phone factor is enrolled and challenged through /api/v1/users/{id}/factors, and the hook endpoint (a server
 * the test controls) receives the OTP. Every failure of the hook sends the SAME code to the fallback
 * provider (a second endpoint the test controls, or the development provider), and the hook is called once.
 */

const SECRET = 'tel-secret-1';
const FALLBACK_SECRET = 'Bearer fallback-2';
const PHONE = '+15554151337';

let server: TestServer;
let hook: HookServer;
let fallback: HookServer;
let hookId: string;
let clockOffset = 0;
let serial = 0;

const okAction = (status = 'SUCCESSFUL', extra: Record<string, string> = {}) => ({
  commands: [{ type: 'com.okta.telephony.action', value: [{ status, provider: 'VONAGE', transactionId: 'SM49a8ece2822d', ...extra }] }],
});

async function newUser(): Promise<{ id: string; login: string }> {
  serial += 1;
  const login = `phone.${serial}@example.com`;
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Tess', lastName: 'Phone', email: login, login, locale: 'en_US' },
  });
  expect(res.status).toBe(200);
  return { id: res.body.id, login };
}

async function enroll(userId: string, factorType = 'sms', profile: Record<string, unknown> = { phoneNumber: PHONE }) {
  return server.api('POST', `/api/v1/users/${userId}/factors`, { factorType, provider: 'OKTA', profile });
}

async function logEvents(eventType: string, targetId?: string) {
  const filter = targetId ? `eventType eq "${eventType}" and target.id eq "${targetId}"` : `eventType eq "${eventType}"`;
  const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(filter)}&limit=100&sortOrder=DESCENDING`);
  expect(res.status).toBe(200);
  /** Newest first. */
  return res.body as Array<{ outcome: { result: string; reason: string | null }; debugContext: { debugData: Record<string, any> } }>;
}

function otpOf(request: RecordedRequest): string {
  return request.body.data.messageProfile.otpCode;
}

beforeAll(async () => {
  server = await startTestServer();
  // Each test runs past the 30-second resend window of the previous one.
  server.ctx.clock = () => new Date(Date.now() + clockOffset);
  hook = await startHookServer();
  fallback = await startHookServer();
  const created = await server.api('POST', '/api/v1/inlineHooks', {
    name: 'Telephony hook', type: 'com.okta.telephony.provider', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: {
      uri: hook.url + '/telephony', method: 'POST', authScheme: { type: 'HEADER', key: 'x-telephony-key', value: SECRET },
    } },
  });
  expect(created.status).toBe(200);
  hookId = created.body.id;
});

afterAll(async () => {
  await hook?.close();
  await fallback?.close();
  await server?.close();
});

beforeEach(() => {
  clockOffset += 60_000;
  hook.requests.length = 0;
  fallback.requests.length = 0;
  hook.handle((_req, res) => json(res, 200, okAction()));
  fallback.handle((_req, res) => json(res, 200, okAction('SUCCESSFUL', { provider: 'FALLBACK', transactionId: 'fb-1' })));
  server.ctx.config.telephonyFallback = { url: fallback.url + '/send', authorization: FALLBACK_SECRET };
});

describe('the telephony request', () => {
  it('is Okta\'s request field by field, and the code it carries activates the factor', async () => {
    const user = await newUser();
    const before = Date.now() + clockOffset;
    const res = await enroll(user.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ factorType: 'sms', provider: 'OKTA', vendorName: 'OKTA', status: 'PENDING_ACTIVATION', profile: { phoneNumber: PHONE } });

    expect(hook.requests).toHaveLength(1);
    const call = hook.requests[0];
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/telephony');
    expect(call.headers['x-telephony-key']).toBe(SECRET);
    expect(call.headers['content-type']).toMatch(/^application\/json/);
    expect(call.headers.accept).toBe('application/json');
    expect(Object.keys(call.body).sort()).toEqual(
      ['cloudEventVersion', 'contentType', 'data', 'eventId', 'eventTime', 'eventType', 'eventTypeVersion', 'requestType', 'source'],
    );
    expect(call.body).toEqual({
      eventId: expect.any(String),
      eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      eventType: 'com.okta.telephony.provider',
      eventTypeVersion: '1.0',
      contentType: 'application/json',
      cloudEventVersion: '0.1',
      source: `${server.ctx.config.issuer}/api/v1/inlineHooks/${hookId}`,
      requestType: 'com.okta.user.telephony.pre-enrollment',
      data: {
        context: { request: { id: expect.any(String), method: 'POST', url: { value: `/api/v1/users/${user.id}/factors` }, ipAddress: '127.0.0.1' } },
        userProfile: { firstName: 'Tess', lastName: 'Phone', login: user.login, userId: user.id },
        messageProfile: {
          msgTemplate: expect.stringMatching(/^Your verification code is \d{6}$/),
          phoneNumber: PHONE,
          otpExpires: expect.any(String),
          deliveryChannel: 'SMS',
          otpCode: expect.stringMatching(/^\d{6}$/),
          locale: 'EN-US',
        },
      },
    });
    const { messageProfile } = call.body.data;
    expect(messageProfile.msgTemplate).toContain(messageProfile.otpCode);
    // Five minutes from now (the server's clock).
    const expiresIn = Date.parse(messageProfile.otpExpires) - before;
    expect(expiresIn).toBeGreaterThan(290_000);
    expect(expiresIn).toBeLessThanOrEqual(305_000);
    expect(fallback.requests).toHaveLength(0);

    const activated = await server.api('POST', `/api/v1/users/${user.id}/factors/${res.body.id}/lifecycle/activate`, { passCode: otpOf(call) });
    expect(activated.status).toBe(200);
    expect(activated.body.status).toBe('ACTIVE');

    const [sent] = await logEvents('system.sms.send_phone_verification_message', user.id);
    expect(sent.outcome.result).toBe('SUCCESS');
    expect(sent.debugContext.debugData).toMatchObject({ deliveredBy: 'hook', deliveryStatus: 'SUCCESSFUL', provider: 'VONAGE', transactionId: 'SM49a8ece2822d' });
    // The code is not written to the System Log when a real provider delivered it.
    expect(JSON.stringify(sent)).not.toContain(otpOf(call));
  });

  it('says com.okta.user.telephony.mfa-verification for a sign-in challenge, and "voice call" for a call factor', async () => {
    const user = await newUser();
    const enrolled = await server.api('POST', `/api/v1/users/${user.id}/factors?activate=true`, {
      factorType: 'call', provider: 'OKTA', profile: { phoneNumber: '+1 (555) 415-1338', phoneExtension: '1234' },
    });
    expect(enrolled.status).toBe(200);
    expect(enrolled.body).toMatchObject({ factorType: 'call', status: 'ACTIVE', profile: { phoneNumber: '+15554151338', phoneExtension: '1234' } });
    expect(hook.requests).toHaveLength(0);

    const challenge = await server.api('POST', `/api/v1/users/${user.id}/factors/${enrolled.body.id}/verify`);
    expect(challenge.status).toBe(200);
    expect(challenge.body).toMatchObject({ factorResult: 'CHALLENGE', profile: { phoneNumber: '+15554151338', phoneExtension: '1234' } });
    expect(hook.requests).toHaveLength(1);
    const { body } = hook.requests[0];
    expect(body.requestType).toBe('com.okta.user.telephony.mfa-verification');
    expect(body.data.messageProfile).toMatchObject({ deliveryChannel: 'voice call', phoneNumber: '+15554151338' });

    const verified = await server.api('POST', `/api/v1/users/${user.id}/factors/${enrolled.body.id}/verify`, { passCode: otpOf(hook.requests[0]) });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ factorResult: 'SUCCESS' });
    const [sent] = await logEvents('system.voice.send_mfa_challenge_call', user.id);
    expect(sent.debugContext.debugData.deliveredBy).toBe('hook');
  });
});

describe('com.okta.telephony.action statuses', () => {
  for (const status of ['SUCCESSFUL', 'PENDING']) {
    it(`${status}: the hook delivered the message; nothing else is sent`, async () => {
      hook.handle((_req, res) => json(res, 200, okAction(status)));
      const user = await newUser();
      const res = await enroll(user.id);
      expect(res.status).toBe(200);
      expect(hook.requests).toHaveLength(1);
      expect(fallback.requests).toHaveLength(0);
      const [sent] = await logEvents('system.sms.send_phone_verification_message', user.id);
      expect(sent.debugContext.debugData).toMatchObject({ deliveredBy: 'hook', deliveryStatus: status });
      const [executed] = await logEvents('inline_hook.executed', hookId);
      expect(executed.outcome.result).toBe('SUCCESS');
    });
  }
});

/** A hook reply that must make Tollgate hand the same code to the fallback provider. */
const failures: Array<[string, (req: RecordedRequest, res: import('node:http').ServerResponse) => void]> = [
  ['status FAILED', (_req, res) => json(res, 200, okAction('FAILED'))],
  ['an error object', (_req, res) => json(res, 200, { error: { errorSummary: 'Failed to deliver SMS OTP', errorCauses: [{ errorSummary: 'Provider could not deliver OTP' }] } })],
  ['HTTP 500', (_req, res) => json(res, 500, { message: 'boom' })],
  ['HTTP 400', (_req, res) => json(res, 400, okAction())],
  ['HTTP 204 (no reply)', (_req, res) => { res.writeHead(204).end(); }],
  ['HTTP 202 with a valid reply (only 200 counts)', (_req, res) => json(res, 202, okAction())],
  ['a redirect', (_req, res) => { res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end(); }],
  ['malformed JSON', (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"commands": ['); }],
  ['an empty object', (_req, res) => json(res, 200, {})],
  ['an invalid status', (_req, res) => json(res, 200, okAction('SENT'))],
  ['a value that is not an array', (_req, res) => json(res, 200, { commands: [{ type: 'com.okta.telephony.action', value: { status: 'SUCCESSFUL' } }] })],
  ['a command of another hook type', (_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { nickName: 'x' } }] })],
  ['two telephony commands', (_req, res) => json(res, 200, { commands: [...okAction().commands, ...okAction().commands] })],
  ['an oversize reply (256 KB or more)', (_req, res) => json(res, 200, { ...okAction(), debugContext: { pad: 'x'.repeat(256 * 1024) } })],
  ['a connection dropped without a reply', (_req, res) => { res.socket?.destroy(); }],
];

describe('any failure of the hook: the same code goes to the fallback HTTP provider, and the hook is called once', () => {
  for (const [name, handler] of failures) {
    it(name, async () => {
      hook.handle(handler);
      const user = await newUser();
      const res = await enroll(user.id);
      expect(res.status).toBe(200);
      expect(hook.requests).toHaveLength(1);
      expect(fallback.requests).toHaveLength(1);
      const sentToFallback = fallback.requests[0];
      expect(sentToFallback.headers.authorization).toBe(FALLBACK_SECRET);
      expect(sentToFallback.body.requestType).toBe('com.okta.user.telephony.pre-enrollment');
      expect(sentToFallback.body.data.messageProfile).toEqual(hook.requests[0].body.data.messageProfile);
      expect(otpOf(sentToFallback)).toBe(otpOf(hook.requests[0]));

      const [sent] = await logEvents('system.sms.send_phone_verification_message', user.id);
      expect(sent.outcome.result).toBe('SUCCESS');
      expect(sent.debugContext.debugData).toMatchObject({ deliveredBy: 'fallback', provider: 'FALLBACK', transactionId: 'fb-1' });
      expect(sent.debugContext.debugData.inlineHookFailure).toEqual(expect.any(String));

      // The one code works, once.
      const activated = await server.api('POST', `/api/v1/users/${user.id}/factors/${res.body.id}/lifecycle/activate`, { passCode: otpOf(sentToFallback) });
      expect(activated.status).toBe(200);
      expect(activated.body.status).toBe('ACTIVE');
    });
  }

  it('a timeout (3 s): not retried', async () => {
    hook.handle(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      if (!res.destroyed) json(res, 200, okAction());
    });
    const user = await newUser();
    const res = await enroll(user.id);
    expect(res.status).toBe(200);
    expect(hook.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(1);
    expect(otpOf(fallback.requests[0])).toBe(otpOf(hook.requests[0]));
    const [executed] = await logEvents('inline_hook.executed', hookId);
    expect(executed.outcome.result).toBe('FAILURE');
    expect(executed.outcome.reason).toMatch(/did not answer within 3 seconds/);
    expect(executed.debugContext.debugData.attempts).toBe(1);
  });

  it('records the failed call as inline_hook.executed FAILURE with the reason', async () => {
    hook.handle((_req, res) => json(res, 500, {}));
    const user = await newUser();
    expect((await enroll(user.id)).status).toBe(200);
    const [executed] = await logEvents('inline_hook.executed', hookId);
    expect(executed.outcome).toEqual({ result: 'FAILURE', reason: 'The hook answered with HTTP 500' });
    expect(executed.debugContext.debugData.attempts).toBe(1);
  });
});

describe('the built-in development provider', () => {
  let console: ReturnType<typeof captureDevelopmentTelephony>;
  beforeEach(() => {
    server.ctx.config.telephonyFallback = undefined;
    server.ctx.config.telephonyDevelopment = true;
    console = captureDevelopmentTelephony();
  });
  afterEach(() => {
    console.restore();
    server.ctx.config.telephonyDevelopment = false;
  });

  it('when chosen, takes the same code when the hook fails: printed on the server console, never in the System Log', async () => {
    hook.handle((_req, res) => json(res, 503, {}));
    const user = await newUser();
    const res = await enroll(user.id);
    expect(res.status).toBe(200);
    expect(hook.requests).toHaveLength(1);
    const code = otpOf(hook.requests[0]);
    expect(console.lastCode()).toBe(code);
    expect(console.lines.at(-1)).toContain(PHONE);
    const [sent] = await logEvents('system.sms.send_phone_verification_message', user.id);
    expect(sent.debugContext.debugData).toMatchObject({ deliveredBy: 'development', provider: 'TOLLGATE_DEVELOPMENT', phoneNumber: PHONE });
    expect(JSON.stringify(sent)).not.toContain(code);
  });

  it('is used directly when no telephony hook is active (the inactive hook is not called)', async () => {
    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/deactivate`)).status).toBe(200);
    try {
      const user = await newUser();
      const res = await enroll(user.id);
      expect(res.status).toBe(200);
      expect(hook.requests).toHaveLength(0);
      const [sent] = await logEvents('system.sms.send_phone_verification_message', user.id);
      expect(sent.debugContext.debugData.deliveredBy).toBe('development');
      expect(sent.debugContext.debugData.inlineHookCallId).toBeUndefined();
      const activated = await server.api('POST', `/api/v1/users/${user.id}/factors/${res.body.id}/lifecycle/activate`, {
        passCode: console.lastCode(),
      });
      expect(activated.body.status).toBe('ACTIVE');
    } finally {
      expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/activate`)).status).toBe(200);
    }
  });
});

describe('no provider (the development provider is off unless chosen)', () => {
  beforeEach(() => { server.ctx.config.telephonyFallback = undefined; });

  it('a failed hook with no fallback is a FAILURE event without the code, the user gets E0000009, and nothing is printed', async () => {
    const console = captureDevelopmentTelephony();
    try {
      hook.handle((_req, res) => json(res, 503, {}));
      const user = await newUser();
      const res = await enroll(user.id);
      expect(res.status).toBe(500);
      expect(res.body.errorCode).toBe('E0000009');
      expect(res.body.errorCauses[0].errorSummary).toBe('The passcode could not be delivered: The telephony hook failed and no fallback provider is configured');
      const [sent] = await logEvents('system.sms.send_phone_verification_message', user.id);
      expect(sent.outcome).toEqual({ result: 'FAILURE', reason: 'The telephony hook failed and no fallback provider is configured' });
      expect(sent.debugContext.debugData).toMatchObject({ deliveredBy: 'none', deliveryStatus: 'FAILED', inlineHookFailure: expect.stringContaining('503') });
      expect(JSON.stringify(sent)).not.toContain(otpOf(hook.requests[0]));
      expect(console.lines).toEqual([]);
    } finally {
      console.restore();
    }
  });
});

describe('when the fallback provider fails too', () => {
  it('answers E0000009, the code is void, and a later resend goes through', async () => {
    hook.handle((_req, res) => json(res, 500, {}));
    fallback.handle((_req, res) => json(res, 200, okAction('FAILED')));
    const user = await newUser();
    const res = await enroll(user.id);
    expect(res.status).toBe(500);
    expect(res.body.errorCode).toBe('E0000009');
    expect(res.body.errorCauses[0].errorSummary).toMatch(/could not be delivered/);
    expect(hook.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(1);
    const [failed] = await logEvents('system.sms.send_phone_verification_message', user.id);
    expect(failed.outcome.result).toBe('FAILURE');

    const list = await server.api('GET', `/api/v1/users/${user.id}/factors`);
    const factor = list.body[0];
    expect(factor.status).toBe('PENDING_ACTIVATION');
    const refused = await server.api('POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { passCode: otpOf(hook.requests[0]) });
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe('E0000068');

    clockOffset += 31_000;
    hook.handle((_req, res) => json(res, 200, okAction()));
    const resent = await server.api('POST', `/api/v1/users/${user.id}/factors/${factor.id}/resend`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: PHONE } });
    expect(resent.status).toBe(200);
    const activated = await server.api('POST', `/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`, { passCode: otpOf(hook.requests[1]) });
    expect(activated.body.status).toBe('ACTIVE');
  });
});

describe('one telephony hook per org', () => {
  it('refuses a second ACTIVE telephony hook, so exactly one endpoint gets the codes', async () => {
    const second = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Second telephony hook', type: 'com.okta.telephony.provider', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: fallback.url + '/second', method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: 'x' } } },
    });
    expect(second.status).toBe(400);
    expect(second.body.errorCode).toBe('E0000001');
    const user = await newUser();
    expect((await enroll(user.id)).status).toBe(200);
    expect(hook.requests).toHaveLength(1);
    expect(fallback.requests).toHaveLength(0);
  });
});
