import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { checkPassword } from './password-policy.js';
import { getProfileEnrollment } from './policies.service.js';

async function eventsFor(server: TestServer, targetId: string): Promise<string[]> {
  const rows = await server.ctx.db.selectFrom('system_log').select('event_type')
    .where('target_ids', 'like', `% ${targetId} %`).orderBy('published').orderBy('uuid').execute();
  return rows.map((r) => r.event_type);
}

async function snapshot(server: TestServer): Promise<string> {
  const policies = await server.ctx.db.selectFrom('policies').selectAll().orderBy('id').execute();
  const rules = await server.ctx.db.selectFrom('policy_rules').selectAll().orderBy('id').execute();
  const log = await server.ctx.db.selectFrom('system_log').select('uuid').execute();
  return JSON.stringify({ policies, rules, log: log.length });
}

function causes(body: { errorCauses: Array<{ errorSummary: string }> }): string[] {
  return body.errorCauses.map((c) => c.errorSummary);
}

describe('Policies API', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  it('requires a valid type to list', async () => {
    const none = await server.api('GET', '/api/v1/policies');
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: 'type: The field cannot be left blank' }] });
    expect((await server.api('GET', '/api/v1/policies?type=NOPE')).status).toBe(400);
    const signOn = await server.api('GET', '/api/v1/policies?type=OKTA_SIGN_ON');
    expect(signOn.status).toBe(200);
    expect(signOn.body).toEqual([]);
  });

  it('lists the default PASSWORD and PROFILE_ENROLLMENT policies in Okta shape', async () => {
    const res = await server.api('GET', '/api/v1/policies?type=PASSWORD');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const p = res.body[0];
    expect(p).toMatchObject({
      type: 'PASSWORD', name: 'Default Policy', status: 'ACTIVE', priority: 1, system: true,
      settings: { password: { complexity: { minLength: 8 } } },
      conditions: { people: { groups: { include: [expect.stringMatching(/^00g/)] } }, authProvider: { provider: 'OKTA' } },
    });
    expect(p.id).toMatch(/^00p/);
    expect(p._links.self).toEqual({ href: `${server.ctx.config.issuer}/api/v1/policies/${p.id}`, hints: { allow: ['GET', 'PUT'] } });
    expect(p._links.rules.href).toBe(`${server.ctx.config.issuer}/api/v1/policies/${p.id}/rules`);

    const pe = (await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT')).body[0];
    expect(pe).toMatchObject({ type: 'PROFILE_ENROLLMENT', system: true, conditions: null });
    expect(pe.settings).toBeUndefined();
    const rules = (await server.api('GET', `/api/v1/policies/${pe.id}/rules`)).body;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      type: 'PROFILE_ENROLLMENT', system: true, status: 'ACTIVE', conditions: null,
      actions: { profileEnrollment: { access: 'ALLOW', unknownUserAction: 'DENY', preRegistrationInlineHooks: null, targetGroupIds: null } },
    });
  });

  it('creates a PASSWORD policy with Okta defaults filled in, ahead of the default policy, and logs it', async () => {
    const res = await server.api('POST', '/api/v1/policies', {
      type: 'PASSWORD', name: 'Strict', description: 'Long passwords',
      settings: { password: { complexity: { minLength: 12, minSymbol: 1 } } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      type: 'PASSWORD', name: 'Strict', description: 'Long passwords', status: 'ACTIVE', priority: 1, system: false,
      settings: { password: { complexity: { minLength: 12, minSymbol: 1, minUpperCase: 1, excludeUsername: true }, lockout: { maxAttempts: 10 } } },
    });
    expect(res.body._links.self.hints.allow).toEqual(['GET', 'PUT', 'DELETE']);
    expect(res.body._links.deactivate.href).toMatch(/\/lifecycle\/deactivate$/);
    const list = (await server.api('GET', '/api/v1/policies?type=PASSWORD')).body;
    expect(list.map((p: { name: string; priority: number }) => [p.name, p.priority])).toEqual([['Strict', 1], ['Default Policy', 2]]);
    expect(await eventsFor(server, res.body.id)).toEqual(['policy.lifecycle.create']);

    // The active policy with the highest priority is what passwords are checked against.
    expect(await checkPassword(server.ctx, server.ctx.db, 'Abcdefgh1', {})).toHaveLength(1);
    expect(await checkPassword(server.ctx, server.ctx.db, 'Abcdefgh1!xyz', {})).toEqual([]);

    await server.api('POST', `/api/v1/policies/${res.body.id}/lifecycle/deactivate`);
    expect(await checkPassword(server.ctx, server.ctx.db, 'Abcdefgh1', {})).toEqual([]);
    await server.api('DELETE', `/api/v1/policies/${res.body.id}`);
  });

  it('rejects bad PASSWORD settings with all causes and changes nothing', async () => {
    const before = await snapshot(server);
    const res = await server.api('POST', '/api/v1/policies', {
      type: 'PASSWORD', name: '',
      settings: { password: { complexity: { minLength: 2, minNumber: -1, excludeAttributes: ['email'] }, age: { historyCount: 99 }, lockout: { userLockoutNotificationChannels: ['SMS'] } } },
      conditions: { people: { groups: { include: ['00gmissing0000000000'] } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(causes(res.body)).toEqual([
      'name: The field cannot be left blank',
      'conditions.people.groups.include: Group 00gmissing0000000000 does not exist',
      'settings.password.complexity.minLength: The value must be between 4 and 30',
      'settings.password.complexity.minNumber: The value must be between 0 and 30',
      "settings.password.complexity.excludeAttributes: 'email' cannot be excluded; only firstName and lastName are supported",
      'settings.password.age.historyCount: The value must be between 0 and 24',
      "settings.password.lockout.userLockoutNotificationChannels: The only acceptable values are [] and ['EMAIL']",
    ]);
    const noType = await server.api('POST', '/api/v1/policies', { name: 'x' });
    expect(causes(noType.body)).toEqual(['type: The field cannot be left blank']);
    const badType = await server.api('POST', '/api/v1/policies', { name: 'x', type: 'IDP_DISCOVERY' });
    expect(badType.status).toBe(400);
    expect(await snapshot(server)).toBe(before);
  });

  it('replaces a policy (PUT), keeps names unique per type, and logs policy.lifecycle.update', async () => {
    const a = (await server.api('POST', '/api/v1/policies', { type: 'PASSWORD', name: 'A' })).body;
    await server.api('POST', '/api/v1/policies', { type: 'PASSWORD', name: 'B' });
    const res = await server.api('PUT', `/api/v1/policies/${a.id}`, { ...a, name: 'A2', settings: { password: { complexity: { minLength: 10 } } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'A2', settings: { password: { complexity: { minLength: 10 } } }, created: a.created });
    const clash = await server.api('PUT', `/api/v1/policies/${a.id}`, { ...a, name: 'B' });
    expect(clash.status).toBe(400);
    expect(causes(clash.body)).toEqual(['name: Policy name already in use']);
    const typeChange = await server.api('PUT', `/api/v1/policies/${a.id}`, { ...a, type: 'OKTA_SIGN_ON' });
    expect(typeChange.status).toBe(400);
    expect((await server.api('GET', `/api/v1/policies/${a.id}`)).body.name).toBe('A2');
    expect(await eventsFor(server, a.id)).toEqual(['policy.lifecycle.create', 'policy.lifecycle.update']);
  });

  it('reorders priorities and keeps the system policy last', async () => {
    const list = async () => (await server.api('GET', '/api/v1/policies?type=PASSWORD')).body.map((p: { name: string; priority: number }) => `${p.priority}:${p.name}`);
    expect(await list()).toEqual(['1:A2', '2:B', '3:Default Policy']);
    const b = (await server.api('GET', '/api/v1/policies?type=PASSWORD&q=b')).body[0];
    await server.api('PUT', `/api/v1/policies/${b.id}`, { ...b, priority: 1 });
    expect(await list()).toEqual(['1:B', '2:A2', '3:Default Policy']);
    await server.api('POST', '/api/v1/policies', { type: 'PASSWORD', name: 'C', priority: 99 });
    expect(await list()).toEqual(['1:B', '2:A2', '3:C', '4:Default Policy']);
    await server.api('DELETE', `/api/v1/policies/${b.id}`);
    expect(await list()).toEqual(['1:A2', '2:C', '3:Default Policy']);
  });

  it('pages policies with limit/after', async () => {
    const first = await server.api('GET', '/api/v1/policies?type=PASSWORD&limit=2');
    expect(first.body).toHaveLength(2);
    const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await fetch(next!, { headers: { authorization: `SSWS ${server.token}` } });
    const rest = await second.json();
    expect(rest.map((p: { name: string }) => p.name)).toEqual(['Default Policy']);
  });

  it('activates and deactivates (204, events), but never deactivates or deletes a system policy', async () => {
    const p = (await server.api('POST', '/api/v1/policies?activate=false', { type: 'OKTA_SIGN_ON', name: 'Sign-on', conditions: { people: { groups: { include: [] } } } })).body;
    expect(p.status).toBe('INACTIVE');
    expect(p._links.activate).toBeDefined();
    expect((await server.api('POST', `/api/v1/policies/${p.id}/lifecycle/activate`)).status).toBe(204);
    expect((await server.api('GET', `/api/v1/policies/${p.id}`)).body.status).toBe('ACTIVE');
    expect((await server.api('POST', `/api/v1/policies/${p.id}/lifecycle/deactivate`)).status).toBe(204);
    expect(await eventsFor(server, p.id)).toEqual(['policy.lifecycle.create', 'policy.lifecycle.activate', 'policy.lifecycle.deactivate']);
    expect((await server.api('DELETE', `/api/v1/policies/${p.id}`)).status).toBe(204);
    expect((await server.api('GET', `/api/v1/policies/${p.id}`)).status).toBe(404);
    expect((await eventsFor(server, p.id)).at(-1)).toBe('policy.lifecycle.delete');

    const system = (await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT')).body[0];
    expect((await server.api('DELETE', `/api/v1/policies/${system.id}`)).status).toBe(400);
    expect((await server.api('POST', `/api/v1/policies/${system.id}/lifecycle/deactivate`)).status).toBe(400);
    expect((await server.api('GET', `/api/v1/policies/${system.id}`)).body.status).toBe('ACTIVE');
    expect((await server.api('POST', '/api/v1/policies/00pnothere0000000000/lifecycle/activate')).status).toBe(404);
  });

  it('creates a PROFILE_ENROLLMENT policy with its catch-all rule, and refuses more rules or conditions', async () => {
    const bad = await server.api('POST', '/api/v1/policies', { type: 'PROFILE_ENROLLMENT', name: 'With conditions', conditions: { people: {} } });
    expect(bad.status).toBe(400);
    const res = await server.api('POST', '/api/v1/policies', { type: 'PROFILE_ENROLLMENT', name: 'Partners' });
    expect(res.status).toBe(200);
    const rules = (await server.api('GET', `/api/v1/policies/${res.body.id}/rules`)).body;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ name: 'Catch-all Rule', system: true, actions: { profileEnrollment: { unknownUserAction: 'DENY' } } });
    expect(await eventsFor(server, res.body.id)).toEqual(['policy.lifecycle.create', 'policy.rule.add']);
    const more = await server.api('POST', `/api/v1/policies/${res.body.id}/rules`, { name: 'Second', type: 'PROFILE_ENROLLMENT', actions: {} });
    expect(more.status).toBe(400);
    expect((await server.api('DELETE', `/api/v1/policies/${res.body.id}/rules/${rules[0].id}`)).status).toBe(400);

    // The new policy now comes first: it is what registration uses when no policy is named.
    const found = await getProfileEnrollment(server.ctx, server.ctx.db);
    expect(found?.policy.id).toBe(res.body.id);
    await server.api('DELETE', `/api/v1/policies/${res.body.id}`);
    expect((await getProfileEnrollment(server.ctx, server.ctx.db))?.policy.name).toBe('Default Policy');
  });
});
