import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, errorSummaryIn, fieldErrorIn, inputValueIn } from './helpers/browser.js';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { captureDevelopmentTelephony } from './helpers/telephony-console.js';

/*
 * Progressive profiling end to end (reference §3.1, §6.1): the user profile policy's rule has
 * `progressiveProfilingAction: ENABLED` and a required attribute signed-in users lack; after sign-in the
 * hosted page asks for it, the registration inline hook gets a `progressive.profile` request, and its
 * `com.okta.user.progressive.profile.update` is applied. The hook fails closed.
 */

const PASSWORD = 'Sunny-Day-42';
const HOOK_FAILED = 'There was an error updating your profile. Please try again later.';
const FORM_ERRORS = 'We found some errors. Please review the form and make corrections.';

let server: TestServer;
let hook: HookServer;
let hookId: string;
let policyId: string;
let ruleId: string;
let clockOffset = 0;
let serial = 0;

const RULE_ATTRIBUTES = [
  { name: 'email', label: 'Email', required: true },
  { name: 'firstName', label: 'First name', required: true },
  { name: 'employeeNumber', label: 'Employee number', required: true },
  { name: 'department', label: 'Department', required: false },
  { name: 'badgeColor', label: 'Badge colour', required: false },
];

async function setRule(extra: Record<string, unknown> = {}) {
  const res = await server.api('PUT', `/api/v1/policies/${policyId}/rules/${ruleId}`, {
    name: 'Catch-all Rule', type: 'PROFILE_ENROLLMENT',
    actions: { profileEnrollment: {
      access: 'ALLOW', unknownUserAction: 'DENY', progressiveProfilingAction: 'ENABLED',
      preRegistrationInlineHooks: [{ inlineHookId: hookId }], profileAttributes: RULE_ATTRIBUTES, ...extra,
    } },
  });
  expect(res.status).toBe(200);
}

async function newUser(profile: Record<string, unknown> = {}): Promise<{ id: string; login: string }> {
  serial += 1;
  const login = `pp.${serial}@example.com`;
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Rosario', lastName: 'Jones', email: login, login, locale: 'en_US', timezone: 'America/Los_Angeles', ...profile },
    credentials: { password: { value: PASSWORD } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id: res.body.id, login };
}

async function signIn(login: string, fromURI?: string) {
  const browser = new Browser(server.url);
  const res = await browser.submit('/signin', '/signin', { username: login, password: PASSWORD, fromURI });
  return { browser, res };
}

async function profileOf(userId: string): Promise<Record<string, unknown>> {
  return (await server.api('GET', `/api/v1/users/${userId}`)).body.profile;
}

/** Signs in a user who lacks employeeNumber and submits the form. */
async function submitForm(fields: Record<string, string>) {
  const user = await newUser();
  const { browser, res } = await signIn(user.login);
  expect(res.location).toBe('/signin/profile');
  const submitted = await browser.submit('/signin/profile', '/signin/profile', fields);
  return { user, browser, submitted };
}

async function expectFailedClosed(message: string, fields: Record<string, string> = { employeeNumber: '1234' }) {
  const { user, browser, submitted } = await submitForm(fields);
  expect(submitted.status).toBe(400);
  expect(errorSummaryIn(submitted.html)).toBe(message);
  expect(inputValueIn(submitted.html, 'employeeNumber')).toBe(fields.employeeNumber);
  expect((await profileOf(user.id)).employeeNumber).toBeUndefined();
  // Still asked on the next visit.
  expect((await browser.get('/signin/profile')).status).toBe(200);
  return user;
}

