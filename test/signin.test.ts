import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, errorSummaryIn, fieldErrorIn, inputValueIn } from './helpers/browser.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const PASSWORD = 'Sunny-Day-42';

async function createUser(server: TestServer, login: string, extra: Record<string, unknown> = {}) {
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Ada', lastName: 'Lovelace', email: login, login },
    credentials: { password: { value: PASSWORD } },
    ...extra,
  });
  expect(res.status).toBe(200);
  return res.body;
}

async function logEvents(server: TestServer, eventType: string) {
  const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "${eventType}"`)}&limit=100`);
  expect(res.status).toBe(200);
  return res.body as Array<{ eventType: string; outcome: { result: string; reason: string | null }; actor: { id: string; alternateId: string } }>;
}

/** Allows self-service registration in the default user profile policy, as an admin does through the API. */
async function allowRegistration(server: TestServer, extra: Record<string, unknown> = {}) {
  const policies = await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT');
  const policyId = policies.body[0].id;
  const rules = await server.api('GET', `/api/v1/policies/${policyId}/rules`);
  const rule = rules.body[0];
  const res = await server.api('PUT', `/api/v1/policies/${policyId}/rules/${rule.id}`, {
    name: rule.name, type: 'PROFILE_ENROLLMENT',
    actions: { profileEnrollment: {
      access: 'ALLOW', unknownUserAction: 'REGISTER',
      profileAttributes: [
        { name: 'email', label: 'Email', required: true },
        { name: 'firstName', label: 'First name', required: true },
        { name: 'lastName', label: 'Last name', required: true },
      ],
      activationRequirements: { emailVerification: false },
      ...extra,
    } },
  });
  expect(res.status).toBe(200);
  return policyId as string;
}

function sessionCookieOf(res: { headers: Headers }): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith('tg_session='));
}

