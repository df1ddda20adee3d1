import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/helpers/server.js';
import { findSession, startSession } from '../../../identity/sessions/sessions.service.js';
import { clientOf, SYSTEM_ACTOR } from '../../../events/log-event.js';
import { readTemplate } from '../../../../test/helpers/templates.js';
import { runStoredFlow } from '../../runtime/run-stored-flow.js';
import { workflowRuntime } from '../../runtime/workflow-runtime.js';

/*
 * Okta's own templates built on the Okta connector, imported as they are (only the values Okta's
 * readme tells the admin to fill in are set) and run by the server against its real users.
 */

type Json = Record<string, any>;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** Sets the literal value of a card's input, as the admin does in Okta's editor after import. */
function setInput(pack: Json, cardName: string, group: string | null, key: string, value: unknown): void {
  let found = 0;
  for (const flo of Object.values(pack.data.flos as Json)) {
    for (const method of flo.data.methods as Json[]) {
      if (method.node.data.name !== cardName) continue;
      for (const input of Object.values(method.node.model.inputs.data as Json)) {
        if ((input.group ?? null) === group && input.key === key) {
          input.value.data = value;
          found += 1;
        }
      }
    }
  }
  expect(found, `${cardName} ${group}.${key}`).toBe(1);
}

async function importPack(pack: Json): Promise<Json[]> {
  const res = await server.api('POST', '/api/workflows/v1/import?activate=true', pack);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.flows as Json[];
}

async function newUser(login: string): Promise<string> {
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { login, email: login, firstName: 'Quinn', lastName: 'Tester' },
    credentials: { password: { value: 'Template-Runner-2026!' } },
  });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

async function newGroup(name: string): Promise<string> {
  const res = await server.api('POST', '/api/v1/groups', { profile: { name } });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

async function groupNamesOf(userId: string): Promise<string[]> {
  const res = await server.api('GET', `/api/v1/users/${userId}/groups`);
  return (res.body as Json[]).map((group) => group.profile.name as string).sort();
}

describe("Okta's Okta-connector templates run against this org", () => {
  test('quarantine_an_okta_user_by_sending_a_webhook_to_wo: the webhook puts the user in the quarantine group and ends their sessions', async () => {
    const login = 'suspicious.user@example.com';
    const userId = await newUser(login);
    const quarantine = await newGroup('Quarantine');
    const audit = { actor: SYSTEM_ACTOR, client: clientOf(null, null), transactionId: 'template-test' };
    const { token } = await startSession(server.ctx, server.ctx.db, audit, { id: userId, login, first_name: 'Quinn', last_name: 'Tester' });

    const pack = readTemplate('quarantine_an_okta_user_by_sending_a_webhook_to_wo') as Json;
    setInput(pack, 'Add User to Group', 'Group', 'id', quarantine);
    const [flow] = await importPack(pack);
    expect(flow.name).toBe('01. Add.User.To.Quarantine.Group');

    const res = await fetch(flow.invokeUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-client-token': flow.clientToken as string },
      body: JSON.stringify({ userEmail: login }),
    });
    // Return Raw answers with Add User to Group's status (Okta's 204).
    expect(res.status).toBe(204);
    expect(await groupNamesOf(userId)).toEqual(['Everyone', 'Quarantine']);
    expect(await findSession(server.ctx, token)).toBeUndefined();

    const log = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "user.session.clear" or eventType eq "group.user_membership.add"')}`);
    const byConnector = (log.body as Json[]).filter((event) => event.target.some((target: Json) => target.id === userId));
    expect(byConnector.map((event) => [event.eventType, event.actor.displayName]).sort()).toEqual([
      ['group.user_membership.add', 'Okta Workflows OAuth'],
      ['user.session.clear', 'Okta Workflows OAuth'],
    ]);

    // An unknown email: Read User fails the flow with Okta's 404, and nothing changes.
    const unknown = await fetch(flow.invokeUrl as string, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-client-token': flow.clientToken as string },
      body: JSON.stringify({ userEmail: 'nobody@example.com' }),
    });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect((await server.api('GET', `/api/v1/groups/${quarantine}/users`)).body).toHaveLength(1);
  });

  test('remove_user_from_all_non_built_in_okta_groups: streams the user\'s groups to the helper, which removes each Okta group', async () => {
    const userId = await newUser('leaver@example.com');
    const stayer = await newUser('stayer@example.com');
    for (const name of ['Engineering', 'Pilots', 'Chess club']) {
      const groupId = await newGroup(name);
      await server.api('PUT', `/api/v1/groups/${groupId}/users/${userId}`);
      await server.api('PUT', `/api/v1/groups/${groupId}/users/${stayer}`);
    }
    expect(await groupNamesOf(userId)).toEqual(['Chess club', 'Engineering', 'Everyone', 'Pilots']);

    const pack = readTemplate('remove_user_from_all_non_built_in_okta_groups') as Json;
    setInput(pack, 'Assign', null, 'userId', userId);
    const flows = await importPack(pack);
    const main = flows.find((flow) => flow.name === 'Remove User from all Groups')!;
    const runnable = await workflowRuntime(server.ctx).flows.getById(main.id as string);
    expect(runnable).toBeDefined();
    const result = await runStoredFlow(server.ctx, runnable!, { kind: 'manual' });
    expect(result.error?.message ?? null).toBeNull();
    expect(result.status).toBe('succeeded');
    const streamed = result.cards.find((record) => record.cardType === 'okta:getUsersGroups');
    expect(streamed?.calls).toHaveLength(4);

    // Everyone is BUILT_IN: the helper's Continue If stops there; the Okta groups are left.
    expect(await groupNamesOf(userId)).toEqual(['Everyone']);
    expect(await groupNamesOf(stayer)).toEqual(['Chess club', 'Engineering', 'Everyone', 'Pilots']);
  });
});
