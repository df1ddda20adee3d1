import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestServer } from '../../../../test/helpers/server.js';
import { findSession, startSession } from '../../../identity/sessions/sessions.service.js';
import { clientOf, SYSTEM_ACTOR } from '../../../events/log-event.js';
import type { EngineServices } from '../../engine/index.js';
import { field } from '../../engine/flow-test-kit.js';
import type { Card } from '../../model/flow.schema.js';
import { oktaApi } from '../../runtime/okta-service.js';
import { cardOutputs, logEventsFor, makeGroup, makeUser, oktaCard, runCards, startOktaServer, streamTo, type Values } from './okta-test-kit.js';

/*
 * Each Okta connector card in a small flow run by the engine against a real server: the card calls
 * the server's own /api/v1 in process as the Okta Workflows connection; the test checks the change
 * through the API (over HTTP, as an admin) and the card's outputs.
 */

let server: TestServer;
let services: EngineServices;
beforeAll(async () => {
  ({ server, services } = await startOktaServer());
});
afterAll(async () => {
  await server?.close();
});

const run = (okta: Card, serviceOverrides: Partial<EngineServices> = {}) => runCards({ ...services, ...serviceOverrides }, [okta]);
const outputsOf = (okta: Card) => cardOutputs(services, okta);
const newUser = (profile: Values = {}, activate = true) =>
  makeUser(server, { prefix: 'okta-card', firstName: 'Grace', lastName: 'Hopper', profile, password: 'Cobol-Compiler-1959!', activate });
let groupCount = 0;
const newGroup = (name = `Card group ${++groupCount}`) => makeGroup(server, { name, description: 'made by a test' });
const logEvents = (eventType: string, targetId: string) => logEventsFor(server, eventType, targetId);

async function memberIds(groupId: string): Promise<string[]> {
  const res = await server.api('GET', `/api/v1/groups/${groupId}/users`);
  return (res.body as Array<{ id: string }>).map((user) => user.id);
}

describe('the Okta connector service', () => {
  test('is there only where a server registered its app (the CLI has none)', () => {
    expect(oktaApi({ ...server.ctx })).toBeUndefined();
    expect(oktaApi(server.ctx)).toBeTypeOf('function');
  });

  test('a card fails clearly when the flow runs without the connector', async () => {
    const result = await run(oktaCard('okta:readUser', { 'User.ID or Login': 'anyone' }), { okta: undefined });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('the Okta connector has no connection here');
  });

  test('honours the abort signal', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cut off by the test'));
    await expect(services.okta!({ method: 'GET', path: '/api/v1/users' }, controller.signal)).rejects.toThrow('cut off by the test');
  });

  test('refuses anything but a path of this org', async () => {
    await expect(services.okta!({ method: 'GET', path: '//evil.example/api/v1/users' }, new AbortController().signal)).rejects.toThrow('not a relative URL');
    await expect(services.okta!({ method: 'GET', path: 'http://evil.example/' }, new AbortController().signal)).rejects.toThrow('not a relative URL');
  });

  test("the connector's credential never works over the network, and a card's own Authorization header is not used", async () => {
    // Over HTTP, a made-up bearer is refused like any bad token.
    const res = await fetch(`${server.url}/api/v1/users`, { headers: { authorization: 'Bearer made-up' } });
    expect(res.status).toBe(401);
    const answer = await services.okta!({ method: 'GET', path: '/api/v1/users?limit=1', headers: { Authorization: 'SSWS wrong' } }, new AbortController().signal);
    expect(answer.statusCode).toBe(200);
  });
});

