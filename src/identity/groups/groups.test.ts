import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

/** Event types written to the System Log for a target id, in order. */
async function eventsFor(server: TestServer, targetId: string): Promise<string[]> {
  const rows = await server.ctx.db.selectFrom('system_log').select(['event_type', 'published', 'uuid'])
    .where('target_ids', 'like', `% ${targetId} %`).orderBy('published').orderBy('uuid').execute();
  return rows.map((r) => r.event_type);
}

function nextLink(headers: Headers): string | undefined {
  const link = headers.get('link') ?? '';
  return /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
}

describe('Groups API', () => {
  let server: TestServer;
  let everyoneId: string;
  const userIds: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const everyone = await server.api('GET', '/api/v1/groups?q=Everyone');
    everyoneId = everyone.body[0].id;
    for (const name of ['ann', 'ben', 'cat']) {
      const res = await server.api('POST', '/api/v1/users?activate=true', {
        profile: { firstName: name, lastName: 'Test', email: `${name}@example.com`, login: `${name}@example.com` },
        credentials: { password: { value: 'Tr0ub4dor&3-long' } },
      });
      expect(res.status).toBe(200);
      userIds.push(res.body.id);
    }
  });
  afterAll(async () => { await server?.close(); });

  it('has the built-in Everyone group, in Okta Group JSON', async () => {
    const res = await server.api('GET', `/api/v1/groups/${everyoneId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: everyoneId, type: 'BUILT_IN', objectClass: ['okta:user_group'],
      profile: { name: 'Everyone', description: 'All users in your organization' },
    });
    expect(res.body._links.users.href).toBe(`${server.ctx.config.issuer}/api/v1/groups/${everyoneId}/users`);
    expect(res.body._links.apps.href).toMatch(/\/apps$/);
    expect(res.body._links.logo).toHaveLength(2);
  });

  it('creates an OKTA_GROUP, writes group.lifecycle.create, and refuses a duplicate name (any case) with E0000001', async () => {
    const res = await server.api('POST', '/api/v1/groups', { profile: { name: 'Engineering', description: 'Builders' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: 'OKTA_GROUP', profile: { name: 'Engineering', description: 'Builders' }, objectClass: ['okta:user_group'] });
    expect(res.body.id).toMatch(/^00g/);
    expect(res.body.created).toBe(res.body.lastUpdated);
    expect(await eventsFor(server, res.body.id)).toEqual(['group.lifecycle.create']);

    const dup = await server.api('POST', '/api/v1/groups', { profile: { name: 'engineering' } });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({
      errorCode: 'E0000001', errorSummary: 'Api validation failed: name',
      errorCauses: [{ errorSummary: 'name: An object with this field already exists in the current organization' }],
    });
    const all = await server.api('GET', '/api/v1/groups?q=eng');
    expect(all.body).toHaveLength(1);
  });

  it('rejects bad profiles with every cause and creates nothing', async () => {
    const before = (await server.api('GET', '/api/v1/groups')).body.length;
    const res = await server.api('POST', '/api/v1/groups', { profile: { description: 42, color: 'red' } });
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary)).toEqual([
      'name: The field cannot be left blank',
      'description: The field must be a string',
      "Property name 'color' is not defined in profile schema",
    ]);
    const noProfile = await server.api('POST', '/api/v1/groups', {});
    expect(noProfile.status).toBe(400);
    expect((await server.api('GET', '/api/v1/groups')).body.length).toBe(before);
  });

  it('replaces a profile (PUT), writes group.profile.update, and keeps names unique', async () => {
    const a = (await server.api('POST', '/api/v1/groups', { profile: { name: 'Sales' } })).body;
    await server.api('POST', '/api/v1/groups', { profile: { name: 'Marketing' } });
    const res = await server.api('PUT', `/api/v1/groups/${a.id}`, { profile: { name: 'Sales EMEA', description: 'Europe' } });
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({ name: 'Sales EMEA', description: 'Europe' });
    expect(res.body.created).toBe(a.created);
    const clash = await server.api('PUT', `/api/v1/groups/${a.id}`, { profile: { name: 'MARKETING' } });
    expect(clash.status).toBe(400);
    expect(clash.body.errorCauses[0].errorSummary).toBe('name: An object with this field already exists in the current organization');
    expect((await server.api('GET', `/api/v1/groups/${a.id}`)).body.profile.name).toBe('Sales EMEA');
    expect(await eventsFor(server, a.id)).toEqual(['group.lifecycle.create', 'group.profile.update']);
  });

  it('refuses to change or delete the built-in Everyone group', async () => {
    const put = await server.api('PUT', `/api/v1/groups/${everyoneId}`, { profile: { name: 'All' } });
    expect(put.status).toBe(400);
    expect(put.body.errorCode).toBe('E0000001');
    const del = await server.api('DELETE', `/api/v1/groups/${everyoneId}`);
    expect(del.status).toBe(400);
    const add = await server.api('PUT', `/api/v1/groups/${everyoneId}/users/${userIds[0]}`);
    expect(add.status).toBe(400);
    expect((await server.api('GET', `/api/v1/groups/${everyoneId}`)).body.profile.name).toBe('Everyone');
  });

  it('answers E0000007 for unknown groups and users', async () => {
    expect((await server.api('GET', '/api/v1/groups/00gnothere00000000000')).body.errorCode).toBe('E0000007');
    expect((await server.api('DELETE', '/api/v1/groups/00gnothere00000000000')).status).toBe(404);
    const g = (await server.api('POST', '/api/v1/groups', { profile: { name: 'Lonely' } })).body;
    const res = await server.api('PUT', `/api/v1/groups/${g.id}/users/00unothere00000000000`);
    expect(res.status).toBe(404);
    expect(res.body.errorCode).toBe('E0000007');
  });

  it('adds and removes members (204, idempotent), lists them as Okta users, and logs membership events', async () => {
    const g = (await server.api('POST', '/api/v1/groups', { profile: { name: 'Members' } })).body;
    for (const id of userIds) expect((await server.api('PUT', `/api/v1/groups/${g.id}/users/${id}`)).status).toBe(204);
    expect((await server.api('PUT', `/api/v1/groups/${g.id}/users/${userIds[0]}`)).status).toBe(204);
    const after = (await server.api('GET', `/api/v1/groups/${g.id}`)).body;
    expect(after.lastMembershipUpdated >= g.lastMembershipUpdated).toBe(true);

    const first = await server.api('GET', `/api/v1/groups/${g.id}/users?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body).toHaveLength(2);
    expect(first.body[0]).toMatchObject({ status: 'ACTIVE', type: { id: expect.any(String) } });
    const next = nextLink(first.headers);
    expect(next).toBeDefined();
    const second = await fetch(next!, { headers: { authorization: `SSWS ${server.token}` } });
    const secondBody = await second.json();
    expect(secondBody).toHaveLength(1);
    const listed = [...first.body, ...secondBody].map((u: { id: string }) => u.id);
    expect(listed.sort()).toEqual([...userIds].sort());
    expect(nextLink(second.headers)).toBeUndefined();

    expect((await server.api('DELETE', `/api/v1/groups/${g.id}/users/${userIds[1]}`)).status).toBe(204);
    expect((await server.api('DELETE', `/api/v1/groups/${g.id}/users/${userIds[1]}`)).status).toBe(204);
    const left = await server.api('GET', `/api/v1/groups/${g.id}/users`);
    expect(left.body.map((u: { id: string }) => u.id).sort()).toEqual([userIds[0], userIds[2]].sort());
    expect(await eventsFor(server, g.id)).toEqual([
      'group.lifecycle.create', 'group.user_membership.add', 'group.user_membership.add', 'group.user_membership.add', 'group.user_membership.remove',
    ]);

    const stats = await server.api('GET', `/api/v1/groups/${g.id}?expand=stats`);
    expect(stats.body._embedded.stats.usersCount).toBe(2);
  });

  it('lists every user as a member of Everyone', async () => {
    const res = await server.api('GET', `/api/v1/groups/${everyoneId}/users`);
    const ids = res.body.map((u: { id: string }) => u.id);
    for (const id of userIds) expect(ids).toContain(id);
    expect(ids.length).toBe(userIds.length + 1); // + the first admin
  });

  it('deletes a group with its memberships (204) and writes group.lifecycle.delete', async () => {
    const g = (await server.api('POST', '/api/v1/groups', { profile: { name: 'Temporary' } })).body;
    await server.api('PUT', `/api/v1/groups/${g.id}/users/${userIds[0]}`);
    const res = await server.api('DELETE', `/api/v1/groups/${g.id}`);
    expect(res.status).toBe(204);
    expect((await server.api('GET', `/api/v1/groups/${g.id}`)).status).toBe(404);
    const left = await server.ctx.db.selectFrom('group_members').select('user_id').where('group_id', '=', g.id).execute();
    expect(left).toEqual([]);
    expect((await eventsFor(server, g.id)).at(-1)).toBe('group.lifecycle.delete');
  });

  it('pages the group list with limit/after and a Link rel="next"', async () => {
    const names = ['Page A', 'Page B', 'Page C', 'Page D', 'Page E'];
    for (const name of names) await server.api('POST', '/api/v1/groups', { profile: { name } });
    const seen: string[] = [];
    let url: string | undefined = `${server.url}/api/v1/groups?q=page&limit=2`;
    let pages = 0;
    while (url) {
      const res: Response = await fetch(url, { headers: { authorization: `SSWS ${server.token}` } });
      const body = (await res.json()) as Array<{ profile: { name: string } }>;
      expect(body.length).toBeLessThanOrEqual(2);
      seen.push(...body.map((g) => g.profile.name));
      url = nextLink(res.headers);
      pages++;
    }
    expect(seen.sort()).toEqual(names);
    expect(pages).toBe(3);
    const bad = await server.api('GET', '/api/v1/groups?limit=0');
    expect(bad.status).toBe(400);
    const badCursor = await server.api('GET', '/api/v1/groups?after=nonsense');
    expect(badCursor.status).toBe(400);
  });

  it('filters and searches by type, id, profile.name, profile.description and timestamps', async () => {
    const res = await server.api('GET', `/api/v1/groups?filter=${encodeURIComponent('type eq "BUILT_IN"')}`);
    expect(res.body.map((g: { id: string }) => g.id)).toEqual([everyoneId]);
    const byName = await server.api('GET', `/api/v1/groups?search=${encodeURIComponent('profile.name sw "page" and type eq "OKTA_GROUP"')}`);
    expect(byName.body.map((g: { profile: { name: string } }) => g.profile.name).sort()).toEqual(['Page A', 'Page B', 'Page C', 'Page D', 'Page E']);
    const byDesc = await server.api('GET', `/api/v1/groups?search=${encodeURIComponent('profile.description co "rope"')}`);
    expect(byDesc.body.map((g: { profile: { name: string } }) => g.profile.name)).toEqual(['Sales EMEA']);
    const byId = await server.api('GET', `/api/v1/groups?filter=${encodeURIComponent(`id eq "${everyoneId}"`)}`);
    expect(byId.body).toHaveLength(1);
    const future = await server.api('GET', `/api/v1/groups?filter=${encodeURIComponent('lastUpdated gt "2999-01-01T00:00:00.000Z"')}`);
    expect(future.body).toEqual([]);
    const recent = await server.api('GET', `/api/v1/groups?search=${encodeURIComponent('created ge "2000-01-01T00:00:00.000Z" and lastMembershipUpdated pr')}`);
    expect(recent.body.length).toBeGreaterThan(5);
    const bad = await server.api('GET', `/api/v1/groups?filter=${encodeURIComponent('profile.color eq "red"')}`);
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000001');
    const broken = await server.api('GET', `/api/v1/groups?search=${encodeURIComponent('type eq')}`);
    expect(broken.status).toBe(400);
  });
});