describe('sign-in, sign-out and CSRF', () => {
  let server: TestServer;
  let user: { id: string };
  beforeAll(async () => {
    server = await startTestServer();
    user = await createUser(server, 'ada@example.com');
  });
  afterAll(async () => { await server?.close(); });

  it('serves an accessible sign-in form without a Sign up link while registration is not allowed', async () => {
    const page = await new Browser(server.url).get('/signin');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toContain('<meta name="viewport"');
    expect(page.html).toContain('<label for="f-username">Username</label>');
    expect(page.html).toContain('<label for="f-password">Password</label>');
    expect(page.html).toMatch(/<input type="password" id="f-password" name="password" autocomplete="current-password"/);
    expect(page.html).not.toContain('href="/signup"');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const csrfCookie = page.headers.getSetCookie().find((c) => c.startsWith('tg_csrf='));
    expect(csrfCookie).toMatch(/HttpOnly/i);
    expect(csrfCookie).toMatch(/SameSite=Lax/i);
    expect(csrfCookie).not.toMatch(/Secure/i); // the issuer is plain http here
  });

  it('refuses sign-up, on the page and on the Classic endpoints, while the policy does not allow it', async () => {
    const page = await new Browser(server.url).get('/signup');
    expect(page.status).toBe(404);
    expect(page.html).toContain('<h1>Sign-up is not available</h1>');
    const form = await fetch(server.url + '/api/v1/registration/form');
    expect(form.status).toBe(403);
    expect(await form.json()).toMatchObject({ errorCode: 'E0000006', errorCauses: [{ errorSummary: expect.stringContaining('Self-service registration is not enabled') }] });
    const policyId = (await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT')).body[0].id;
    const register = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userProfile: { email: 'eve@example.com', password: PASSWORD } }),
    });
    expect(register.status).toBe(403);
    expect((await register.json()).errorCode).toBe('E0000006');
    expect((await server.api('GET', '/api/v1/users/eve@example.com')).status).toBe(404);
  });

  it('refuses a wrong password with a readable message and logs the failure', async () => {
    const browser = new Browser(server.url);
    const res = await browser.submit('/signin', '/signin', { username: 'ada@example.com', password: 'Wrong-password-1' });
    expect(res.status).toBe(401);
    expect(errorSummaryIn(res.html)).toBe('Unable to sign in');
    expect(inputValueIn(res.html, 'username')).toBe('ada@example.com');
    expect(inputValueIn(res.html, 'password')).toBeUndefined();
    expect(sessionCookieOf(res)).toBeUndefined();
    const failures = (await logEvents(server, 'user.session.start')).filter((e) => e.outcome.result === 'FAILURE');
    expect(failures.some((e) => e.actor.id === user.id && e.outcome.reason === 'INVALID_CREDENTIALS')).toBe(true);
  });

  it('gives an unknown username the same answer as a wrong password', async () => {
    const res = await new Browser(server.url).submit('/signin', '/signin', { username: 'nobody@example.com', password: PASSWORD });
    expect(res.status).toBe(401);
    expect(errorSummaryIn(res.html)).toBe('Unable to sign in');
  });

  it('signs in, shows the user page, and signs out', async () => {
    const browser = new Browser(server.url);
    const res = await browser.submit('/signin', '/signin', { username: 'ADA@example.com', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/me');
    const cookie = sessionCookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const token = browser.cookies.get('tg_session')!;
    // Only the hash of the token is stored.
    const stored = await server.ctx.db.selectFrom('sessions').select('token_hash').where('user_id', '=', user.id).execute();
    expect(stored.length).toBe(1);
    expect(stored[0].token_hash).not.toContain(token);

    const me = await browser.get('/app/me');
    expect(me.status).toBe(200);
    expect(me.html).toContain('<h1>Welcome, Ada Lovelace</h1>');
    expect(me.html).toContain('<dt>Username</dt><dd>ada@example.com</dd>');
    expect(me.html).toContain('<dt>User type</dt><dd>User</dd>');
    expect(me.html).toContain('data-attribute="firstName">Ada</dd>');
    expect((await browser.get('/')).location).toBe('/app/me');
    expect((await browser.get('/signin')).location).toBe('/app/me');

    const apiUser = await server.api('GET', `/api/v1/users/${user.id}`);
    expect(apiUser.body.lastLogin).toEqual(expect.any(String));
    const starts = (await logEvents(server, 'user.session.start')).filter((e) => e.outcome.result === 'SUCCESS');
    expect(starts.some((e) => e.actor.id === user.id)).toBe(true);

    const signOutToken = /name="csrfToken" value="([^"]+)"/.exec(me.html)![1];
    const out = await browser.request('POST', '/signout', { csrfToken: signOutToken });
    expect(out.status).toBe(303);
    expect(out.location).toBe('/signin');
    expect(browser.cookies.has('tg_session')).toBe(false);
    expect((await browser.get('/app/me')).location).toBe('/signin');
    // The old token is dead on the server too, not only forgotten by the browser.
    const replay = await fetch(server.url + '/app/me', { headers: { cookie: `tg_session=${token}` }, redirect: 'manual' });
    expect(replay.headers.get('location')).toBe('/signin');
    const ends = await logEvents(server, 'user.session.end');
    expect(ends.some((e) => e.actor.id === user.id)).toBe(true);
  });

  it('returns to a same-site fromURI after signing in, and ignores one pointing elsewhere', async () => {
    const browser = new Browser(server.url);
    const page = await browser.get('/signin?fromURI=' + encodeURIComponent('/app/me?x=1'));
    expect(page.html).toContain('name="fromURI" value="/app/me?x=1"');
    const back = await browser.submit('/signin?fromURI=%2Fapp%2Fme%3Fx%3D1', '/signin', { username: 'ada@example.com', password: PASSWORD, fromURI: '/app/me?x=1' });
    expect(back.location).toBe('/app/me?x=1');
    expect((await browser.get('/signin?fromURI=%2Fapp%2Fme')).location).toBe('/app/me');

    const other = new Browser(server.url);
    for (const evil of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      expect((await other.get('/signin?fromURI=' + encodeURIComponent(evil))).html).not.toContain('name="fromURI"');
    }
    const res = await other.submit('/signin', '/signin', { username: 'ada@example.com', password: PASSWORD, fromURI: '//evil.example/' });
    expect(res.location).toBe('/app/me');
  });

  it('refuses a form post without a valid CSRF token with a 403 page and does nothing', async () => {
    const browser = new Browser(server.url);
    await browser.get('/signin');
    const before = (await logEvents(server, 'user.session.start')).length;
    const missing = await browser.request('POST', '/signin', { username: 'ada@example.com', password: PASSWORD });
    expect(missing.status).toBe(403);
    expect(missing.headers.get('content-type')).toMatch(/^text\/html/);
    expect(missing.html).toContain('nothing was changed');
    expect(sessionCookieOf(missing)).toBeUndefined();
    // A token made for another visitor's cookie does not pass either.
    const other = new Browser(server.url);
    const otherToken = /name="csrfToken" value="([^"]+)"/.exec((await other.get('/signin')).html)![1];
    const forged = await browser.request('POST', '/signin', { username: 'ada@example.com', password: PASSWORD, csrfToken: otherToken });
    expect(forged.status).toBe(403);
    expect((await logEvents(server, 'user.session.start')).length).toBe(before);

    // Sign-out needs the token too: without it the session stays.
    const signedIn = await browser.submit('/signin', '/signin', { username: 'ada@example.com', password: PASSWORD });
    expect(signedIn.status).toBe(303);
    const noToken = await browser.request('POST', '/signout', {});
    expect(noToken.status).toBe(403);
    expect((await browser.get('/app/me')).status).toBe(200);
  });

  it('answers a malformed form with a readable page, not a stack trace', async () => {
    const res = await fetch(server.url + '/signin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":' });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(text).toContain('<h1>');
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('refuses users whose password is left to the password import hook, with a clear message', async () => {
    const created = await server.api('POST', '/api/v1/users?activate=true', {
      profile: { firstName: 'Imp', lastName: 'Orted', email: 'imported@example.com', login: 'imported@example.com' },
      credentials: { password: { hook: { type: 'default' } } },
    });
    expect(created.body.status).toBe('ACTIVE');
    const res = await new Browser(server.url).submit('/signin', '/signin', { username: 'imported@example.com', password: PASSWORD });
    expect(res.status).toBe(401);
    expect(errorSummaryIn(res.html)).toContain('password import service');
    expect(sessionCookieOf(res)).toBeUndefined();
  });
});

