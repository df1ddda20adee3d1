import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Browser, errorSummaryIn, fieldErrorIn, inputValueIn } from './helpers/browser.js';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * Self-service registration with a registration inline hook (reference §3.1, §6), set up through the
 * management API as an admin would, and exercised through both the hosted /signup page and Okta Classic's
 * POST /api/v1/registration/{policyId}/register, against a real hook endpoint.
 */

const SECRET = 'Basic aG9vazpzM2NyZXQ=';
const PASSWORD = 'Sunny-Day-42';
const GENERIC = 'There was an error creating your account. Please try registering again';

let server: TestServer;
let hook: HookServer;
let policyId: string;
let hookId: string;
let clockOffset = 0;
let serial = 0;

function nextEmail(tag: string): string {
  serial += 1;
  return `${tag}.${serial}@example.com`;
}

async function registerViaPage(email: string, extra: Record<string, string> = {}) {
  const browser = new Browser(server.url);
  return browser.submit('/signup', '/signup', { email, firstName: 'Jane', lastName: 'Doe', password: PASSWORD, ...extra });
}

async function registerViaApi(email: string, extra: Record<string, unknown> = {}) {
  const res = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ userProfile: { email, firstName: 'Jane', lastName: 'Doe', password: PASSWORD, ...extra }, relayState: '/app' }),
  });
  return { status: res.status, body: await res.json() };
}

async function userOf(login: string) {
  const res = await server.api('GET', `/api/v1/users/${encodeURIComponent(login)}`);
  return res.status === 200 ? res.body : undefined;
}

async function hookExecutions() {
  const filter = encodeURIComponent('eventType eq "inline_hook.executed"');
  const res = await server.api('GET', `/api/v1/logs?filter=${filter}&limit=200`);
  expect(res.status).toBe(200);
  return res.body as Array<{ outcome: { result: string; reason: string | null }; target: Array<{ id: string }> | null }>;
}

async function expectFailedClosed(email: string, page: { status: number; html: string } | undefined, api: { status: number; body: any } | undefined) {
  if (page) {
    expect(page.status).toBe(400);
    expect(errorSummaryIn(page.html)).toBe(GENERIC);
    expect(inputValueIn(page.html, 'email')).toBe(email);
  }
  if (api) {
    expect(api.status).toBe(400);
    expect(api.body).toMatchObject({ errorCode: 'E0000001', errorSummary: GENERIC });
  }
  expect(await userOf(email)).toBeUndefined();
}

beforeAll(async () => {
  server = await startTestServer();
  // Each test runs in its own rate-limit window: the clock moves a minute ahead before each one.
  server.ctx.clock = () => new Date(Date.now() + clockOffset);
  hook = await startHookServer();

  const created = await server.api('POST', '/api/v1/inlineHooks', {
    name: 'Registration hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: {
      uri: hook.url + '/hook', method: 'POST',
      authScheme: { type: 'HEADER', key: 'Authorization', value: SECRET },
    } },
  });
  expect(created.status).toBe(200);
  hookId = created.body.id;

  const policies = await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT');
  expect(policies.status).toBe(200);
  policyId = policies.body[0].id;
  const rules = await server.api('GET', `/api/v1/policies/${policyId}/rules`);
  const rule = rules.body[0];
  const updated = await server.api('PUT', `/api/v1/policies/${policyId}/rules/${rule.id}`, {
    name: rule.name, type: 'PROFILE_ENROLLMENT',
    actions: { profileEnrollment: {
      access: 'ALLOW', unknownUserAction: 'REGISTER',
      preRegistrationInlineHooks: [{ inlineHookId: hookId }],
      profileAttributes: [
        { name: 'firstName', label: 'First name', required: true },
        { name: 'lastName', label: 'Last name', required: true },
        { name: 'email', label: 'Email', required: true },
      ],
      activationRequirements: { emailVerification: false },
    } },
  });
  expect(updated.status).toBe(200);
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

