import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { all, sdkClient, sdkError, type OktaClient } from './helpers/okta-sdk.js';

/*
 * Okta's application group assignments over real HTTP: assigning a group makes its members app users
 * (scope GROUP), joining or leaving the group later follows, individual assignments (scope USER) stay,
 * and each change is in the System Log.
 */

const bookmark = (label: string) => ({ label, signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com/' } } });

describe('application group assignments', () => {
  let server: TestServer;
  let client: OktaClient;
  let counter = 0;

  beforeAll(async () => {
    server = await startTestServer();
    client = sdkClient(server);
  });
  afterAll(async () => { await server?.close(); });

  async function newUser(name = `member${++counter}`): Promise<string> {
    const res = await server.api('POST', '/api/v1/users?activate=true', { profile: { login: `${name}@example.com`, email: `${name}@example.com`, firstName: name, lastName: 'Member' } });
    expect(res.status).toBe(200);
    return res.body.id;
  }
  async function newGroup(name = `Group ${++counter}`): Promise<string> {
    const res = await server.api('POST', '/api/v1/groups', { profile: { name } });
    expect(res.status).toBe(200);
    return res.body.id;
  }
  async function newApp(label = `App ${++counter}`): Promise<string> {
    const res = await server.api('POST', '/api/v1/apps', bookmark(label));
    expect(res.status).toBe(200);
    return res.body.id;
  }
  async function appUsers(appId: string): Promise<Record<string, string>> {
    const res = await server.api('GET', `/api/v1/apps/${appId}/users?limit=500`);
    expect(res.status).toBe(200);
    return Object.fromEntries((res.body as Array<{ id: string; scope: string }>).map((u) => [u.id, u.scope]));
  }
  async function eventsFor(targetId: string): Promise<Array<{ eventType: string; target: Array<{ id: string; type: string }> }>> {
    const res = await server.api('GET', `/api/v1/logs?limit=1000&filter=${encodeURIComponent(`target.id eq "${targetId}"`)}`);
    expect(res.status).toBe(200);
    return res.body;
  }
  const join = (groupId: string, userId: string) => server.api('PUT', `/api/v1/groups/${groupId}/users/${userId}`);
  const leave = (groupId: string, userId: string) => server.api('DELETE', `/api/v1/groups/${groupId}/users/${userId}`);

  it("assigns a group in Okta's shape; its members become app users with scope GROUP, logged", async () => {
    const [appId, groupId, a, b] = [await newApp('Wiki'), await newGroup('Wiki readers'), await newUser(), await newUser()];
    expect((await join(groupId, a)).status).toBe(204);
    expect((await join(groupId, b)).status).toBe(204);

    const res = await server.api('PUT', `/api/v1/apps/${appId}/groups/${groupId}`, { priority: 3, profile: { role: 'reader' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: groupId,
      lastUpdated: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      priority: 3,
      profile: { role: 'reader' },
      _links: {
        app: { href: `${server.ctx.config.issuer}/api/v1/apps/${appId}` },
        self: { href: `${server.ctx.config.issuer}/api/v1/apps/${appId}/groups/${groupId}` },
        group: { href: `${server.ctx.config.issuer}/api/v1/groups/${groupId}` },
      },
    });
    expect(await appUsers(appId)).toEqual({ [a]: 'GROUP', [b]: 'GROUP' });
    const appUser = await server.api('GET', `/api/v1/apps/${appId}/users/${a}`);
    expect(appUser.body).toMatchObject({ id: a, scope: 'GROUP', status: 'ACTIVE', profile: { role: 'reader' } });

    const groupEvents = (await eventsFor(groupId)).map((e) => e.eventType);
    expect(groupEvents).toContain('group.application_assignment.add');
    const adds = (await eventsFor(appId)).filter((e) => e.eventType === 'application.user_membership.add');
    expect(adds.map((e) => e.target.find((t) => t.type === 'User')?.id).sort()).toEqual([a, b].sort());

    const read = await server.api('GET', `/api/v1/apps/${appId}/groups/${groupId}?expand=group`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: groupId, priority: 3, _embedded: { group: { id: groupId, profile: { name: 'Wiki readers' } } } });
    const ofGroup = await server.api('GET', `/api/v1/groups/${groupId}/apps`);
    expect(ofGroup.body.map((app: { id: string; label: string }) => [app.id, app.label])).toEqual([[appId, 'Wiki']]);
  });

  it('PUT again replaces priority and profile (group.application_assignment.update); no priority takes the next one', async () => {
    const [appId, g1, g2, g3] = [await newApp(), await newGroup(), await newGroup(), await newGroup()];
    expect((await server.api('PUT', `/api/v1/apps/${appId}/groups/${g1}`)).body.priority).toBe(0);
    expect((await server.api('PUT', `/api/v1/apps/${appId}/groups/${g2}`, {})).body.priority).toBe(1);
    expect((await server.api('PUT', `/api/v1/apps/${appId}/groups/${g3}`, { profile: { x: 1 } })).body).toMatchObject({ priority: 2, profile: { x: 1 } });
    const updated = await server.api('PUT', `/api/v1/apps/${appId}/groups/${g1}`, { priority: 7, profile: { department: 'R&D' } });
    expect(updated.body).toMatchObject({ id: g1, priority: 7, profile: { department: 'R&D' } });
    expect((await eventsFor(g1)).map((e) => e.eventType)).toEqual(expect.arrayContaining(['group.application_assignment.add', 'group.application_assignment.update']));
  });

  it('follows membership: joining later assigns, leaving unassigns, in the transaction of the change', async () => {
    const [appId, groupId, user] = [await newApp(), await newGroup(), await newUser()];
    expect((await server.api('PUT', `/api/v1/apps/${appId}/groups/${groupId}`)).status).toBe(200);
    expect(await appUsers(appId)).toEqual({});

    expect((await join(groupId, user)).status).toBe(204);
    expect(await appUsers(appId)).toEqual({ [user]: 'GROUP' });
    const afterJoin = (await eventsFor(user)).map((e) => e.eventType);
    expect(afterJoin.slice(-2)).toEqual(['group.user_membership.add', 'application.user_membership.add']);

    expect((await leave(groupId, user)).status).toBe(204);
    expect(await appUsers(appId)).toEqual({});
    const afterLeave = (await eventsFor(user)).map((e) => e.eventType);
    expect(afterLeave.slice(-2)).toEqual(['group.user_membership.remove', 'application.user_membership.remove']);
    const join1 = (await eventsFor(user)).find((e) => e.eventType === 'group.user_membership.add') as unknown as { transaction: { id: string } };
    const add1 = (await eventsFor(user)).find((e) => e.eventType === 'application.user_membership.add') as unknown as { transaction: { id: string } };
    expect(add1.transaction.id).toBe(join1.transaction.id);
  });

  it('a user created into a group gets its apps', async () => {
    const [appId, groupId] = [await newApp(), await newGroup()];
    await server.api('PUT', `/api/v1/apps/${appId}/groups/${groupId}`);
    const res = await server.api('POST', '/api/v1/users?activate=true', {
      profile: { login: 'born.member@example.com', email: 'born.member@example.com', firstName: 'Born', lastName: 'Member' }, groupIds: [groupId],
    });
    expect(res.status).toBe(200);
    expect(await appUsers(appId)).toEqual({ [res.body.id]: 'GROUP' });
  });

  it('another assigned group, or an individual assignment, keeps the app when a group goes', async () => {
    const [appId, g1, g2, both, individual, only1] = [await newApp(), await newGroup(), await newGroup(), await newUser(), await newUser(), await newUser()];
    for (const [g, u] of [[g1, both], [g2, both], [g1, individual], [g1, only1]]) expect((await join(g, u)).status).toBe(204);
    await server.api('PUT', `/api/v1/apps/${appId}/groups/${g1}`);
    await server.api('PUT', `/api/v1/apps/${appId}/groups/${g2}`);
    // Assigning individually a user the group already gave the app makes it theirs (scope USER).
    expect((await server.api('POST', `/api/v1/apps/${appId}/users`, { id: individual, scope: 'USER' })).body.scope).toBe('USER');
    expect(await appUsers(appId)).toEqual({ [both]: 'GROUP', [individual]: 'USER', [only1]: 'GROUP' });

    // Okta refuses to unassign a user while a group grants the app.
    const refused = await server.api('DELETE', `/api/v1/apps/${appId}/users/${individual}`);
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe('E0000046');
    expect(refused.body.errorCauses[0].errorSummary).toBe('The application cannot be unassigned from the user while their group memberships grant them access');

    expect((await server.api('DELETE', `/api/v1/apps/${appId}/groups/${g1}`)).status).toBe(204);
    expect(await appUsers(appId)).toEqual({ [both]: 'GROUP', [individual]: 'USER' });
    expect((await server.api('GET', `/api/v1/apps/${appId}/groups/${g1}`)).body.errorCode).toBe('E0000007');
    expect((await eventsFor(g1)).map((e) => e.eventType)).toContain('group.application_assignment.remove');
    expect((await eventsFor(only1)).map((e) => e.eventType).at(-1)).toBe('application.user_membership.remove');

    // Once no group grants it, the individual assignment can go.
    expect((await server.api('DELETE', `/api/v1/apps/${appId}/users/${individual}`)).status).toBe(204);
    expect((await leave(g2, both)).status).toBe(204);
    expect(await appUsers(appId)).toEqual({});
  });

  it('deleting a group takes it off its apps and its members lose them; deleting an app drops its assignments', async () => {
    const [app1, app2, groupId, user] = [await newApp(), await newApp(), await newGroup(), await newUser()];
    await join(groupId, user);
    await server.api('PUT', `/api/v1/apps/${app1}/groups/${groupId}`);
    await server.api('PUT', `/api/v1/apps/${app2}/groups/${groupId}`);
    expect((await server.api('GET', `/api/v1/groups/${groupId}/apps`)).body).toHaveLength(2);
    expect((await server.api('DELETE', `/api/v1/groups/${groupId}`)).status).toBe(204);
    expect(await appUsers(app1)).toEqual({});
    expect((await server.api('GET', `/api/v1/apps/${app2}/groups`)).body).toEqual([]);

    const other = await newGroup();
    await server.api('PUT', `/api/v1/apps/${app1}/groups/${other}`);
    await server.api('POST', `/api/v1/apps/${app1}/lifecycle/deactivate`);
    expect((await server.api('DELETE', `/api/v1/apps/${app1}`)).status).toBe(204);
    expect((await server.api('GET', `/api/v1/groups/${other}/apps`)).body).toEqual([]);
  });

  it('refuses bad input with Okta errors and changes nothing', async () => {
    const [appId, groupId, user] = [await newApp(), await newGroup(), await newUser()];
    await join(groupId, user);
    const cases: Array<[string, unknown, number, string]> = [
      [`/api/v1/apps/0oanothere/groups/${groupId}`, {}, 404, 'E0000007'],
      [`/api/v1/apps/${appId}/groups/00gnothere`, {}, 404, 'E0000007'],
      [`/api/v1/apps/${appId}/groups/${groupId}`, { priority: -1 }, 400, 'E0000001'],
      [`/api/v1/apps/${appId}/groups/${groupId}`, { priority: 'high' }, 400, 'E0000001'],
      [`/api/v1/apps/${appId}/groups/${groupId}`, { profile: 'x' }, 400, 'E0000001'],
    ];
    for (const [path, body, status, code] of cases) {
      const res = await server.api('PUT', path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.errorCode).toBe(code);
    }
    const everyone = (await server.api('GET', '/api/v1/groups?q=Everyone')).body[0].id;
    const builtIn = await server.api('PUT', `/api/v1/apps/${appId}/groups/${everyone}`);
    expect(builtIn.status).toBe(400);
    expect(builtIn.body.errorCauses[0].errorSummary).toContain('Everyone');
    expect((await server.api('GET', `/api/v1/apps/${appId}/groups`)).body).toEqual([]);
    expect(await appUsers(appId)).toEqual({});
    expect((await server.api('DELETE', `/api/v1/apps/${appId}/groups/${groupId}`)).body.errorCode).toBe('E0000007');
    expect((await server.api('GET', '/api/v1/groups/00gnothere/apps')).status).toBe(404);
  });

  it('lists with q and pages with Link rel="next"', async () => {
    const appId = await newApp();
    const groups = [];
    for (const n of [1, 2, 3]) groups.push(await newGroup(`Paged assignment ${n}`));
    groups.push(await newGroup('Unrelated'));
    for (const g of groups) expect((await server.api('PUT', `/api/v1/apps/${appId}/groups/${g}`)).status).toBe(200);
    const seen: string[] = [];
    let next: string | undefined = `/api/v1/apps/${appId}/groups?q=paged&limit=2&expand=group`;
    while (next) {
      const res = await server.api('GET', next);
      expect(res.status).toBe(200);
      seen.push(...res.body.map((a: { _embedded: { group: { profile: { name: string } } } }) => a._embedded.group.profile.name));
      const m = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '');
      next = m ? new URL(m[1]).pathname + new URL(m[1]).search : undefined;
    }
    // In the order they were made, also when several fall in one millisecond (the next priority breaks the tie).
    expect(seen).toEqual(['Paged assignment 1', 'Paged assignment 2', 'Paged assignment 3']);
    expect((await server.api('GET', `/api/v1/apps/${appId}/groups`)).body).toHaveLength(4);
  });

  it('works through the official Okta SDK', async () => {
    const app = await client.applicationApi.createApplication({ application: { label: 'SDK app', signOnMode: 'BOOKMARK', name: 'bookmark', settings: { app: { url: 'https://example.com/' } } } as never });
    const group = await client.groupApi.createGroup({ group: { profile: { name: 'SDK app group' } } });
    const user = await newUser('sdk.member');
    await client.groupApi.assignUserToGroup({ groupId: group.id!, userId: user });

    const assigned = await client.applicationApi.assignGroupToApplication({ appId: app.id!, groupId: group.id!, applicationGroupAssignment: { priority: 0 } });
    expect(assigned).toMatchObject({ id: group.id, priority: 0 });
    const listed = await all(await client.applicationApi.listApplicationGroupAssignments({ appId: app.id!, limit: 1 }));
    expect(listed.map((a) => a.id)).toEqual([group.id]);
    const read = await client.applicationApi.getApplicationGroupAssignment({ appId: app.id!, groupId: group.id! });
    expect(read.id).toBe(group.id);
    const appUser = await client.applicationApi.getApplicationUser({ appId: app.id!, userId: user });
    expect(appUser.scope).toBe('GROUP');
    const apps = await all(await client.groupApi.listAssignedApplicationsForGroup({ groupId: group.id! }));
    expect(apps.map((a) => a.id)).toEqual([app.id]);

    await client.applicationApi.unassignApplicationFromGroup({ appId: app.id!, groupId: group.id! });
    const gone = await sdkError(client.applicationApi.getApplicationUser({ appId: app.id!, userId: user }));
    expect(gone.status).toBe(404);
    const missing = await sdkError(client.applicationApi.getApplicationGroupAssignment({ appId: app.id!, groupId: group.id! }));
    expect(missing.errorCode).toBe('E0000007');
  });
});