describe('lockout', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  it('locks the user after the password policy\'s maxAttempts and then refuses even the right password', async () => {
    const policies = await server.api('GET', '/api/v1/policies?type=PASSWORD');
    const policy = policies.body[0];
    const put = await server.api('PUT', `/api/v1/policies/${policy.id}`, {
      ...policy, settings: { ...policy.settings, password: { ...policy.settings.password, lockout: { ...policy.settings.password.lockout, maxAttempts: 3 } } },
    });
    expect(put.status).toBe(200);
    const user = await createUser(server, 'grace@example.com');
    const browser = new Browser(server.url);
    for (let i = 0; i < 3; i++) {
      const res = await browser.submit('/signin', '/signin', { username: 'grace@example.com', password: `Wrong-${i}-Password` });
      expect(res.status).toBe(401);
    }
    expect((await server.api('GET', `/api/v1/users/${user.id}`)).body.status).toBe('LOCKED_OUT');
    const locks = await logEvents(server, 'user.account.lock');
    expect(locks.map((e) => e.actor.id)).toContain(user.id);

    const right = await browser.submit('/signin', '/signin', { username: 'grace@example.com', password: PASSWORD });
    expect(right.status).toBe(401);
    expect(sessionCookieOf(right)).toBeUndefined();
    const failures = (await logEvents(server, 'user.session.start')).filter((e) => e.outcome.reason === 'LOCKED_OUT');
    expect(failures.length).toBe(1);
  });

  it('resets the count of failures after a successful sign-in', async () => {
    const user = await createUser(server, 'linus@example.com');
    const browser = new Browser(server.url);
    for (let i = 0; i < 2; i++) await browser.submit('/signin', '/signin', { username: 'linus@example.com', password: 'Nope-Nope-1' });
    expect((await browser.submit('/signin', '/signin', { username: 'linus@example.com', password: PASSWORD })).status).toBe(303);
    await new Browser(server.url).submit('/signin', '/signin', { username: 'linus@example.com', password: 'Nope-Nope-1' });
    expect((await server.api('GET', `/api/v1/users/${user.id}`)).body.status).toBe('ACTIVE');
  });
});