describe('the hook request', () => {
  it('has exactly the shape of Okta\'s self-service registration request, without the password', async () => {
    const email = nextEmail('shape');
    const res = await registerViaPage(email);
    expect(res.status).toBe(303);
    expect(hook.requests).toHaveLength(1);
    const call = hook.requests[0];
    expect(call.method).toBe('POST');
    expect(call.url).toBe('/hook');
    expect(call.headers.authorization).toBe(SECRET);
    expect(call.headers['content-type']).toMatch(/^application\/json/);
    expect(call.headers.accept).toBe('application/json');
    expect(call.rawBody.toLowerCase()).not.toContain('password');
    expect(call.rawBody).not.toContain(PASSWORD);
    expect(Object.keys(call.body).sort()).toEqual(
      ['cloudEventVersion', 'contentType', 'data', 'eventId', 'eventTime', 'eventType', 'eventTypeVersion', 'requestType', 'source'],
    );
    expect(call.body).toEqual({
      eventId: expect.any(String),
      eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      eventType: 'com.okta.user.pre-registration',
      eventTypeVersion: '1.0',
      contentType: 'application/json',
      cloudEventVersion: '0.1',
      source: policyId,
      requestType: 'self.service.registration',
      data: {
        context: { request: { id: expect.any(String), method: 'POST', url: { value: '/signup' }, ipAddress: '127.0.0.1' } },
        userProfile: { firstName: 'Jane', lastName: 'Doe', email, login: email },
        action: 'ALLOW',
      },
    });
  });

  it('names the Classic endpoint the visitor posted to', async () => {
    const email = nextEmail('shape-api');
    const res = await registerViaApi(email);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    expect(hook.requests[0].body.data.context.request.url.value).toBe(`/api/v1/registration/${policyId}/register`);
    expect(hook.requests[0].body.data.userProfile).toEqual({ firstName: 'Jane', lastName: 'Doe', email, login: email });
  });
});

describe('the hook allows', () => {
  it('with 204: the user is created ACTIVE, through the page and through the API', async () => {
    const viaPage = nextEmail('allow204');
    const page = await registerViaPage(viaPage);
    expect(page.status).toBe(303);
    expect(page.location).toBe('/app/me');
    expect(await userOf(viaPage)).toMatchObject({ status: 'ACTIVE', profile: { login: viaPage, email: viaPage, firstName: 'Jane', lastName: 'Doe' } });

    const viaApi = nextEmail('allow204-api');
    expect((await registerViaApi(viaApi)).status).toBe(200);
    expect(await userOf(viaApi)).toMatchObject({ status: 'ACTIVE', profile: { login: viaApi } });
  });

  it('with 200 and {}: the user is created', async () => {
    hook.handle((_req, res) => json(res, 200, {}));
    const viaPage = nextEmail('allow200');
    expect((await registerViaPage(viaPage)).status).toBe(303);
    expect(await userOf(viaPage)).toBeDefined();
    const viaApi = nextEmail('allow200-api');
    expect((await registerViaApi(viaApi)).status).toBe(200);
    expect(await userOf(viaApi)).toBeDefined();
  });

  it('with a profile update: userType "Contractor" lands on the user', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }] }));
    const viaPage = nextEmail('contractor');
    expect((await registerViaPage(viaPage)).status).toBe(303);
    expect((await userOf(viaPage)).profile.userType).toBe('Contractor');
    const viaApi = nextEmail('contractor-api');
    expect((await registerViaApi(viaApi)).status).toBe(200);
    expect((await userOf(viaApi)).profile.userType).toBe('Contractor');
  });

  it('after one 5xx: the retry succeeds', async () => {
    let calls = 0;
    hook.handle((_req, res) => { calls += 1; if (calls === 1) res.writeHead(503).end(); else res.writeHead(204).end(); });
    const email = nextEmail('retry-ok');
    expect((await registerViaApi(email)).status).toBe(200);
    expect(hook.requests).toHaveLength(2);
    expect(hook.requests[1].body.eventId).toBe(hook.requests[0].body.eventId);
    expect(await userOf(email)).toBeDefined();
  });
});

