import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compose } from '../src/workflows/engine/flow-test-kit.js';
import type { FlowDefinition } from '../src/workflows/model/index.js';
import appAssigned from '../src/workflows/cards/okta/events/userAddedToApplicationMembership.card.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { card, cardOutputsIn, createFlow, eventuallyExecutions, executionDetail, field, wire } from './helpers/workflows.js';

/*
 * A stored, active flow that starts with the User Assigned to Application event card runs (through the
 * flow event sink) when a user is assigned to an app: individually through /api/v1/apps/{id}/users, and
 * when a group assigned to the app gains the user as a member.
 */

const itemType = appAssigned.outputs[0].type;

function notifyFlow(id: string): FlowDefinition {
  const get = (cardId: string, path: string) => card(cardId, 'object:get', {
    inputs: [field(`${cardId}Obj`, 'object', 'object'), field(`${cardId}Path`, 'path', 'string', { value: path })],
    outputs: [field(`${cardId}Out`, 'output', 'string')],
  });
  return {
    id,
    name: `Notify on app assignment (${id})`,
    saveAllData: true,
    cards: [
      card('evt', 'okta:userAddedToApplicationMembership', {
        name: 'User Assigned to Application',
        outputs: [field('events', 'collection', itemType, { list: true })],
      }),
      card('first', 'list:at', { inputs: [field('firstList', 'list', 'object', { list: true }), field('firstIndex', 'index', 'number', { value: 0 })], outputs: [field('firstItem', 'item', 'object')] }),
      get('user', 'Output.Okta User.Alternate ID'),
      get('app', 'Output.Application.Display Name'),
      compose('note', '{{{u}}} can now use {{{a}}}', [field('u', 'u', 'string'), field('a', 'a', 'string')]),
    ],
    wires: [
      wire('evt.events', 'first.firstList'),
      wire('first.firstItem', 'user.userObj'),
      wire('first.firstItem', 'app.appObj'),
      wire('user.userOut', 'note.u'),
      wire('app.appOut', 'note.a'),
    ],
  };
}

describe('the User Assigned to Application event card', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => server?.close());

  async function newUser(login: string): Promise<string> {
    const res = await server.api('POST', '/api/v1/users?activate=true', { profile: { login, email: login, firstName: 'Lin', lastName: 'Event' } });
    expect(res.status).toBe(200);
    return res.body.id;
  }

  test('starts the stored flow for an individual assignment and for one through a group', async () => {
    const flow = await createFlow(server, notifyFlow('notify-app-assigned'));
    expect(flow.status).toBe('ACTIVE');
    const app = await server.api('POST', '/api/v1/apps', { label: 'Payroll', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com/' } } });
    expect(app.status).toBe(200);
    const direct = await newUser('direct.event@example.com');

    expect((await server.api('POST', `/api/v1/apps/${app.body.id}/users`, { id: direct, scope: 'USER' })).status).toBe(200);
    const [run] = await eventuallyExecutions(server, flow.id, 1);
    expect(run).toMatchObject({ trigger: 'event', status: 'succeeded' });
    const detail = await executionDetail(server, run.id);
    expect(cardOutputsIn(detail, 'note').output).toBe('direct.event@example.com can now use Payroll');
    const [item] = cardOutputsIn(detail, 'evt').collection as Array<{ Output: Record<string, any> }>;
    expect(item.Output).toMatchObject({
      'Event Type': 'application.user_membership.add',
      'Okta User': { ID: direct, 'Alternate ID': 'direct.event@example.com', Type: 'User' },
      Application: { ID: app.body.id, 'Display Name': 'Payroll', Type: 'AppInstance' },
    });

    // Through a group: the member's assignment emits the same event, which starts the flow again.
    const group = await server.api('POST', '/api/v1/groups', { profile: { name: 'Payroll users' } });
    await server.api('PUT', `/api/v1/apps/${app.body.id}/groups/${group.body.id}`);
    const viaGroup = await newUser('group.event@example.com');
    expect((await server.api('PUT', `/api/v1/groups/${group.body.id}/users/${viaGroup}`)).status).toBe(204);
    const runs = await eventuallyExecutions(server, flow.id, 2);
    const notes = [];
    for (const r of runs) notes.push(cardOutputsIn(await executionDetail(server, r.id), 'note').output);
    expect(notes.sort()).toEqual(['direct.event@example.com can now use Payroll', 'group.event@example.com can now use Payroll']);
  });
});
