import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compose } from '../src/workflows/engine/flow-test-kit.js';
import type { FlowDefinition } from '../src/workflows/model/index.js';
import { addUserToGroup } from '../src/identity/groups/membership.service.js';
import { deliveryAudit } from '../src/hooks/event/event-hook-sink.js';
import { FLOW_EVENT_SINK } from '../src/workflows/runtime/flow-event-sink.js';
import userAddedToGroup from '../src/workflows/cards/okta/events/userAddedToGroupMembership.card.js';
import { eventually } from './helpers/eventually.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { card, cardOutputsIn, createFlow, eventuallyExecutions, executionDetail, executionsOf, field, wire } from './helpers/workflows.js';

/*
 * Okta's tutorial "notify when a user is added to a group", in Tollgate: a flow that starts with the
 * User Added to Group event card, turned on; adding a user to a group through /api/v1 runs it with the
 * event's fields. The flow composes the notification from the event's user and group.
 */

const itemType = userAddedToGroup.outputs[0].type;

function notifyFlow(id: string, eventCard = 'okta:userAddedToGroupMembership'): FlowDefinition {
  return {
    id,
    name: `Notify on group membership (${id})`,
    saveAllData: true,
    cards: [
      card('evt', eventCard, {
        name: 'User Added to Group',
        outputs: [field('events', 'collection', itemType, { list: true }), field('execId', 'execution_id', 'string', { group: 'context' })],
      }),
      card('first', 'list:at', { inputs: [field('firstList', 'list', 'object', { list: true }), field('firstIndex', 'index', 'number', { value: 0 })], outputs: [field('firstItem', 'item', 'object')] }),
      card('user', 'object:get', { inputs: [field('userObj', 'object', 'object'), field('userPath', 'path', 'string', { value: 'Output.Okta User.Display Name' })], outputs: [field('userName', 'output', 'string')] }),
      card('group', 'object:get', { inputs: [field('groupObj', 'object', 'object'), field('groupPath', 'path', 'string', { value: 'Output.Group.Display Name' })], outputs: [field('groupName', 'output', 'string')] }),
      card('admin', 'object:get', { inputs: [field('adminObj', 'object', 'object'), field('adminPath', 'path', 'string', { value: 'Output.Admin.Alternate ID' })], outputs: [field('adminId', 'output', 'string')] }),
      compose('note', '{{{u}}} was added to {{{g}}} by {{{a}}}', [field('u', 'u', 'string'), field('g', 'g', 'string'), field('a', 'a', 'string')]),
    ],
    wires: [
      wire('evt.events', 'first.firstList'),
      wire('first.firstItem', 'user.userObj'),
      wire('first.firstItem', 'group.groupObj'),
      wire('first.firstItem', 'admin.adminObj'),
      wire('user.userName', 'note.u'),
      wire('group.groupName', 'note.g'),
      wire('admin.adminId', 'note.a'),
    ],
  };
}