describe('sign-up from the sign-in page', () => {
  let server: TestServer;
  let groupId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const group = await server.api('POST', '/api/v1/groups', { profile: { name: 'Customers', description: 'Self-registered' } });
    expect(group.status).toBe(200);
    groupId = group.body.id;
    await allowRegistration(server, { targetGroupIds: [groupId] });
  });
  afterAll(async () => { await server?.close(); });

  it('shows the Sign up link once registration is allowed, and the form built from the policy', async () => {
    const signin = await new Browser(server.url).get('/signin');
    expect(signin.html).toContain('<a href="/signup">Sign up</a>');
    const signup = await new Browser(server.url).get('/signup');
    expect(signup.status).toBe(200);
    for (const [name, label] of [['email', 'Email'], ['firstName', 'First name'], ['lastName', 'Last name']]) {
      expect(signup.html).toContain(`<label for="f-${name}">${label} <span class="req" aria-hidden="true">*</span></label>`);
      expect(signup.html).toMatch(new RegExp(`<input type="[a-z]+" value="" id="f-${name}" name="${name}" required aria-required="true"`));
    }
    expect(signup.html).toContain('type="email"');
    expect(signup.html).toContain('autocomplete="new-password"');
    expect(signup.html).toContain('Password requirements: at least 8 characters');
  });

  it('registers, signs the new user in and puts them in the target group', async () => {
    const browser = new Browser(server.url);
    const res = await browser.submit('/signup', '/signup', { email: 'joan@example.com', firstName: 'Joan', lastName: 'Clarke', password: PASSWORD });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/app/me');
    const me = await browser.get('/app/me');
    expect(me.html).toContain('<h1>Welcome, Joan Clarke</h1>');
    const user = await server.api('GET', '/api/v1/users/joan@example.com');
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ status: 'ACTIVE', profile: { login: 'joan@example.com', email: 'joan@example.com', firstName: 'Joan', lastName: 'Clarke' } });
    const members = await server.api('GET', `/api/v1/groups/${groupId}/users`);
    expect(members.body.map((u: { id: string }) => u.id)).toContain(user.body.id);
    expect((await logEvents(server, 'user.lifecycle.create')).some((e) => e.actor.id !== user.body.id)).toBe(true);
    // Once the user exists, they are the actor of what follows (group membership, session).
    expect((await logEvents(server, 'group.user_membership.add')).map((e) => e.actor.id)).toContain(user.body.id);
    expect((await logEvents(server, 'user.session.start')).map((e) => e.actor.id)).toContain(user.body.id);
    // The new user can sign in again with the password chosen on the form.
    expect((await new Browser(server.url).submit('/signin', '/signin', { username: 'joan@example.com', password: PASSWORD })).status).toBe(303);
  });

  it('shows password policy errors at the password field, keeps the other values and creates nobody', async () => {
    const res = await new Browser(server.url).submit('/signup', '/signup', { email: 'weak@example.com', firstName: 'Weak', lastName: 'Pass', password: 'short' });
    expect(res.status).toBe(400);
    expect(fieldErrorIn(res.html, 'password')).toMatch(/^Password requirements were not met\. Password requirements: at least 8 characters/);
    expect(errorSummaryIn(res.html)).toContain('We found some errors. Please review the form and make corrections.');
    expect(res.html).toContain('aria-invalid="true"');
    expect(inputValueIn(res.html, 'email')).toBe('weak@example.com');
    expect(inputValueIn(res.html, 'firstName')).toBe('Weak');
    expect(res.html).not.toContain('value="short"');
    expect((await server.api('GET', '/api/v1/users/weak@example.com')).status).toBe(404);
  });

  it('shows required fields and a duplicate email at their fields', async () => {
    const blank = await new Browser(server.url).submit('/signup', '/signup', { email: '', firstName: 'No', lastName: '', password: PASSWORD });
    expect(blank.status).toBe(400);
    expect(fieldErrorIn(blank.html, 'email')).toBe('The field cannot be left blank');
    expect(fieldErrorIn(blank.html, 'lastName')).toBe('The field cannot be left blank');
    expect(fieldErrorIn(blank.html, 'firstName')).toBeUndefined();
    expect(errorSummaryIn(blank.html)).toContain('Email: The field cannot be left blank');

    const bad = await new Browser(server.url).submit('/signup', '/signup', { email: 'not-an-email', firstName: 'No', lastName: 'Mail', password: PASSWORD });
    expect(bad.status).toBe(400);
    expect(fieldErrorIn(bad.html, 'email')).toBe('Does not match required pattern');

    const dup = await new Browser(server.url).submit('/signup', '/signup', { email: 'JOAN@example.com', firstName: 'Joan', lastName: 'Again', password: PASSWORD });
    expect(dup.status).toBe(400);
    expect(fieldErrorIn(dup.html, 'email')).toBe('A user with this Email already exists');
  });
});