beforeAll(async () => {
  server = await startTestServer();
  server.ctx.clock = () => new Date(Date.now() + clockOffset);
  hook = await startHookServer();
  const schema = await server.api('POST', '/api/v1/meta/schemas/user/default', { definitions: { custom: { id: '#custom', type: 'object', properties: {
    badgeColor: { title: 'Badge colour', type: 'string', enum: ['red', 'blue'], oneOf: [{ const: 'red', title: 'Red' }, { const: 'blue', title: 'Blue' }] },
  } } } });
  expect(schema.status).toBe(200);
  const created = await server.api('POST', '/api/v1/inlineHooks', {
    name: 'Registration hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: { uri: hook.url + '/pp', method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: 'pp-secret' } } },
  });
  expect(created.status).toBe(200);
  hookId = created.body.id;
  const policies = await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT');
  policyId = policies.body[0].id;
  ruleId = (await server.api('GET', `/api/v1/policies/${policyId}/rules`)).body[0].id;
  await setRule();
});

afterAll(async () => {
  await hook?.close();
  await server?.close();
});

beforeEach(() => {
  clockOffset += 60_000;
  hook.requests.length = 0;
  hook.handle((_req, res) => { res.writeHead(204).end(); });
});

describe('after sign-in', () => {
  it('asks a user who lacks a required attribute, with the missing fields only, keeping fromURI', async () => {
    const user = await newUser({ department: 'Sales' });
    const { browser, res } = await signIn(user.login, '/app/me/factors');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/signin/profile?fromURI=%2Fapp%2Fme%2Ffactors');
    // The session exists: this is a signed-in user being asked for more.
    expect(browser.cookies.has('tg_session')).toBe(true);
    const page = await browser.get(res.location!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<h1>Additional profile information</h1>');
    expect(page.html).toContain('<label for="f-employeeNumber">Employee number <span class="req" aria-hidden="true">*</span></label>');
    expect(page.html).toContain('<label for="f-badgeColor">Badge colour</label>');
    expect(page.html).toContain('<option value="blue" >Blue</option>');
    expect(page.html).not.toContain('name="department"');
    expect(page.html).not.toContain('name="email"');
    expect(inputValueIn(page.html, 'fromURI')).toBe('/app/me/factors');
    const done = await browser.submit(res.location!, '/signin/profile', { employeeNumber: '1234', fromURI: '/app/me/factors' });
    expect(done.location).toBe('/app/me/factors');
  });

  it('does not ask a user who has every required attribute, nor when progressive profiling is DISABLED', async () => {
    const complete = await newUser({ employeeNumber: '42' });
    expect((await signIn(complete.login)).res.location).toBe('/app/me');
    await setRule({ progressiveProfilingAction: 'DISABLED' });
    try {
      const lacking = await newUser();
      expect((await signIn(lacking.login)).res.location).toBe('/app/me');
      const { browser } = await signIn(lacking.login);
      expect((await browser.get('/signin/profile')).location).toBe('/app/me');
    } finally {
      await setRule();
    }
    expect(hook.requests).toHaveLength(0);
  });

  it('comes after the second factor', async () => {
    hook.handle((_req, res) => json(res, 200, {}));
    const user = await newUser();
    expect((await server.api('POST', `/api/v1/users/${user.id}/factors?activate=true`, { factorType: 'sms', profile: { phoneNumber: '+15554151337' } })).status).toBe(200);
    // No telephony hook here: the development provider prints the code on the console.
    server.ctx.config.telephonyDevelopment = true;
    const console = captureDevelopmentTelephony();
    try {
      const { browser, res } = await signIn(user.login);
      expect(res.location).toBe('/signin/verify');
      const verified = await browser.submit('/signin/verify', '/signin/verify', { passCode: console.lastCode() });
      expect(verified.location).toBe('/signin/profile');
    } finally {
      console.restore();
      server.ctx.config.telephonyDevelopment = false;
    }
  });
});

describe('the progressive.profile request', () => {
  it('has Okta\'s shape: requestType, data.userProfileUpdate (the delta only), data.context.user, /idp/idx/enroll/update', async () => {
    const user = await newUser();
    const stored = await server.api('GET', `/api/v1/users/${user.id}`);
    const { submitted } = await submitForm({ employeeNumber: ' 1234 ', badgeColor: '' });
    expect(submitted.location).toBe('/app/me');
    expect(hook.requests).toHaveLength(1);
    const call = hook.requests[0];
    expect(call.headers.authorization).toBe('pp-secret');
    const userId = call.body.data.context.user.id;
    expect(call.body).toEqual({
      eventId: expect.any(String),
      eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      eventType: 'com.okta.user.pre-registration',
      eventTypeVersion: '1.0',
      contentType: 'application/json',
      cloudEventVersion: '0.1',
      source: policyId,
      requestType: 'progressive.profile',
      data: {
        context: {
          request: { id: expect.any(String), method: 'POST', url: { value: '/idp/idx/enroll/update' }, ipAddress: '127.0.0.1' },
          user: {
            id: userId,
            passwordChanged: expect.any(String),
            profile: {
              firstName: 'Rosario', lastName: 'Jones', timeZone: 'America/Los_Angeles', login: expect.stringMatching(/^pp\.\d+@example\.com$/), locale: 'en_US',
            },
            _links: {
              groups: { href: `${server.ctx.config.issuer}/api/v1/users/${userId}/groups` },
              factors: { href: `${server.ctx.config.issuer}/api/v1/users/${userId}/factors` },
            },
          },
        },
        action: 'ALLOW',
        userProfileUpdate: { employeeNumber: '1234' },
      },
    });
    expect(stored.body.passwordChanged).toEqual(expect.any(String));
    // 204: the form's values are stored as typed.
    expect((await profileOf(userId)).employeeNumber).toBe('1234');
  });
});

describe('the hook\'s commands', () => {
  it('applies com.okta.user.progressive.profile.update, also to attributes beyond the delta', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [
      { type: 'com.okta.user.progressive.profile.update', value: { employeeNumber: 'E-1234', nickName: 'Ro' } },
      { type: 'com.okta.user.progressive.profile.update', value: { badgeColor: 'red' } },
      { type: 'com.okta.action.update', value: { registration: 'ALLOW' } },
    ] }));
    const { user, submitted, browser } = await submitForm({ employeeNumber: '1234', badgeColor: 'blue' });
    expect(submitted.location).toBe('/app/me');
    expect(await profileOf(user.id)).toMatchObject({ employeeNumber: 'E-1234', nickName: 'Ro', badgeColor: 'red', firstName: 'Rosario' });
    expect((await browser.get('/signin/profile')).location).toBe('/app/me');
    const updates = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "user.account.update_profile" and target.id eq "${user.id}"`)}`);
    expect(updates.body).toHaveLength(1);
    expect(updates.body[0].actor.id).toBe(user.id);
  });

  it('refuses com.okta.user.profile.update (self-service registration only): fails closed', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { employeeNumber: '9' } }] }));
    await expectFailedClosed(HOOK_FAILED);
    const filter = encodeURIComponent(`eventType eq "inline_hook.executed" and target.id eq "${hookId}"`);
    const executed = await server.api('GET', `/api/v1/logs?filter=${filter}&sortOrder=DESCENDING`);
    expect(executed.body[0].outcome.result).toBe('FAILURE');
    expect(executed.body[0].outcome.reason).toMatch(/com\.okta\.user\.profile\.update is not valid in reply to a progressive profile request/);
  });

  it('DENY without an error: "Profile update denied."', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [
      { type: 'com.okta.user.progressive.profile.update', value: { employeeNumber: '9' } },
      { type: 'com.okta.action.update', value: { registration: 'DENY' } },
    ] }));
    await expectFailedClosed('Profile update denied.');
  });

  it('an error without causes: Okta\'s generic progressive message, and no command is applied', async () => {
    hook.handle((_req, res) => json(res, 200, {
      commands: [{ type: 'com.okta.user.progressive.profile.update', value: { employeeNumber: '9' } }],
      error: { errorSummary: 'No.' },
    }));
    await expectFailedClosed(FORM_ERRORS);
  });

  it('an error with causes: shown at the field named by location', async () => {
    hook.handle((_req, res) => json(res, 200, { error: {
      errorSummary: 'Employee numbers start with E.',
      errorCauses: [{ errorSummary: 'Use your E-number.', reason: 'INVALID', locationType: 'body', location: 'data.userProfileUpdate.employeeNumber', domain: 'end-user' }],
    } }));
    const { user, submitted } = await submitForm({ employeeNumber: '1234' });
    expect(submitted.status).toBe(400);
    expect(errorSummaryIn(submitted.html)).toBe('Employee numbers start with E. Employee number: Use your E-number.');
    expect(fieldErrorIn(submitted.html, 'employeeNumber')).toBe('Use your E-number.');
    expect((await profileOf(user.id)).employeeNumber).toBeUndefined();
  });

  it('an update to an attribute outside the schema, or an invalid value: fails closed', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.progressive.profile.update', value: { notInSchema: 'x' } }] }));
    await expectFailedClosed(HOOK_FAILED);
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.progressive.profile.update', value: { badgeColor: 'green' } }] }));
    await expectFailedClosed(HOOK_FAILED);
  });
});