describe('flows that start on Okta events', () => {
  let server: TestServer;
  let userId: string;
  let groupId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const user = await server.api('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', login: 'jane@example.com' } });
    expect(user.status).toBe(200);
    userId = user.body.id;
    const group = await server.api('POST', '/api/v1/groups', { profile: { name: 'Engineering', description: 'Builders' } });
    expect(group.status).toBe(200);
    groupId = group.body.id;
  });
  afterAll(async () => server?.close());

  test('adding a user to a group runs the active User Added to Group flow with the event', async () => {
    const flow = await createFlow(server, notifyFlow('notify-group-add'));
    expect(flow.status).toBe('ACTIVE');
    const off = await createFlow(server, notifyFlow('notify-group-add-off'), false);

    expect((await server.api('PUT', `/api/v1/groups/${groupId}/users/${userId}`)).status).toBe(204);

    const [run] = await eventuallyExecutions(server, flow.id, 1);
    expect(run).toMatchObject({ trigger: 'event', status: 'succeeded' });
    const detail = await executionDetail(server, run.id);
    expect(cardOutputsIn(detail, 'note').output).toBe('Jane Doe was added to Engineering by admin@localhost');

    const [item] = cardOutputsIn(detail, 'evt').collection as Array<{ Output: Record<string, any> }>;
    const log = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "group.user_membership.add"')}`);
    const event = log.body.find((e: { target: Array<{ id: string }> }) => e.target.some((t) => t.id === groupId));
    expect(item.Output).toMatchObject({
      'Date and Time': event.published,
      Message: event.displayMessage,
      'Event ID': event.uuid,
      'Event Type': 'group.user_membership.add',
      Version: '0',
      UUID: event.uuid,
      Admin: { ID: event.actor.id, 'Alternate ID': 'admin@localhost', 'Display Name': event.actor.displayName, Type: 'User' },
      'Okta User': { ID: userId, 'Alternate ID': 'jane@example.com', 'Display Name': 'Jane Doe', Type: 'User' },
      Group: { ID: groupId, 'Display Name': 'Engineering', Type: 'UserGroup' },
      'Debug Context': { 'Debug Data': event.debugContext.debugData },
    });
    expect(item.Output['Event Details']).toEqual(event);
    expect(cardOutputsIn(detail, 'evt')['context.execution_id']).toBe(run.id);

    // The flow that is off, and flows of other event cards, never ran.
    expect(await executionsOf(server, off.id)).toHaveLength(0);
  });

  test('removing the user runs the User Removed from Group flow, not the User Added to Group one', async () => {
    const removed = await createFlow(server, notifyFlow('notify-group-remove', 'okta:userRemovedFromGroupMembership'));
    expect((await server.api('DELETE', `/api/v1/groups/${groupId}/users/${userId}`)).status).toBe(204);
    const [run] = await eventuallyExecutions(server, removed.id, 1);
    const detail = await executionDetail(server, run.id);
    expect(cardOutputsIn(detail, 'note').output).toBe('Jane Doe was added to Engineering by admin@localhost');
    expect((cardOutputsIn(detail, 'evt').collection as Array<{ Output: Record<string, unknown> }>)[0].Output['Event Type']).toBe('group.user_membership.remove');
    expect(await executionsOf(server, 'notify-group-add')).toHaveLength(1);
  });

  test('a change that rolls back starts nothing', async () => {
    const flow = await createFlow(server, notifyFlow('notify-rollback'));
    const before = await executionsOf(server, flow.id);
    await expect(server.ctx.db.transaction().execute(async (trx) => {
      await addUserToGroup(server.ctx, trx, deliveryAudit(), groupId, userId);
      const queued = await trx.selectFrom('event_outbox').select('id').where('sink', '=', FLOW_EVENT_SINK).where('target_id', '=', flow.id).execute();
      // Inside the transaction the run is queued with the change...
      expect(queued).toHaveLength(1);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    // ...and goes with it.
    const rows = await server.ctx.db.selectFrom('event_outbox').select('id').where('sink', '=', FLOW_EVENT_SINK).where('target_id', '=', flow.id).execute();
    expect(rows).toHaveLength(0);
    const member = await server.ctx.db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    expect(member).toBeUndefined();
    // A committed change afterwards does run it, once.
    expect((await server.api('PUT', `/api/v1/groups/${groupId}/users/${userId}`)).status).toBe(204);
    await eventuallyExecutions(server, flow.id, before.length + 1);
  });

  test('a flow that fails is recorded as a failed execution and its event is not retried', async () => {
    const failing: FlowDefinition = {
      id: 'fails-on-create', name: 'Fails on user created', saveAllData: true,
      cards: [
        card('evt', 'okta:userCreated', { outputs: [field('events', 'collection', itemType, { list: true })] }),
        card('boom', 'control:throw', { inputs: [field('boomMsg', 'message', 'string', { value: 'no thanks' })] }),
      ],
      wires: [],
    };
    const flow = await createFlow(server, failing);
    expect((await server.api('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Sam', lastName: 'Lee', email: 'sam@example.com', login: 'sam@example.com' } })).status).toBe(200);
    const [run] = await eventuallyExecutions(server, flow.id, 1);
    expect(run.status).toBe('failed');
    const row = await eventually(async () => {
      const found = await server.ctx.db.selectFrom('event_outbox').select(['status', 'attempts']).where('sink', '=', FLOW_EVENT_SINK).where('target_id', '=', flow.id).executeTakeFirstOrThrow();
      expect(found.status).toBe('DELIVERED');
      return found;
    });
    expect(Number(row.attempts)).toBe(1);
  });

  test('deleting a flow takes the events still waiting to start it', async () => {
    const flow = await createFlow(server, notifyFlow('notify-then-deleted'));
    expect((await server.api('DELETE', `/api/v1/groups/${groupId}/users/${userId}`)).status).toBe(204);
    // The event is queued for the active flow, and the flow is turned off in the same commit: the event waits.
    await server.ctx.db.transaction().execute(async (trx) => {
      await addUserToGroup(server.ctx, trx, deliveryAudit(), groupId, userId);
      await trx.updateTable('workflow_flows').set({ status: 'INACTIVE', version: 99 }).where('id', '=', flow.id).execute();
    });
    const waiting = () => server.ctx.db.selectFrom('event_outbox').select('status').where('sink', '=', FLOW_EVENT_SINK).where('target_id', '=', flow.id).where('status', '=', 'PENDING').execute();
    expect(await waiting()).toHaveLength(1);
    expect((await server.api('DELETE', `/api/workflows/v1/flows/${flow.id}`)).status).toBe(204);
    expect(await waiting()).toHaveLength(0);
    expect((await server.api('GET', `/api/workflows/v1/flows/${flow.id}`)).status).toBe(404);
  });
});