describe('the hook denies', () => {
  it('without an error object: "Registration denied."', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }] }));
    const viaPage = nextEmail('denied');
    const page = await registerViaPage(viaPage);
    expect(page.status).toBe(400);
    expect(errorSummaryIn(page.html)).toBe('Registration denied.');
    expect(await userOf(viaPage)).toBeUndefined();

    const viaApi = nextEmail('denied-api');
    const api = await registerViaApi(viaApi);
    expect(api.status).toBe(400);
    expect(api.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Registration denied.', errorCauses: [] });
    expect(await userOf(viaApi)).toBeUndefined();
  });

  it('with an error but no causes: "Registration can\'t be completed at this time."', async () => {
    hook.handle((_req, res) => json(res, 200, {
      commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }],
      error: { errorSummary: 'Not today' },
    }));
    const viaPage = nextEmail('error');
    const page = await registerViaPage(viaPage);
    expect(page.status).toBe(400);
    expect(errorSummaryIn(page.html)).toBe("Registration can't be completed at this time.");
    const viaApi = nextEmail('error-api');
    const api = await registerViaApi(viaApi);
    expect(api.body.errorSummary).toBe("Registration can't be completed at this time.");
    expect(await userOf(viaPage)).toBeUndefined();
    expect(await userOf(viaApi)).toBeUndefined();
  });

  it('with field-level errorCauses: each shows at its field, and no command is applied', async () => {
    hook.handle((_req, res) => json(res, 200, {
      commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }],
      error: {
        errorSummary: 'Incorrect email address. Please contact your admin.',
        errorCauses: [{
          errorSummary: 'Only example.org emails can register.', reason: 'INVALID_EMAIL_DOMAIN',
          locationType: 'body', location: 'data.userProfile.email', domain: 'end-user',
        }],
      },
    }));
    const viaPage = nextEmail('causes');
    const page = await registerViaPage(viaPage, { firstName: 'Ja<ne>' });
    expect(page.status).toBe(400);
    expect(errorSummaryIn(page.html)).toContain('Incorrect email address. Please contact your admin.');
    expect(errorSummaryIn(page.html)).toContain('Email: Only example.org emails can register.');
    expect(fieldErrorIn(page.html, 'email')).toBe('Only example.org emails can register.');
    expect(page.html).toMatch(/id="f-email" name="email" required aria-required="true"\s+aria-invalid="true" aria-describedby="e-email"/);
    // What the visitor typed stays in the form (escaped), the password does not.
    expect(inputValueIn(page.html, 'firstName')).toBe('Ja<ne>');
    expect(page.html).not.toContain('Ja<ne>');
    expect(inputValueIn(page.html, 'password')).toBeUndefined();

    const viaApi = nextEmail('causes-api');
    const api = await registerViaApi(viaApi);
    expect(api.status).toBe(400);
    expect(api.body).toMatchObject({
      errorCode: 'E0000001',
      errorSummary: 'Incorrect email address. Please contact your admin.',
      errorCauses: [{ errorSummary: 'Only example.org emails can register.', locationType: 'body', location: 'data.userProfile.email' }],
    });
    expect(await userOf(viaPage)).toBeUndefined();
    expect(await userOf(viaApi)).toBeUndefined();
  });
});