describe('rate limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    // Hold the clock still, a second into a window, so that no burst below straddles two windows.
    const now = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
    server.ctx.clock = () => new Date(now);
  });
  afterAll(async () => { await server?.close(); });

  it('answers the 21st sign-in attempt in a minute with a readable 429 page', async () => {
    const browser = new Browser(server.url);
    const token = /name="csrfToken" value="([^"]+)"/.exec((await browser.get('/signin')).html)![1];
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 21; i++) {
      last = await browser.request('POST', '/signin', { username: 'someone@example.com', password: 'Whatever-1', csrfToken: token });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(last!.status).toBe(429);
    expect(last!.html).toContain('Too many attempts');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers the JSON registration endpoint with Okta\'s E0000047 and X-Rate-Limit headers', async () => {
    const policyId = await allowRegistration(server);
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) {
      last = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userProfile: { email: 'x' } }),
      });
      if (i === 0) {
        expect(last.status).toBe(400);
        expect(last.headers.get('x-rate-limit-limit')).toBe('20');
        expect(last.headers.get('x-rate-limit-remaining')).toBe('19');
      }
    }
    expect(last!.status).toBe(429);
    const body = await last!.json();
    expect(body).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
    expect(last!.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(last!.headers.get('x-rate-limit-reset'))).toBe(Math.ceil(server.ctx.clock().getTime() / 60_000) * 60);
  });
});

describe('cookies behind an https issuer', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ env: { TOLLGATE_ISSUER: 'https://id.example.com' } }); });
  afterAll(async () => { await server?.close(); });

  it('are Secure, http-only, SameSite=Lax and __Host- prefixed (this host only, path /)', async () => {
    await createUser(server, 'secure@example.com');
    const browser = new Browser(server.url);
    const page = await browser.get('/signin');
    const csrf = page.headers.getSetCookie().find((c) => c.startsWith('__Host-tg_csrf='));
    expect(csrf).toMatch(/; Secure/i);
    expect(csrf).toMatch(/; Path=\//i);
    expect(csrf).not.toMatch(/Domain=/i);
    const res = await browser.submit('/signin', '/signin', { username: 'secure@example.com', password: PASSWORD });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-tg_session='))!;
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});
