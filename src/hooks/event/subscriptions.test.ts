import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { loadConfig } from '../../platform/config.js';
import type { AppContext } from '../../platform/context.js';
import { createContext } from '../../server.js';
import { clientOf, SYSTEM_ACTOR } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { hookBody, startReceiver, verifiedHook, type Receiver } from './test-kit.js';

describe('subscription cache across instances', () => {
  let server: TestServer;
  let other: AppContext;
  let receiver: Receiver;
  const audit = { actor: SYSTEM_ACTOR, client: clientOf(null, null), transactionId: 'reqCache' };
  const write = (ctx: AppContext, id: string) => ctx.db.transaction().execute((trx) => recordEvent(ctx, trx, audit, {
    eventType: 'user.lifecycle.create', displayMessage: 'Create okta user', target: [{ id, type: 'User', alternateId: `${id}@example.com`, displayName: id }],
  }));
  const queuedFor = async (uuid: string) => (await server.ctx.db.selectFrom('event_outbox').select('target_id').where('event_uuid', '=', uuid).execute()).map((r) => r.target_id);

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startReceiver();
    // A second instance on the same store: its own process-level cache, no HTTP.
    other = await createContext(loadConfig({ data: server.ctx.config.dataDir, databaseUrl: server.ctx.config.databaseUrl }, { LOG_LEVEL: 'silent' }));
  });
  afterAll(async () => {
    await other?.db.destroy();
    await receiver?.close();
    await server?.close();
  });

  it("sees another instance's hook changes from its next write on", async () => {
    const before = await write(other, '00ubefore');
    expect(await queuedFor(before.uuid)).toEqual([]);

    const hook = await verifiedHook(server, hookBody(`${receiver.url}/cache`, ['user.lifecycle.create']));
    const during = await write(other, '00uduring');
    expect(await queuedFor(during.uuid)).toEqual([hook.id]);

    // A filter added by the first instance applies on the second at once.
    const current = (await server.api('GET', `/api/v1/eventHooks/${hook.id}`)).body;
    await server.api('PUT', `/api/v1/eventHooks/${hook.id}`, {
      ...current,
      events: { ...current.events, filter: { eventFilterMap: [{ event: 'user.lifecycle.create', condition: { expression: "event.target[0].id eq '00uwanted'" } }] } },
    });
    expect(await queuedFor((await write(other, '00uunwanted')).uuid)).toEqual([]);
    expect(await queuedFor((await write(other, '00uwanted')).uuid)).toEqual([hook.id]);

    await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
    expect(await queuedFor((await write(other, '00uwanted')).uuid)).toEqual([]);
  });
});
