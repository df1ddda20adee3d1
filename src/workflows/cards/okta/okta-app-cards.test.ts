import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestServer } from '../../../../test/helpers/server.js';
import type { EngineServices } from '../../engine/index.js';
import { field } from '../../engine/flow-test-kit.js';
import type { Card } from '../../model/flow.schema.js';
import { cardOutputs, makeApp, makeGroup, makeUser, oktaCard, runCards, startOktaServer, streamTo, type Values } from './okta-test-kit.js';

/*
 * The Okta connector's application cards, each in a small flow run by the engine against a real server (the
 * card calls the server's own /api/v1 as the Okta Workflows connection); the change is checked through the
 * API over HTTP, as an admin, and the card's outputs against what the API answers.
 */

let server: TestServer;
let services: EngineServices;
beforeAll(async () => {
  ({ server, services } = await startOktaServer());
});
afterAll(async () => {
  await server?.close();
});

const run = (okta: Card) => runCards(services, [okta]);
const outputsOf = (okta: Card) => cardOutputs(services, okta);
const newUser = () => makeUser(server, { prefix: 'app-card', firstName: 'Ada', lastName: 'Apps' });
let groupCount = 0;
const newGroup = () => makeGroup(server, { name: `App card group ${++groupCount}` });
const newApp = (label: string) => makeApp(server, { label, signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com/' } } });

async function scopes(appId: string): Promise<Record<string, string>> {
  const res = await server.api('GET', `/api/v1/apps/${appId}/users`);
  return Object.fromEntries((res.body as Array<{ id: string; scope: string }>).map((u) => [u.id, u.scope]));
}

describe('Okta connector application cards against this org', () => {
  test('Search Applications: first match on the Result fields, the first 200 as Applications, or streamed', async () => {
    const stamp = Date.now();
    const first = await newApp(`Searchable ${stamp} A`);
    const second = await newApp(`Searchable ${stamp} B`);
    await newApp(`Elsewhere ${stamp}`);
    const one = await outputsOf(oktaCard('okta:searchApplications', { 'Search.Query': `searchable ${stamp}` }));
    expect(one).toMatchObject({ 'Result.ID': first.id, 'Result.Name': 'bookmark', 'Result.Label': `Searchable ${stamp} A`, 'Result.Status': 'ACTIVE', 'Result.Sign On Mode': 'BOOKMARK' });

    const list = await outputsOf(oktaCard('okta:searchApplications', { 'parameters.resultSet': 'First 200 Matching Records', 'Search.Query': `Searchable ${stamp}` }));
    expect((list['Result.Applications'] as Values[]).map((a) => [a.ID, a.Label])).toEqual([[first.id, `Searchable ${stamp} A`], [second.id, `Searchable ${stamp} B`]]);
    expect((list['Result.Applications'] as Values[])[0]).toMatchObject({ Features: [], Settings: { app: { url: 'https://example.com/' } } });

    const streamed = await run(streamTo(oktaCard('okta:searchApplications', { 'parameters.resultSet': 'Stream Matching Records', 'Search.Query': `Searchable ${stamp}` })));
    expect(streamed.cards[1].outputs).toMatchObject({ 'Result.Records Streamed': 2 });
    expect((streamed.cards[1].nested ?? []).map((n) => (n.cards[0].outputs?.Record as Values).ID)).toEqual([first.id, second.id]);

    const none = await outputsOf(oktaCard('okta:searchApplications', { 'Search.Query': `nothing-${stamp}` }));
    expect(none['Result.ID']).toBeNull();
  });

  test('Read Application: by the Application ID input, or by an id in the Application parameter (older exports)', async () => {
    const app = await newApp('Readable');
    const read = await outputsOf(oktaCard('okta:readApplication', { 'Application.applicationID': app.id }));
    expect(read).toMatchObject({ 'Application.ID': app.id, 'Application.Name': 'bookmark', 'Application.Label': 'Readable', 'Application.Status': 'ACTIVE', 'Application.Created': app.created });
    const byParameter = await outputsOf(oktaCard('okta:readApplication', { 'parameters.application': app.id }));
    expect(byParameter['Application.Label']).toBe('Readable');

    const missing = await run(oktaCard('okta:readApplication', {}));
    expect(missing.status).toBe('failed');
    expect(missing.error?.message).toContain("input 'Application ID' is required");
    const unknown = await run(oktaCard('okta:readApplication', { 'Application.applicationID': '0oanothere' }));
    expect(unknown.error?.message).toContain('404 Not Found: Not found: Resource not found: 0oanothere (AppInstance)');
  });

  test('Assign Group to Application: the assignment on the Group fields; the members become app users', async () => {
    const app = await newApp('Group assigned');
    const groupId = await newGroup();
    const user = await newUser();
    await server.api('PUT', `/api/v1/groups/${groupId}/users/${user.id}`);
    const outputs = await outputsOf(oktaCard('okta:assignGroupToApplication', { 'Group.groupID': groupId, 'Application.applicationID': app.id }));
    const assignment = (await server.api('GET', `/api/v1/apps/${app.id as string}/groups/${groupId}`)).body;
    expect(outputs).toEqual({
      'Group.ID': groupId, 'Group.Last Updated': assignment.lastUpdated, 'Group.Priority': 0, 'Group.Links': assignment._links, 'Group.Profile': {},
    });
    expect(await scopes(app.id as string)).toEqual({ [user.id]: 'GROUP' });

    const unknown = await run(oktaCard('okta:assignGroupToApplication', { 'Group.groupID': '00gnothere', 'Application.applicationID': app.id }));
    expect(unknown.error?.message).toContain('404 Not Found: Not found: Resource not found: 00gnothere (Group)');
  });

  test('List Groups Assigned to Application: the first 200 as Groups, or streamed', async () => {
    const app = await newApp('Two groups');
    const [g1, g2] = [await newGroup(), await newGroup()];
    await server.api('PUT', `/api/v1/apps/${app.id as string}/groups/${g1}`, { profile: { tier: 'gold' } });
    await server.api('PUT', `/api/v1/apps/${app.id as string}/groups/${g2}`);
    const outputs = await outputsOf(oktaCard('okta:listGroupsAssignedToApplication', { 'Application.applicationID': app.id }));
    expect(outputs['Result.Groups']).toEqual([
      { ID: g1, 'Last Updated': expect.any(String), Priority: 0, Links: expect.objectContaining({ group: { href: expect.stringContaining(g1) } }), Profile: { tier: 'gold' } },
      { ID: g2, 'Last Updated': expect.any(String), Priority: 1, Links: expect.any(Object), Profile: {} },
    ]);
    const streamed = await run(streamTo(oktaCard('okta:listGroupsAssignedToApplication', { 'Application.applicationID': app.id, 'parameters.resultSet': 'Stream Records' })));
    expect(streamed.cards[1].outputs).toMatchObject({ 'Result.Records Streamed': 2 });
    expect((streamed.cards[1].nested ?? []).map((n) => (n.cards[0].outputs?.Record as Values).ID)).toEqual([g1, g2]);
  });

  test('List Users Assigned to Application: individual and group assignments, first 500 or streamed (User ID, Scope)', async () => {
    const app = await newApp('Mixed users');
    const groupId = await newGroup();
    const [direct, viaGroup] = [await newUser(), await newUser()];
    await server.api('POST', `/api/v1/apps/${app.id as string}/users`, { id: direct.id, scope: 'USER', profile: { role: 'editor' } });
    await server.api('PUT', `/api/v1/groups/${groupId}/users/${viaGroup.id}`);
    await server.api('PUT', `/api/v1/apps/${app.id as string}/groups/${groupId}`);

    const outputs = await outputsOf(oktaCard('okta:listUsersAssignedToApplication', { 'Application.applicationID': app.id }));
    const users = outputs['Result.Users'] as Array<{ 'Profile Properties': Values; 'System Properties': Values }>;
    const byId = Object.fromEntries(users.map((u) => [u['System Properties']['User ID'], u]));
    expect(Object.keys(byId).sort()).toEqual([direct.id, viaGroup.id].sort());
    expect(byId[direct.id]).toEqual({
      'Profile Properties': { role: 'editor' },
      'System Properties': expect.objectContaining({ Scope: 'USER', Status: 'ACTIVE', 'Sync State': 'DISABLED', Credentials: { Username: direct.login, Password: false } }),
    });
    expect(byId[viaGroup.id]['System Properties'].Scope).toBe('GROUP');

    const limited = await outputsOf(oktaCard('okta:listUsersAssignedToApplication', { 'Application.applicationID': app.id, 'List Criteria.Limit': 1 }));
    expect(limited['Result.Users']).toHaveLength(1);

    // As Okta's "identify inactive third-party app users" template streams them, with its app id in the parameter.
    const streamed = await run(streamTo(oktaCard('okta:listUsersAssignedToApplication', {
      'parameters.resultSet': 'Stream Records', 'parameters.application': app.id, 'List Criteria.Limit': 10000000,
    })));
    expect(streamed.error?.message ?? null).toBeNull();
    expect(streamed.cards[1].outputs).toMatchObject({ 'Result.Records Streamed': 2 });
    const records = (streamed.cards[1].nested ?? []).map((n) => n.cards[0].outputs?.Record as { 'System Properties': Values });
    expect(records.map((r) => [r['System Properties']['User ID'], r['System Properties'].Scope]).sort()).toEqual([[direct.id, 'USER'], [viaGroup.id, 'GROUP']].sort());
  });

  test('Get Assigned User for Application: System Properties by Okta name, app profile attributes by key', async () => {
    const app = await newApp('Directory');
    const user = await newUser();
    await server.api('POST', `/api/v1/apps/${app.id as string}/users`, { id: user.id, credentials: { userName: 'ada.dn' }, profile: { samAccountName: 'ada' } });
    const outputs = await outputsOf(oktaCard('okta:getAssignedUserForApplication', { 'User.id': user.id, 'parameters.application': app.id }, {
      outputs: [field('sam', 'samAccountName', 'string', { group: 'Profile Properties' }), field('dn', 'dn', 'string', { group: 'Profile Properties' })],
    }));
    const appUser = (await server.api('GET', `/api/v1/apps/${app.id as string}/users/${user.id}`)).body;
    expect(outputs).toEqual({
      'System Properties.User ID': user.id,
      'System Properties.External ID': null,
      'System Properties.Created': appUser.created,
      'System Properties.Last Updated': appUser.lastUpdated,
      'System Properties.Scope': 'USER',
      'System Properties.Status': 'ACTIVE',
      'System Properties.Status Changed': appUser.statusChanged,
      'System Properties.Password Changed': null,
      'System Properties.Sync State': 'DISABLED',
      'System Properties.Last Sync': null,
      'System Properties.Credentials': { Username: 'ada.dn', Password: false },
      'Profile Properties.samAccountName': 'ada',
      'Profile Properties.dn': null,
    });
    const notAssigned = await run(oktaCard('okta:getAssignedUserForApplication', { 'User.id': (await newUser()).id, 'Application.applicationID': app.id }));
    expect(notAssigned.status).toBe('failed');
    expect(notAssigned.error?.message).toContain('404 Not Found');
  });

  test('Assign User to Application for SSO: the user, scope and app username; outputs the app user', async () => {
    const app = await newApp('SSO target');
    const user = await newUser();
    const outputs = await outputsOf(oktaCard('okta:assignUserToApplicationForSSO', {
      'User.id': user.id, 'Credentials.Username': 'ada.sso', 'Credentials.Password': 'App-Secret-123', 'parameters.application': app.id,
    }));
    expect(outputs).toMatchObject({ 'System Properties.User ID': user.id, 'System Properties.Scope': 'USER', 'System Properties.Status': 'ACTIVE' });
    expect((outputs['System Properties.Credentials'] as Values).Username).toBe('ada.sso');
    const appUser = (await server.api('GET', `/api/v1/apps/${app.id as string}/users/${user.id}`)).body;
    expect(appUser).toMatchObject({ scope: 'USER', credentials: { userName: 'ada.sso' } });
    const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "application.user_membership.add" and target.id eq "${user.id}"`)}`);
    expect(logs.body.map((e: { actor: { displayName: string } }) => e.actor.displayName)).toEqual(['Okta Workflows OAuth']);

    const unknown = await run(oktaCard('okta:assignUserToApplicationForSSO', { 'User.id': '00unothere', 'Application.applicationID': app.id }));
    expect(unknown.error?.message).toContain('404 Not Found: Not found: Resource not found: 00unothere (User)');
  });

  test('Remove User from Application: Status 204; a user a group grants the app fails with Okta\'s E0000046', async () => {
    const app = await newApp('Removable');
    const [direct, viaGroup] = [await newUser(), await newUser()];
    const groupId = await newGroup();
    await server.api('POST', `/api/v1/apps/${app.id as string}/users`, { id: direct.id });
    await server.api('PUT', `/api/v1/groups/${groupId}/users/${viaGroup.id}`);
    await server.api('PUT', `/api/v1/apps/${app.id as string}/groups/${groupId}`);

    const outputs = await outputsOf(oktaCard('okta:removeUserFromApplication', { 'User.id': direct.id, 'Application.applicationID': app.id }));
    expect(outputs).toEqual({ 'Result.status': 204 });
    expect(await scopes(app.id as string)).toEqual({ [viaGroup.id]: 'GROUP' });

    // An older export (1.0.289) names the app in its parameter and carries Send Email?.
    const refused = await run(oktaCard('okta:removeUserFromApplication', { 'User.id': viaGroup.id, 'parameters.application': app.id }, {
      inputs: [field('send', 'Send Email?', 'boolean', { group: 'User', value: false })],
    }));
    expect(refused.status).toBe('failed');
    expect(refused.error?.message).toContain('403 Forbidden: Deactivate application for user forbidden.: The application cannot be unassigned from the user while their group memberships grant them access');
    expect(await scopes(app.id as string)).toEqual({ [viaGroup.id]: 'GROUP' });
  });
});
