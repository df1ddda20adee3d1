import okta from '@okta/okta-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { all, sdkClient, sdkError, type OktaClient } from './helpers/okta-sdk.js';
import { startReceiver, type Receiver } from '../src/hooks/event/test-kit.js';

describe('official @okta/okta-sdk-nodejs against /api/v1/eventHooks', () => {
  let server: TestServer;
  let receiver: Receiver;
  let client: OktaClient;

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startReceiver();
    client = sdkClient(server);
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  it('creates, lists, verifies, replaces, deactivates, activates and deletes an event hook', async () => {
    const created = await client.eventHookApi.createEventHook({
      eventHook: {
        name: 'SDK event hook',
        events: {
          type: 'EVENT_TYPE',
          items: ['group.user_membership.add'],
          filter: {
            eventFilterMap: [{
              event: 'group.user_membership.add',
              condition: { expression: "event.target.?[type eq 'UserGroup' && displayName eq 'Sales'].size() > 0" },
            }],
          },
        },
        channel: {
          type: 'HTTP',
          version: '1.0.0',
          config: {
            uri: `${receiver.url}/sdk`,
            headers: [{ key: 'X-Other-Header', value: 'some-other-value' }],
            authScheme: { type: 'HEADER', key: 'Authorization', value: 'sdk-secret' },
          },
        },
      } as okta.EventHook,
    });
    expect(created.id).toMatch(/^who/);
    expect(created.status).toBe('ACTIVE');
    expect(created.verificationStatus).toBe('UNVERIFIED');
    expect(created.created).toBeInstanceOf(Date);
    expect(created.events?.items).toEqual(['group.user_membership.add']);
    expect(created.events?.filter?.type).toBe('EXPRESSION_LANGUAGE');
    expect(created.events?.filter?.eventFilterMap?.[0]?.condition?.expression).toContain("displayName eq 'Sales'");
    expect(created.channel?.config?.authScheme?.key).toBe('Authorization');
    expect(created.channel?.config?.authScheme?.value).toBeUndefined();

    const listed = await all(await client.eventHookApi.listEventHooks());
    expect(listed.map((h) => h.id)).toContain(created.id);

    const verified = await client.eventHookApi.verifyEventHook({ eventHookId: created.id! });
    expect(verified.verificationStatus).toBe('VERIFIED');
    const challenge = receiver.requests.find((r) => r.method === 'GET')!;
    expect(challenge.headers.authorization).toBe('sdk-secret');

    const fetched = await client.eventHookApi.getEventHook({ eventHookId: created.id! });
    fetched.name = 'SDK event hook, renamed';
    const replaced = await client.eventHookApi.replaceEventHook({ eventHookId: created.id!, eventHook: fetched });
    expect(replaced.name).toBe('SDK event hook, renamed');
    expect(replaced.verificationStatus).toBe('VERIFIED');

    const inactive = await client.eventHookApi.deactivateEventHook({ eventHookId: created.id! });
    expect(inactive.status).toBe('INACTIVE');
    const active = await client.eventHookApi.activateEventHook({ eventHookId: created.id! });
    expect(active.status).toBe('ACTIVE');

    const refused = await sdkError(client.eventHookApi.deleteEventHook({ eventHookId: created.id! }));
    expect(refused.status).toBe(400);
    await client.eventHookApi.deactivateEventHook({ eventHookId: created.id! });
    await client.eventHookApi.deleteEventHook({ eventHookId: created.id! });
    const gone = await sdkError(client.eventHookApi.getEventHook({ eventHookId: created.id! }));
    expect(gone.status).toBe(404);
    expect(gone.errorCode).toBe('E0000007');
  });

  it('reports a failed verification as the SDK error Okta gives', async () => {
    receiver.handle((_req, res) => { res.writeHead(404).end(); });
    try {
      const hook = await client.eventHookApi.createEventHook({
        eventHook: {
          name: 'Unreachable', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] },
          channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${receiver.url}/nowhere` } },
        } as okta.EventHook,
      });
      const error = await sdkError(client.eventHookApi.verifyEventHook({ eventHookId: hook.id! }));
      expect(error.status).toBe(400);
      expect(error.errorCode).toBe('E0000001');
      expect(error.errorCauses[0].errorSummary).toContain('HTTP 404');
    } finally {
      receiver.handle(async (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ verification: req.headers['x-okta-verification-challenge'] })); });
    }
  });
});
