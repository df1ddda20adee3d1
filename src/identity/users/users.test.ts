import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

const PASSWORD = 'Tollgate-Pass-42';

function profileOf(name: string, extra: Record<string, unknown> = {}) {
  return { firstName: name, lastName: 'Tester', email: `${name.toLowerCase()}@example.com`, login: `${name.toLowerCase()}@example.com`, ...extra };
}

describe('Users API: create, read, update', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  const countUsers = async () => Number((await server.ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const eventsFor = async (userId: string) => (await server.ctx.db.selectFrom('system_log').select(['event_type', 'target_ids', 'body'])
    .where('target_ids', 'like', `% ${userId} %`).orderBy('published').execute());

  it('creates an ACTIVE user with a password, in Okta\'s exact JSON, and logs create + activate', async () => {
    const res = await server.api('POST', '/api/v1/users?activate=true', {
      profile: profileOf('Alice', { mobilePhone: null }),
      credentials: { password: { value: PASSWORD }, recovery_question: { question: 'Favourite colour?', answer: 'ultramarine' } },
    });
    expect(res.status).toBe(200);
    const user = res.body;
    expect(user.id).toMatch(/^00u[A-Za-z0-9]{17}$/);
    expect(Object.keys(user)).toEqual(['id', 'status', 'created', 'activated', 'statusChanged', 'lastLogin', 'lastUpdated', 'passwordChanged', 'type', 'profile', 'credentials', '_links']);
    expect(user).toMatchObject({
      status: 'ACTIVE', lastLogin: null,
      profile: profileOf('Alice', { mobilePhone: null }),
      credentials: { password: {}, recovery_question: { question: 'Favourite colour?' }, provider: { type: 'OKTA', name: 'OKTA' } },
    });
    expect(user.activated).toBe(user.created);
    expect(user.passwordChanged).toBe(user.created);
    expect(user.type.id).toMatch(/^oty/);
    expect(JSON.stringify(user)).not.toMatch(/argon2|ultramarine|Tollgate-Pass/);
    const base = server.ctx.config.issuer;
    expect(user._links.self).toEqual({ href: `${base}/api/v1/users/${user.id}` });
    expect(user._links.suspend).toEqual({ href: `${base}/api/v1/users/${user.id}/lifecycle/suspend`, method: 'POST' });
    expect(user._links.deactivate.href).toBe(`${base}/api/v1/users/${user.id}/lifecycle/deactivate`);
    expect(user._links.type.href).toBe(`${base}/api/v1/meta/types/user/${user.type.id}`);
    expect(user._links.schema.href).toMatch(new RegExp(`^${base}/api/v1/meta/schemas/user/osc`));
    expect(user._links.activate).toBeUndefined();
    expect((await eventsFor(user.id)).map((e) => e.event_type)).toEqual(['user.lifecycle.create', 'user.lifecycle.activate']);
    const event = JSON.parse((await eventsFor(user.id))[0].body);
    expect(event.target[0]).toMatchObject({ id: user.id, type: 'User', alternateId: 'alice@example.com', displayName: 'Alice Tester' });
    expect(event.actor.alternateId).toBe('admin@localhost');
  });

  it('creates a PROVISIONED user without a password and a STAGED one with activate=false', async () => {
    const provisioned = await server.api('POST', '/api/v1/users', { profile: profileOf('Bob') });
    expect(provisioned.body).toMatchObject({ status: 'PROVISIONED', activated: null, passwordChanged: null, credentials: { provider: { type: 'OKTA', name: 'OKTA' } } });
    expect(provisioned.body.credentials.password).toBeUndefined();
    expect(provisioned.body._links.reactivate).toBeDefined();

    const staged = await server.api('POST', '/api/v1/users?activate=false', { profile: profileOf('Carol'), credentials: { password: { value: PASSWORD } } });
    expect(staged.body).toMatchObject({ status: 'STAGED', activated: null, statusChanged: null, credentials: { password: {} } });
    expect(staged.body._links.activate.href).toContain(`/users/${staged.body.id}/lifecycle/activate`);
    expect((await eventsFor(staged.body.id)).map((e) => e.event_type)).toEqual(['user.lifecycle.create']);
  });

  it('creates a user whose password the import hook will verify: password_hook set, no hash, provider IMPORT', async () => {
    const res = await server.api('POST', '/api/v1/users?activate=true', { profile: profileOf('Hooked'), credentials: { password: { hook: { type: 'default' } } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ACTIVE', credentials: { password: {}, provider: { type: 'IMPORT', name: 'IMPORT' } } });
    const row = await server.ctx.db.selectFrom('users').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(row.password_hook).toBe(1);
    expect(row.password_hash).toBeNull();
  });

  it('expires the password at once with nextLogin=changePassword, and refuses it without activation or password', async () => {
    const ok = await server.api('POST', '/api/v1/users?activate=true&nextLogin=changePassword', { profile: profileOf('Expired'), credentials: { password: { value: PASSWORD } } });
    expect(ok.body.status).toBe('PASSWORD_EXPIRED');
    const before = await countUsers();
    const inactive = await server.api('POST', '/api/v1/users?activate=false&nextLogin=changePassword', { profile: profileOf('Expired2'), credentials: { password: { value: PASSWORD } } });
    expect(inactive.status).toBe(400);
    expect(inactive.body.errorCode).toBe('E0000125');
    const noPassword = await server.api('POST', '/api/v1/users?activate=true&nextLogin=changePassword', { profile: profileOf('Expired3') });
    expect(noPassword.body.errorCode).toBe('E0000124');
    expect(await countUsers()).toBe(before);
  });

  it('refuses bad profiles with Okta\'s causes and creates nothing', async () => {
    const before = await countUsers();
    const empty = await server.api('POST', '/api/v1/users', { profile: {} });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: login' });
    expect(empty.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary)).toEqual([
      'login: The field cannot be left blank', 'firstName: The field cannot be left blank', 'lastName: The field cannot be left blank',
      'email: The field cannot be left blank', 'login: Username must be in the form of an email address',
    ]);
    const unknown = await server.api('POST', '/api/v1/users', { profile: profileOf('Dan', { foo: 'bar' }) });
    expect(unknown.body.errorCauses).toEqual([{ errorSummary: "Property name 'foo' is not defined in profile" }]);
    const badEmail = await server.api('POST', '/api/v1/users', { profile: profileOf('Dan', { email: 'not-an-email', countryCode: 'USA', firstName: 'x'.repeat(51) }) });
    expect(badEmail.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary)).toEqual([
      'firstName: The field is too long (maximum length: 50)', 'email: Does not match required pattern', 'countryCode: Does not match required pattern',
    ]);
    const wrongType = await server.api('POST', '/api/v1/users', { profile: profileOf('Dan', { title: 42 }) });
    expect(wrongType.body.errorCauses).toEqual([{ errorSummary: 'title: The value must be of type string' }]);
    const noProfile = await server.api('POST', '/api/v1/users', { credentials: {} });
    expect(noProfile.body.errorCode).toBe('E0000001');
    const notJson = await server.api('POST', '/api/v1/users', '{"profile":');
    expect(notJson.body.errorCode).toBe('E0000003');
    expect(await countUsers()).toBe(before);
  });

  it('refuses a duplicate login (case-insensitive), a weak password, a bad recovery answer, unknown type and group', async () => {
    const before = await countUsers();
    const dup = await server.api('POST', '/api/v1/users', { profile: profileOf('Alice', { login: 'ALICE@example.com' }) });
    expect(dup.status).toBe(400);
    expect(dup.body.errorCauses).toEqual([{ errorSummary: 'login: An object with this field already exists in the current organization' }]);
    const weak = await server.api('POST', '/api/v1/users', { profile: profileOf('Erin'), credentials: { password: { value: 'short' } } });
    expect(weak.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: password' });
    expect(weak.body.errorCauses[0].errorSummary).toMatch(/^password: Password requirements were not met/);
    const answer = await server.api('POST', '/api/v1/users', { profile: profileOf('Erin'), credentials: { recovery_question: { question: 'Pet?', answer: 'ab' } } });
    expect(answer.body.errorCauses[0].errorSummary).toMatch(/^credentials\.recovery_question\.answer: /);
    const type = await server.api('POST', '/api/v1/users', { profile: profileOf('Erin'), type: { id: 'otyDoesNotExist00000' } });
    expect(type.body.errorCauses[0].errorSummary).toMatch(/^type\.id: /);
    const group = await server.api('POST', '/api/v1/users', { profile: profileOf('Erin'), groupIds: ['00gNoSuchGroup000000'] });
    expect(group.body.errorCauses).toEqual([{ errorSummary: 'groupIds: Group not found: 00gNoSuchGroup000000' }]);
    const hook = await server.api('POST', '/api/v1/users', { profile: profileOf('Erin'), credentials: { password: { hook: { type: 'other' } } } });
    expect(hook.body.errorCode).toBe('E0000001');
    const activate = await server.api('POST', '/api/v1/users?activate=maybe', { profile: profileOf('Erin') });
    expect(activate.body.errorCode).toBe('E0000001');
    expect(await countUsers()).toBe(before);
  });

  it('adds a new user to groupIds and lists its groups, Everyone first', async () => {
    const now = new Date().toISOString();
    await server.ctx.db.insertInto('groups').values({
      id: '00gEngineering000001', type: 'OKTA_GROUP', name: 'Engineering', name_lower: 'engineering', description: 'Builders',
      profile: JSON.stringify({ name: 'Engineering', description: 'Builders' }), created: now, last_updated: now, last_membership_updated: now,
    }).execute();
    const everyone = await server.ctx.db.selectFrom('groups').select('id').where('type', '=', 'BUILT_IN').executeTakeFirstOrThrow();
    const res = await server.api('POST', '/api/v1/users', { profile: profileOf('Grace'), groupIds: ['00gEngineering000001', everyone.id] });
    expect(res.status).toBe(200);
    const groups = await server.api('GET', `/api/v1/users/${res.body.id}/groups`);
    expect(groups.status).toBe(200);
    expect(groups.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['Everyone', 'Engineering']);
    expect(groups.body[1]).toMatchObject({ id: '00gEngineering000001', type: 'OKTA_GROUP', objectClass: ['okta:user_group'], profile: { name: 'Engineering', description: 'Builders' } });
    expect((await eventsFor(res.body.id)).map((e) => e.event_type)).toContain('group.user_membership.add');
    const missing = await server.api('GET', '/api/v1/users/00uNobody00000000000/groups');
    expect(missing.body.errorCode).toBe('E0000007');
  });

  it('gets a user by id, by login (any case) and by login short name; unknown → E0000007', async () => {
    const created = await server.api('POST', '/api/v1/users', { profile: profileOf('Heidi') });
    for (const key of [created.body.id, 'heidi@example.com', 'HEIDI@EXAMPLE.COM', 'heidi']) {
      const res = await server.api('GET', `/api/v1/users/${encodeURIComponent(key)}`);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(created.body.id);
    }
    const missing = await server.api('GET', '/api/v1/users/nobody@example.com');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: nobody@example.com (User)' });
  });

  it('updates partially (POST merges the profile) and logs update_profile', async () => {
    const created = await server.api('POST', '/api/v1/users', { profile: profileOf('Ivan', { city: 'Oslo' }) });
    const res = await server.api('POST', `/api/v1/users/${created.body.id}`, { profile: { nickName: 'Vanya', city: null } });
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual(profileOf('Ivan', { city: null, nickName: 'Vanya' }));
    expect(res.body.lastUpdated >= created.body.lastUpdated).toBe(true);
    const events = await eventsFor(created.body.id);
    const update = events.find((e) => e.event_type === 'user.account.update_profile');
    expect(update).toBeDefined();
    expect(JSON.parse(update!.body).debugContext.debugData.changedAttributes).toBe('city,nickName');
  });

  it('replaces the profile whole with PUT, changing the login (searchable afterwards)', async () => {
    const created = await server.api('POST', '/api/v1/users', { profile: profileOf('Judy', { city: 'Rome', title: 'Engineer' }) });
    const res = await server.api('PUT', `/api/v1/users/${created.body.id}`, { profile: profileOf('Judith', { login: 'judith@example.com' }) });
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual(profileOf('Judith'));
    expect((await server.api('GET', '/api/v1/users/judith@example.com')).body.id).toBe(created.body.id);
    expect((await server.api('GET', '/api/v1/users/judy@example.com')).status).toBe(404);
    const incomplete = await server.api('PUT', `/api/v1/users/${created.body.id}`, { profile: { login: 'judith@example.com' } });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary)).toContain('firstName: The field cannot be left blank');
    expect((await server.api('GET', `/api/v1/users/${created.body.id}`)).body.profile).toEqual(profileOf('Judith'));
  });

  it('refuses bad updates and changes nothing: duplicate login, unknown attribute, weak password, type change on POST', async () => {
    const created = await server.api('POST', '/api/v1/users', { profile: profileOf('Ken'), credentials: { password: { value: PASSWORD } } });
    const id = created.body.id;
    const attempts = [
      { method: 'POST', body: { profile: { login: 'alice@example.com' } }, cause: 'login: An object with this field already exists in the current organization' },
      { method: 'POST', body: { profile: { shoeSize: 44 } }, cause: "Property name 'shoeSize' is not defined in profile" },
      { method: 'POST', body: { credentials: { password: { value: 'weak' } } }, cause: /^password: / },
      { method: 'POST', body: { type: { id: 'otyOther000000000000' } }, cause: /^type\.id: / },
      { method: 'PUT', body: { profile: profileOf('Ken'), type: { id: 'otyOther000000000000' } }, cause: /^type\.id: / },
      { method: 'POST', body: { profile: { email: '' } }, cause: 'email: The field cannot be left blank' },
    ];
    for (const a of attempts) {
      const res = await server.api(a.method, `/api/v1/users/${id}`, a.body);
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses.some((c: { errorSummary: string }) => (typeof a.cause === 'string' ? c.errorSummary === a.cause : a.cause.test(c.errorSummary)))).toBe(true);
    }
    const after = await server.api('GET', `/api/v1/users/${id}`);
    expect(after.body.profile).toEqual(created.body.profile);
    expect(after.body.lastUpdated).toBe(created.body.lastUpdated);
    expect(after.body.passwordChanged).toBe(created.body.passwordChanged);
    expect((await eventsFor(id)).map((e) => e.event_type)).toEqual(['user.lifecycle.create', 'user.lifecycle.activate']);
    expect((await server.api('POST', '/api/v1/users/00uNobody00000000000', { profile: {} })).status).toBe(404);
  });

  it('changes the password and recovery question through an update, logging update_password', async () => {
    const created = await server.api('POST', '/api/v1/users', { profile: profileOf('Leo'), credentials: { password: { value: PASSWORD } } });
    const before = await server.ctx.db.selectFrom('users').select('password_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    await new Promise((r) => setTimeout(r, 5));
    const res = await server.api('POST', `/api/v1/users/${created.body.id}`, {
      credentials: { password: { value: 'Another-Secret-77' }, recovery_question: { question: 'First car?', answer: 'a red volvo' } },
    });
    expect(res.status).toBe(200);
    expect(res.body.credentials.recovery_question).toEqual({ question: 'First car?' });
    expect(res.body.passwordChanged > created.body.passwordChanged).toBe(true);
    const after = await server.ctx.db.selectFrom('users').select('password_hash').where('id', '=', created.body.id).executeTakeFirstOrThrow();
    expect(after.password_hash).not.toBe(before.password_hash);
    const types = (await eventsFor(created.body.id)).map((e) => e.event_type);
    expect(types).toContain('user.account.update_password');
    expect(types).not.toContain('user.account.update_profile');
  });

  it('activates a PROVISIONED user when an admin sets its password', async () => {
    const created = await server.api('POST', '/api/v1/users', { profile: profileOf('Mia') });
    expect(created.body.status).toBe('PROVISIONED');
    const res = await server.api('POST', `/api/v1/users/${created.body.id}`, { credentials: { password: { value: PASSWORD } } });
    expect(res.body.status).toBe('ACTIVE');
    expect(res.body.activated).not.toBeNull();
  });

  it('changes the user type with PUT only, to a type that exists', async () => {
    const type = await server.api('POST', '/api/v1/meta/types/user', { name: 'contractor', displayName: 'Contractor' });
    const created = await server.api('POST', '/api/v1/users', { profile: profileOf('Nina') });
    const put = await server.api('PUT', `/api/v1/users/${created.body.id}`, { profile: profileOf('Nina'), type: { id: type.body.id } });
    expect(put.status).toBe(200);
    expect(put.body.type).toEqual({ id: type.body.id });
    expect(put.body._links.type.href).toContain(type.body.id);
    expect((await eventsFor(created.body.id)).map((e) => e.event_type)).toContain('user.account.update_user_type');
    const createdTyped = await server.api('POST', '/api/v1/users', { profile: profileOf('Omar'), type: { id: type.body.id } });
    expect(createdTyped.body.type.id).toBe(type.body.id);
  });

  it('creates a user signing in through another provider with provider=true (ACTIVE without a password)', async () => {
    const res = await server.api('POST', '/api/v1/users?activate=true&provider=true', { profile: profileOf('Fed'), credentials: { provider: { type: 'FEDERATION', name: 'FEDERATION' } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ACTIVE', credentials: { provider: { type: 'FEDERATION', name: 'FEDERATION' } } });
    expect(res.body.credentials.password).toBeUndefined();
    const bad = await server.api('POST', '/api/v1/users?provider=true', { profile: profileOf('Fed2'), credentials: { provider: { type: 'CARRIER_PIGEON' } } });
    expect(bad.status).toBe(400);
  });

  it('answers concurrent creates of one login with one user and Okta\'s duplicate error for the rest', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => server.api('POST', '/api/v1/users', { profile: profileOf('Racer') })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(400);
      expect(r.body.errorCauses).toEqual([{ errorSummary: 'login: An object with this field already exists in the current organization' }]);
    }
  });

  it('GET /users/me is the API token\'s user', async () => {
    const me = await server.api('GET', '/api/v1/users/me');
    expect(me.status).toBe(200);
    expect(me.body.profile.login).toBe('admin@localhost');
  });

  it('requires the API token', async () => {
    const res = await fetch(`${server.url}/api/v1/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: profileOf('Zed') }) });
    expect(res.status).toBe(401);
    expect((await server.api('GET', '/api/v1/users/zed@example.com')).status).toBe(404);
  });
});