describe('the hook fails, and registration fails closed', () => {
  it('when it updates an attribute that is not in the schema', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { notInTheSchema: 'x' } }] }));
    const viaPage = nextEmail('unknown-attr');
    const viaApi = nextEmail('unknown-attr-api');
    await expectFailedClosed(viaPage, await registerViaPage(viaPage), undefined);
    await expectFailedClosed(viaApi, undefined, await registerViaApi(viaApi));
  });

  it('when it times out: one retry, then Okta\'s generic message and an inline_hook.executed FAILURE', async () => {
    const before = (await hookExecutions()).filter((e) => e.outcome.result === 'FAILURE').length;
    hook.handle(async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      if (!res.destroyed) res.writeHead(204).end();
    });
    const email = nextEmail('timeout');
    await expectFailedClosed(email, await registerViaPage(email), undefined);
    expect(hook.requests).toHaveLength(2);
    const failures = (await hookExecutions()).filter((e) => e.outcome.result === 'FAILURE');
    expect(failures.length).toBeGreaterThan(before);
    expect(failures.some((e) => (e.target ?? []).some((t) => t.id === hookId))).toBe(true);
  }, 20_000);

  it('when it answers 5xx twice (retried once)', async () => {
    hook.handle((_req, res) => json(res, 500, { message: 'boom' }));
    const email = nextEmail('5xx');
    await expectFailedClosed(email, undefined, await registerViaApi(email));
    expect(hook.requests).toHaveLength(2);
  });

  it('when it answers 4xx (not retried)', async () => {
    hook.handle((_req, res) => json(res, 400, { message: 'bad request' }));
    const email = nextEmail('4xx');
    await expectFailedClosed(email, await registerViaPage(email), undefined);
    expect(hook.requests).toHaveLength(1);
  });

  it('when it redirects (3xx is not followed)', async () => {
    hook.handle((req, res) => {
      if (req.url === '/hook') res.writeHead(307, { location: '/elsewhere' }).end();
      else json(res, 200, {});
    });
    const email = nextEmail('3xx');
    await expectFailedClosed(email, undefined, await registerViaApi(email));
    expect(hook.requests.map((r) => r.url)).toEqual(['/hook']);
  });

  it('when the reply is 300 KB', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [], debugContext: { padding: 'x'.repeat(300 * 1024) } }));
    const email = nextEmail('big');
    await expectFailedClosed(email, await registerViaPage(email), undefined);
  });

  it('when the reply is not JSON', async () => {
    hook.handle((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"commands": [ '); });
    const email = nextEmail('malformed');
    await expectFailedClosed(email, undefined, await registerViaApi(email));
  });

  it('when a command type is unknown', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.something.else', value: { a: 1 } }] }));
    const viaPage = nextEmail('unknown-command');
    await expectFailedClosed(viaPage, await registerViaPage(viaPage), undefined);
  });
});

describe('the Classic registration form endpoint', () => {
  it('describes the fields of the policy rule and the password rules', async () => {
    const res = await fetch(server.url + '/api/v1/registration/form');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.policyId).toBe(policyId);
    expect(typeof body.lastUpdate).toBe('number');
    expect(body.profileSchema.fieldOrder).toEqual(['firstName', 'lastName', 'email', 'password']);
    expect(body.profileSchema.required).toEqual(['firstName', 'lastName', 'email', 'password']);
    expect(body.profileSchema.properties.email).toMatchObject({ type: 'string', title: 'Email', format: 'email' });
    expect(body.profileSchema.properties.firstName).toMatchObject({ type: 'string', title: 'First name' });
    expect(body.profileSchema.properties.password).toMatchObject({ type: 'string', format: 'password' });
    expect(body.profileSchema.properties.password.allOf).toContainEqual({ description: 'registration.passwordComplexity.minLength', minLength: 8 });
  });

  it('answers an unknown policy with E0000007 and a duplicate login with UNIQUE_CONSTRAINT', async () => {
    const missing = await fetch(`${server.url}/api/v1/registration/00pNoSuchPolicy0000/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userProfile: {} }),
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).errorCode).toBe('E0000007');

    const email = nextEmail('dup');
    expect((await registerViaApi(email)).status).toBe(200);
    const calls = hook.requests.length;
    const dup = await registerViaApi(email.toUpperCase());
    expect(dup.status).toBe(400);
    expect(dup.body.errorCode).toBe('E0000001');
    expect(dup.body.errorCauses).toContainEqual(expect.objectContaining({
      reason: 'UNIQUE_CONSTRAINT', location: 'data.userProfile.email', errorSummary: 'A user with this Email already exists',
    }));
    // Invalid forms never reach the hook.
    expect(hook.requests.length).toBe(calls);
  });
});
