import { describe, expect, test } from 'vitest';
import { readFlopack } from '../../../flopack/flopack.js';
import { readTemplate, templateFiles } from '../../../../../test/helpers/templates.js';
import { eventTypesOfCard, OKTA_EVENT_TYPES } from './event-types.js';
import { callCard } from '../../test-kit.js';
import { CARD_DECLARATIONS, defaultCardRegistry } from '../../registry.js';
import type { CardFieldSpec } from '../../../engine/card.js';
import userAddedToGroup from './userAddedToGroupMembership.card.js';
import userCreated from './userCreated.card.js';
import profileUpdated from './oktaUserProfileUpdated.card.js';
import suspicious from './userReportedSuspiciousActivityBeta.card.js';
import appAssigned from './userAddedToApplicationMembership.card.js';
import groupProfileUpdated from './groupProfileUpdated.card.js';

const actor = { id: '00uadmin', type: 'User', alternateId: 'admin@example.com', displayName: 'Ada Admin', detailEntry: null };
const user = { id: '00ujane', type: 'User', alternateId: 'jane@example.com', displayName: 'Jane Doe', detailEntry: null };
const group = { id: '00gsales', type: 'UserGroup', alternateId: 'unknown', displayName: 'Sales', detailEntry: null };

function logEvent(eventType: string, target: unknown[], debugData: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    uuid: '8c6a1f5e-0000-4000-8000-000000000001', published: '2026-01-02T03:00:00.000Z', eventType, version: '0', severity: 'INFO',
    legacyEventType: null, displayMessage: 'Add user to group membership', actor, client: { ipAddress: '127.0.0.1', userAgent: null, zone: 'null', device: null, id: null, geographicalContext: null },
    device: null, authenticationContext: { authenticationStep: 0 }, securityContext: { asNumber: null }, outcome: { result: 'SUCCESS', reason: null },
    target, transaction: { type: 'WEB', id: 'req1', detail: {} }, debugContext: { debugData }, request: { ipChain: [] },
  };
}

const entity = (e: typeof actor) => ({ ID: e.id, 'Alternate ID': e.alternateId, 'Display Name': e.displayName, Type: e.type });

