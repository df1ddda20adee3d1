import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectSweep, sweepFamily, type SweepInput } from './sweep.js';

describe('Okta Node SDK sweep: event-hooks', { timeout: 120_000 }, () => {
  let server: TestServer;
  let input: SweepInput;
  beforeAll(async () => {
    server = await startTestServer();
    const body = { name: 'Sweep events', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] },
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/events', authScheme: { type: 'HEADER', key: 'Authorization', value: 'sweep-secret' } } } };
    const eventHookId = (await server.api('POST', '/api/v1/eventHooks', body)).body.id;
    input = { ids: { eventHookId }, bodies: { createEventHook: { ...body, name: 'Sweep events 2' }, replaceEventHook: body } };
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented operation as the spec says or with Okta\'s 501 E0000060', async () => {
    await expectSweep(server, await sweepFamily(server, 'event-hooks', input), ['listEventHooks', 'getEventHook', 'createEventHook', 'replaceEventHook', 'activateEventHook', 'deactivateEventHook', 'deleteEventHook']);
  });
});