describe('Okta connector cards against this org', () => {
  test('Read User: system properties by Okta name, profile attributes (base and custom) by key', async () => {
    const schema = await server.api('POST', '/api/v1/meta/schemas/user/default', {
      definitions: { custom: { id: '#custom', type: 'object', properties: { badgeNumber: { title: 'Badge number', type: 'string' } } } },
    });
    expect(schema.status).toBe(200);
    const user = await newUser({ title: 'Rear Admiral', badgeNumber: 'B-42', costCenter: 'CC-42' });
    const outputs = await outputsOf(oktaCard('okta:readUser', { 'User.ID or Login': user.login }, {
      outputs: [
        field('custom', 'badgeNumber', 'string', { group: 'Profile Properties', label: 'Badge number' }),
        field('base', 'costCenter', 'string', { group: 'Profile Properties', label: 'Cost center' }),
      ],
    }));
    expect(outputs).toMatchObject({
      'System Properties.ID': user.id,
      'System Properties.Status': 'ACTIVE',
      'System Properties.Created': expect.any(String),
      'System Properties.Credentials': { Password: true, 'Recovery Question': null, Provider: { Name: 'OKTA', Type: 'OKTA' } },
      'Profile Properties.login': user.login,
      'Profile Properties.firstName': 'Grace',
      'Profile Properties.title': 'Rear Admiral',
      'Profile Properties.badgeNumber': 'B-42',
      'Profile Properties.costCenter': 'CC-42',
      'Profile Properties.middleName': null,
    });
  });

  test("Read User: an unknown user fails the card with Okta's error summary and status", async () => {
    const result = await run(oktaCard('okta:readUser', { 'User.ID or Login': 'nobody@example.com' }));
    expect(result.status).toBe('failed');
    expect(result.error?.message).toContain('404 Not Found: Not found: Resource not found: nobody@example.com (User)');
    expect(result.cards[1].status).toBe('failed');
  });

  test('Custom API Action: method, relative URL, query, headers and body; the answer as Status Code, Headers, Body', async () => {
    const login = `custom-api-${Date.now()}@example.com`;
    const created = await outputsOf(oktaCard('okta:hTTPRequest', {
      'parameters.requestType': 'POST',
      'Request.Relative URL': '/api/v1/users',
      'Request.Query': { activate: 'false' },
      'Request.Headers': { 'X-Test': 'yes' },
      'Request.Body': { profile: { login, email: login, firstName: 'Ada', lastName: 'Lovelace' } },
    }));
    expect(created['Response.Status Code']).toBe(200);
    expect(created['Response.Body']).toMatchObject({ status: 'STAGED', profile: { login } });
    expect((created['Response.Headers'] as Values)['content-type']).toContain('application/json');
    const read = await server.api('GET', `/api/v1/users/${encodeURIComponent(login)}`);
    expect(read.body.status).toBe('STAGED');
    // The System Log names the Okta Workflows connection as the actor.
    const events = await logEvents('user.lifecycle.create', read.body.id as string);
    expect(events.map((event) => [event.actor.type, event.actor.displayName])).toEqual([['PublicClientApp', 'Okta Workflows OAuth']]);

    const listed = await outputsOf(oktaCard('okta:hTTPRequest', { 'Request.Relative URL': `/api/v1/users?search=${encodeURIComponent(`profile.login eq "${login}"`)}` }));
    expect((listed['Response.Body'] as Values[]).map((user) => user.id)).toEqual([read.body.id]);

    const failed = await run(oktaCard('okta:hTTPRequest', { 'Request.Relative URL': '/api/v1/groups/00gnothere' }));
    expect(failed.status).toBe('failed');
    expect(failed.error?.message).toContain('404 Not Found: Not found: Resource not found: 00gnothere (Group)');
  });

  test('Create User: profile, password and activation; outputs the new user', async () => {
    const login = `created-${Date.now()}@example.com`;
    const outputs = await outputsOf(oktaCard('okta:createUser', {
      'parameters.option': 'getInputswithPW',
      'Profile.login': login,
      'Profile.email': login,
      'Profile.firstName': 'Katherine',
      'Profile.lastName': 'Johnson',
      'Credentials.Password': 'Orbit-Trajectory-1962!',
      'Activate.Activate': true,
    }));
    expect(outputs).toMatchObject({ 'Results.Status': 'ACTIVE', 'Results.Activated': true, 'Results.Credentials': { Password: true } });
    const user = await server.api('GET', `/api/v1/users/${outputs['Results.ID'] as string}`);
    expect(user.body.profile).toMatchObject({ login, firstName: 'Katherine' });
    expect(user.body.status).toBe('ACTIVE');

    const duplicate = await run(oktaCard('okta:createUser', { 'Profile.login': login, 'Profile.email': login, 'Profile.firstName': 'K', 'Profile.lastName': 'J' }));
    expect(duplicate.status).toBe('failed');
    expect(duplicate.error?.message).toContain('400 Bad Request: Api validation failed: login');
  });

  test('Update User: POST changes only the given attributes; PUT replaces the profile', async () => {
    const user = await newUser({ title: 'Engineer', department: 'R&D' });
    const outputs = await outputsOf(oktaCard('okta:updateUser', { 'User.ID': user.id, 'Profile.title': 'Director' }));
    expect(outputs['System Properties.ID']).toBe(user.id);
    const after = await server.api('GET', `/api/v1/users/${user.id}`);
    expect(after.body.profile).toMatchObject({ title: 'Director', department: 'R&D', firstName: 'Grace' });

    await outputsOf(oktaCard('okta:updateUser', {
      'parameters.updateSemantics': 'PUT',
      'User.ID': user.id,
      'Profile.login': user.login,
      'Profile.email': user.login,
      'Profile.firstName': 'Grace',
      'Profile.lastName': 'Hopper',
    }));
    const replaced = await server.api('GET', `/api/v1/users/${user.id}`);
    expect(replaced.body.profile.title ?? null).toBeNull();
    expect(replaced.body.profile.lastName).toBe('Hopper');
  });

  test('Add User to Group and Remove User from Group: membership changes, Status 204', async () => {
    const user = await newUser();
    const groupId = await newGroup();
    const added = await outputsOf(oktaCard('okta:addNewUserToGroup', { 'User.id': user.id, 'Group.id': groupId }));
    expect(added['Result.status']).toBe(204);
    expect(await memberIds(groupId)).toEqual([user.id]);
    const events = await logEvents('group.user_membership.add', groupId);
    expect(events[0]?.actor.displayName).toBe('Okta Workflows OAuth');

    const removed = await outputsOf(oktaCard('okta:removeUserFromGroup', { 'User.id': user.id, 'Group.id': groupId }));
    expect(removed['Result.status']).toBe(204);
    expect(await memberIds(groupId)).toEqual([]);
  });

  test("Get User's Groups and List Group Members", async () => {
    const user = await newUser();
    const groupId = await newGroup('Pilots of the card test');
    await server.api('PUT', `/api/v1/groups/${groupId}/users/${user.id}`);
    const groups = await outputsOf(oktaCard('okta:getUsersGroups', { 'User.ID': user.id }));
    const list = groups['Output.Groups'] as Values[];
    expect(list.map((group) => group.Name).sort()).toEqual(['Everyone', 'Pilots of the card test']);
    expect(list.find((group) => group.ID === groupId)).toMatchObject({ Type: 'OKTA_GROUP', Profile: { Name: 'Pilots of the card test', Description: 'made by a test' } });

    const members = await outputsOf(oktaCard('okta:listGroupMembers', { 'Group.groupId': groupId }));
    expect(members['Result.Users']).toEqual([expect.objectContaining({ ID: user.id, Login: user.login, 'First Name': 'Grace', Status: 'ACTIVE' })]);
  });

  test('Stream Records hands each record to the helper flow as Record, with the Streaming inputs as State', async () => {
    const user = await newUser();
    const groupId = await newGroup();
    await server.api('PUT', `/api/v1/groups/${groupId}/users/${user.id}`);
    const okta = oktaCard('okta:listGroupMembers', { 'parameters.resultSet': 'Stream Records', 'Group.groupId': groupId }, {
      inputs: [field('state', 'batch', 'string', { group: 'Streaming', value: 'b-1' })],
    });
    const result = await run(streamTo(okta));
    expect(result.error?.message ?? null).toBeNull();
    expect(result.cards[1].outputs).toMatchObject({ 'Result.Records Streamed': 1 });
    const nested = result.cards[1].nested ?? [];
    expect(nested).toHaveLength(1);
    expect(nested[0].cards[0].outputs).toEqual({
      Record: expect.objectContaining({ ID: user.id, Login: user.login, 'Raw Output': expect.objectContaining({ id: user.id }) }),
      State: { batch: 'b-1' },
    });
  });

  test('List Users with Search: attribute criteria and Custom Search Criteria; first 200 as Users', async () => {
    const department = `Dept${Date.now()}`;
    const a = await newUser({ department });
    const b = await newUser({ department });
    await newUser({ department }, false);
    const outputs = await outputsOf(oktaCard('okta:listUsersWithSearch', {
      'Inputs.status': 'ACTIVE',
      'Inputs.Custom Search Criteria': `profile.department eq "${department}"`,
    }));
    expect((outputs['Result.Users'] as Values[]).map((user) => user.ID).sort()).toEqual([a.id, b.id].sort());
  });

  test('List Users with Filter and Search Users: first matching record', async () => {
    const user = await newUser({ firstName: `Zelda${Date.now()}` });
    const filtered = await outputsOf(oktaCard('okta:listUsersWithFilter', { 'Inputs.id': user.id }));
    expect(filtered['Result.Raw Output']).toMatchObject({ id: user.id });
    const searched = await outputsOf(oktaCard('okta:searchUsers', { 'Inputs.Query': user.login }));
    expect(searched).toMatchObject({ 'Result.ID': user.id, 'Result.Login': user.login, 'Result.Email': user.login, 'Result.Status': 'ACTIVE' });
    const none = await outputsOf(oktaCard('okta:searchUsers', { 'Inputs.Query': 'no-such-person-anywhere' }));
    expect(none['Result.ID']).toBeNull();
  });

  test('Search Groups by name and Read Group', async () => {
    const name = `Search me ${Date.now()}`;
    const groupId = await newGroup(name);
    const found = await outputsOf(oktaCard('okta:searchGroups', { 'Inputs.profile.name': name }));
    expect(found).toMatchObject({ 'Result.ID': groupId, 'Result.Profile': { Name: name, Description: 'made by a test' } });
    const byQuery = await outputsOf(oktaCard('okta:searchGroups', { 'parameters.resultSet': 'All Matching Records', 'Inputs.Query': 'Search me' }));
    expect((byQuery['Result.Groups'] as Values[]).map((group) => group.ID)).toContain(groupId);
    const read = await outputsOf(oktaCard('okta:readGroup', { 'Group.ID': groupId }));
    expect(read).toMatchObject({ 'Properties.ID': groupId, 'Properties.Profile': { Name: name } });
  });

  test('Create Group and Update Group', async () => {
    const name = `Created by card ${Date.now()}`;
    const created = await outputsOf(oktaCard('okta:createGroup', { 'Group.Name': name, 'Group.Description': 'first' }));
    const groupId = created['Properties.ID'] as string;
    expect(created).toMatchObject({ 'Properties.Type': 'OKTA_GROUP', 'Properties.Profile': { Name: name, Description: 'first' } });
    await outputsOf(oktaCard('okta:updateGroup', { 'Group.ID': groupId, 'Group.Description': 'second' }));
    const group = await server.api('GET', `/api/v1/groups/${groupId}`);
    expect(group.body.profile).toEqual({ name, description: 'second' });
  });

  test('Suspend, Deactivate, Activate and Delete User', async () => {
    const user = await newUser();
    expect((await outputsOf(oktaCard('okta:suspendUser', { 'User.id': user.login })))['Response.statusCode']).toBe(200);
    expect((await server.api('GET', `/api/v1/users/${user.id}`)).body.status).toBe('SUSPENDED');
    const again = await run(oktaCard('okta:suspendUser', { 'User.id': user.id }));
    expect(again.status).toBe('failed');
    expect(again.error?.message).toContain("403 Forbidden: This operation is not allowed in the user's current status.");

    await outputsOf(oktaCard('okta:deactivateUser', { 'User.id': user.id }));
    expect((await server.api('GET', `/api/v1/users/${user.id}`)).body.status).toBe('DEPROVISIONED');
    await outputsOf(oktaCard('okta:activateUser', { 'parameters.sendEmail': 'No', 'User.id': user.id }));
    expect((await server.api('GET', `/api/v1/users/${user.id}`)).body.status).toBe('ACTIVE');

    const deleted = await outputsOf(oktaCard('okta:deleteUser', { 'User.ID': user.id }));
    expect(deleted['Output.Status Code']).toBe(204);
    expect((await server.api('GET', `/api/v1/users/${user.id}`)).status).toBe(404);
  });

  test("Clear User Sessions ends the user's sessions (user.session.clear, by the connection)", async () => {
    const user = await newUser();
    const audit = { actor: SYSTEM_ACTOR, client: clientOf(null, null), transactionId: 'test' };
    const { token } = await startSession(server.ctx, server.ctx.db, audit, { id: user.id, login: user.login, first_name: 'Grace', last_name: 'Hopper' });
    expect(await findSession(server.ctx, token)).toBeDefined();
    const outputs = await outputsOf(oktaCard('okta:clearUserSessions', { 'User.ID': user.id, 'User.Revoke oauthTokens?': true }));
    expect(outputs['Output.Status Code']).toBe(204);
    expect(await findSession(server.ctx, token)).toBeUndefined();
    const events = await logEvents('user.session.clear', user.id);
    expect(events.map((event) => event.actor.displayName)).toEqual(['Okta Workflows OAuth']);
  });

  test('Search System Logs: the first event matching an expression', async () => {
    const user = await newUser();
    await server.api('POST', `/api/v1/users/${user.id}/lifecycle/suspend`);
    const outputs = await outputsOf(oktaCard('okta:searchSystemLogs', {
      'Search By.Custom Filter': `eventType eq "user.lifecycle.suspend" and target.id eq "${user.id}"`,
    }));
    expect(outputs).toMatchObject({ 'Result.Event Type': 'user.lifecycle.suspend', 'Result.Actor': { Type: 'User' } });
    expect((outputs['Result.Target'] as Values[]).map((target) => target.id)).toContain(user.id);
  });
});