describe('Okta event cards', () => {
  test('User Added to Group: one item with the event, the admin, the user and the group', async () => {
    const event = logEvent('group.user_membership.add', [user, group]);
    const { outputs } = await callCard(userAddedToGroup, { trigger: { kind: 'event', event } });
    expect(outputs['context.execution_id']).toBe('exec-1');
    expect(outputs.collection).toEqual([{
      Output: {
        'Date and Time': '2026-01-02T03:00:00.000Z',
        Message: 'Add user to group membership',
        'Event ID': event.uuid,
        'Event Type': 'group.user_membership.add',
        'Event Time': '2026-01-02T03:04:05.000Z',
        Version: '0',
        Admin: entity(actor),
        'Okta User': entity(user),
        Group: entity(group),
        UUID: event.uuid,
        'Event Details': event,
        Headers: {},
        Source: null,
        'Debug Context': { 'Debug Data': {} },
      },
    }]);
  });

  test("an older export's item has only the fields (and sub-fields) its output declares", async () => {
    const text = { type: 'string', collection: false };
    const older: CardFieldSpec = {
      key: 'collection', list: true,
      type: { Output: { type: { 'Okta User': { type: { ID: text }, collection: false }, Group: { type: { 'Display Name': text }, collection: false }, 'Full Details': { type: 'object', collection: false } }, collection: false } },
    };
    const event = logEvent('group.user_membership.remove', [user, group]);
    const { outputs } = await callCard(userAddedToGroup, { trigger: { kind: 'event', event }, outputs: [older] });
    expect(outputs.collection).toEqual([{ Output: { 'Okta User': { ID: '00ujane' }, Group: { 'Display Name': 'Sales' }, 'Full Details': event } }]);
  });

  test.each([
    ['User Created', userCreated, logEvent('user.lifecycle.create', [user]), { Admin: entity(actor), 'Okta User': entity(user) }],
    ['User Okta Profile Updated', profileUpdated, logEvent('user.account.update_profile', [user], { changedAttributes: 'firstName,mobilePhone' }), {
      Actor: entity(actor), 'Okta User': entity(user), 'Changed Attributes': 'firstName,mobilePhone', Severity: 'INFO', Result: 'SUCCESS',
      'Legacy Event Type': null, Transaction: { type: 'WEB', id: 'req1', detail: {} },
    }],
    ['Group Profile Updated', groupProfileUpdated, logEvent('group.profile.update', [group], { changedAttributes: 'description' }), { Actor: entity(actor), Group: entity(group), 'Changed Attributes': 'description' }],
    ['User Assigned to Application', appAssigned, logEvent('application.user_membership.add', [
      user, { id: '0uaapp1', type: 'AppUser', alternateId: 'jane', displayName: 'Jane Doe' }, { id: '0oaapp', type: 'AppInstance', alternateId: 'Wiki', displayName: 'Wiki' },
    ]), {
      'Okta User': entity(user),
      'Application User': { ID: '0uaapp1', 'Alternate ID': 'jane', 'Display Name': 'Jane Doe', Type: 'AppUser' },
      Application: { ID: '0oaapp', 'Alternate ID': 'Wiki', 'Display Name': 'Wiki', Type: 'AppInstance' },
    }],
    ['Suspicious Activity Reported', suspicious, { ...logEvent('user.account.report_suspicious_activity_by_enduser', [user], { suspiciousActivityEventType: 'user.session.start', other: 1 }), actor: user }, {
      Name: 'Jane Doe', Email: 'jane@example.com', 'User ID': '00ujane', 'Suspicious Activity Details': '{"suspiciousActivityEventType":"user.session.start"}',
    }],
  ])('%s maps the event to its fields', async (_title, card, event, expected) => {
    const { outputs } = await callCard(card, { trigger: { kind: 'event', event } });
    const items = outputs.collection as Array<{ Output: Record<string, unknown> }>;
    expect(items).toHaveLength(1);
    expect(items[0].Output).toMatchObject(expected);
    expect(Object.keys(items[0].Output)).toEqual(Object.keys((card.outputs[0].type as { Output: { type: object } }).Output.type));
  });

  test('run by hand, the list is empty', async () => {
    const { outputs } = await callCard(userCreated, { trigger: { kind: 'manual' } });
    expect(outputs.collection).toEqual([]);
  });

  test('every okta event card of the 125 templates is registered and says which event types start it', () => {
    const found = new Set<string>();
    for (const file of templateFiles()) {
      for (const flow of readFlopack(readTemplate(file)).flows) {
        const first = flow.cards[0];
        if (first?.type.startsWith('okta:') && (first.okta?.node as { model?: { webhook?: boolean } } | undefined)?.model?.webhook) found.add(first.type);
      }
    }
    expect([...found].sort()).toEqual(Object.keys(OKTA_EVENT_TYPES).sort());
    for (const type of found) {
      expect(defaultCardRegistry.get(type)?.kind, type).toBe('event');
      expect(eventTypesOfCard(type).length, type).toBeGreaterThan(0);
    }
    expect(CARD_DECLARATIONS.filter((card) => card.type.startsWith('okta:') && card.kind === 'event')).toHaveLength(13);
  });

  test('an imported template item reaches the For Each helper with the Output group', async () => {
    // The template's own card (with its declared outputs) feeds For Each; its helper reads `Output`.
    const flow = readFlopack(readTemplate('assign_temporary_group_memberships')).flows.find((f) => f.cards[0]?.type === 'okta:userAddedToGroupMembership')!;
    const card = flow.cards[0];
    const event = logEvent('group.user_membership.add', [user, group]);
    const { outputs } = await callCard(userAddedToGroup, { trigger: { kind: 'event', event }, outputs: card.outputs!.map(({ id: _id, ...spec }) => spec as CardFieldSpec) });
    const [item] = outputs.collection as Array<{ Output: Record<string, unknown> }>;
    expect(item.Output['Okta User']).toEqual(entity(user));
    expect(item.Output['Full Details']).toEqual(event);
  });
});
