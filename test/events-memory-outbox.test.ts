import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../src/events/memory-outbox.js';
import { systemClock } from '../src/platform/time.js';
import { createGroup, hookBody, startReceiver, verifiedHook, waitFor, type Receiver } from '../src/hooks/event/test-kit.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * The events kernel's outbox is a port: a server started with `{ outbox }` runs on another one (here the
 * in-memory outbox) with one argument, and event hooks deliver, log and redeliver as on the table.
 */
describe('the outbox swapped for the in-memory one', () => {
  let server: TestServer;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startTestServer({ outbox: (db) => createMemoryOutbox({ db, clock: systemClock }) });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  it('delivers committed events, keeps nothing in event_outbox, shows the queue and redelivers', async () => {
    const hook = await verifiedHook(server, hookBody(`${receiver.url}/events`, ['group.lifecycle.create']));
    const groupId = await createGroup(server, 'Memory outbox');
    const delivery = await waitFor('a delivery', () => receiver.deliveries()[0]);
    expect(delivery.body.data.events[0]).toMatchObject({ eventType: 'group.lifecycle.create', target: [expect.objectContaining({ id: groupId })] });
    expect(await server.ctx.db.selectFrom('event_outbox').select('id').execute()).toEqual([]);
    // The outcome is recorded after the receiver has answered.
    await waitFor('the delivery recorded', async () => (await server.ctx.events.outbox.counts('eventHook', hook.id)).DELIVERED === 1);
    expect(await server.ctx.events.outbox.counts('eventHook', hook.id)).toMatchObject({ DELIVERED: 1, PENDING: 0 });

    const queued = await server.ctx.events.outbox.list('eventHook', hook.id, { limit: 10 });
    expect(queued).toEqual([expect.objectContaining({ eventType: 'group.lifecycle.create', status: 'DELIVERED', attempts: 1 })]);
    const requeued = await server.ctx.events.outbox.requeue(server.ctx.db, 'eventHook', hook.id, [{ uuid: queued[0].eventUuid, eventType: queued[0].eventType, published: queued[0].published }]);
    expect(requeued).toBe(1);
    server.ctx.events.wakeSoon();
    await waitFor('the redelivery', () => receiver.deliveries().length >= 2);
    expect(receiver.deliveries()[1].body.data.events[0].uuid).toBe(delivery.body.data.events[0].uuid);
  });
});