describe('the hook fails: fail closed, nothing changes', () => {
  it('5xx (retried once)', async () => {
    hook.handle((_req, res) => json(res, 500, {}));
    await expectFailedClosed(HOOK_FAILED);
    expect(hook.requests).toHaveLength(2);
  });

  it('4xx (not retried)', async () => {
    hook.handle((_req, res) => json(res, 403, {}));
    await expectFailedClosed(HOOK_FAILED);
    expect(hook.requests).toHaveLength(1);
  });

  it('malformed JSON', async () => {
    hook.handle((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"commands":'); });
    await expectFailedClosed(HOOK_FAILED);
  });

  it('an oversize reply', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [], debugContext: { pad: 'x'.repeat(260 * 1024) } }));
    await expectFailedClosed(HOOK_FAILED);
  });

  it('a malformed command value', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.progressive.profile.update', value: ['employeeNumber'] }] }));
    await expectFailedClosed(HOOK_FAILED);
  });

  it('a timeout (3 s, retried once)', async () => {
    hook.handle(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      if (!res.destroyed) res.writeHead(204).end();
    });
    await expectFailedClosed(HOOK_FAILED);
    expect(hook.requests).toHaveLength(2);
  }, 20_000);
});

describe('the form itself', () => {
  it('requires the required fields and checks values against the schema before calling the hook', async () => {
    const blank = await submitForm({ employeeNumber: '  ' });
    expect(blank.submitted.status).toBe(400);
    expect(errorSummaryIn(blank.submitted.html)).toBe(`${FORM_ERRORS} Employee number: The field cannot be left blank`);
    expect(fieldErrorIn(blank.submitted.html, 'employeeNumber')).toBe('The field cannot be left blank');
    const badValue = await submitForm({ employeeNumber: '7', badgeColor: 'green' });
    expect(badValue.submitted.status).toBe(400);
    expect(fieldErrorIn(badValue.submitted.html, 'badgeColor')).toEqual(expect.any(String));
    expect(hook.requests).toHaveLength(0);
  });

  it('without a hook on the rule, stores the values directly', async () => {
    await setRule({ preRegistrationInlineHooks: null });
    try {
      const { user, submitted } = await submitForm({ employeeNumber: '77' });
      expect(submitted.location).toBe('/app/me');
      expect((await profileOf(user.id)).employeeNumber).toBe('77');
      expect(hook.requests).toHaveLength(0);
    } finally {
      await setRule();
    }
  });

  it('needs a session', async () => {
    const res = await new Browser(server.url).get('/signin/profile');
    expect(res.location).toBe('/signin');
  });
});
