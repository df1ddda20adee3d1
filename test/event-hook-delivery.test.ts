import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { json, type RecordedRequest } from './helpers/hook-server.js';
import { createGroup, hookBody, queueCounts, startReceiver, verifiedHook, waitFor, type Receiver } from '../src/hooks/event/test-kit.js';
import { recordEvent } from '../src/events/record-event.js';
import { clientOf, SYSTEM_ACTOR } from '../src/events/log-event.js';

/**
 * An independent Standard Webhooks verifier, written from the specification (not from Tollgate's code):
 * HMAC-SHA256 over "id.timestamp.body" with the base64 key after "whsec_", compared in constant time
 * against each space-separated "v1,<base64>" signature.
 */
function verifyStandardWebhook(secret: string, req: RecordedRequest): boolean {
  const id = req.headers['webhook-id'] as string;
  const timestamp = req.headers['webhook-timestamp'] as string;
  const header = req.headers['webhook-signature'] as string;
  if (!id || !timestamp || !header) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${req.rawBody}`).digest();
  return header.split(' ').some((part) => {
    const [version, sig] = part.split(',');
    const given = Buffer.from(sig ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

describe('event hook delivery over real HTTP', () => {
  let server: TestServer;
  const receivers: Receiver[] = [];
  const audit = { actor: SYSTEM_ACTOR, client: clientOf('127.0.0.1', 'vitest'), transactionId: 'reqDeliveryTest' };

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const r = await startReceiver(...args);
    receivers.push(r);
    return r;
  };
  const logs = async (filter: string) => (await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(filter)}`)).body as any[];

  beforeAll(async () => { server = await startTestServer(); });
  afterEach(async () => {
    // Each test's hooks stop receiving, so they do not see the next test's events.
    for (const hook of (await server.api('GET', '/api/v1/eventHooks')).body) {
      if (hook.status === 'ACTIVE') await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
    }
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await server?.close();
  });

  it("delivers committed events in Okta's envelope with the auth and custom headers", async () => {
    const r = await receiver();
    const hook = await verifiedHook(server, hookBody(`${r.url}/okta-events`, ['group.lifecycle.create']));
    const groupId = await createGroup(server, 'Envelope');
    await waitFor('a delivery', () => r.deliveries().length > 0);
    const [delivery] = r.deliveries();
    expect(delivery.url).toBe('/okta-events');
    expect(delivery.headers['content-type']).toBe('application/json');
    expect(delivery.headers.accept).toBe('application/json');
    expect(delivery.headers.authorization).toBe('hook-secret');
    expect(delivery.headers['x-other-header']).toBe('other-value');
    expect(delivery.headers['webhook-signature']).toBeUndefined();
    const body = delivery.body;
    expect(Object.keys(body).sort()).toEqual(['cloudEventsVersion', 'contentType', 'data', 'eventId', 'eventTime', 'eventType', 'eventTypeVersion', 'source']);
    expect(body).toMatchObject({
      eventType: 'com.okta.event_hook', eventTypeVersion: '1.0', cloudEventsVersion: '0.1', contentType: 'application/json',
      source: `${server.ctx.config.issuer}/api/v1/eventHooks/${hook.id}`,
    });
    expect(body.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(body.eventTime)).not.toBeNaN();
    expect(body.data.events).toHaveLength(1);
    const [logged] = await logs(`eventType eq "group.lifecycle.create" and target.id eq "${groupId}"`);
    expect(body.data.events[0]).toEqual(logged);
    await waitFor('the row marked delivered', async () => (await queueCounts(server, hook.id)).DELIVERED === 1);
  });

  it('queues nothing for what rolls back, nor for unverified or inactive hooks', async () => {
    const r = await receiver();
    const live = await verifiedHook(server, hookBody(`${r.url}/live`, ['user.lifecycle.create']));
    const unverified = (await server.api('POST', '/api/v1/eventHooks', hookBody(`${r.url}/unverified`, ['user.lifecycle.create']))).body;
    const inactive = await verifiedHook(server, hookBody(`${r.url}/inactive`, ['user.lifecycle.create']));
    await server.api('POST', `/api/v1/eventHooks/${inactive.id}/lifecycle/deactivate`);

    const event = { eventType: 'user.lifecycle.create', displayMessage: 'Create okta user', target: [{ id: '00urolledback0000001', type: 'User', alternateId: 'gone@example.com', displayName: 'Gone' }] };
    await expect(server.ctx.db.transaction().execute(async (trx) => {
      await recordEvent(server.ctx, trx, audit, event);
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    const committed = await server.ctx.db.transaction().execute((trx) => recordEvent(server.ctx, trx, audit, { ...event, target: [{ ...event.target[0], id: '00ucommitted00000001' }] }));

    await waitFor('the committed event', () => r.events().some((e) => e.uuid === committed.uuid));
    expect(r.deliveries().map((d) => d.url)).toEqual(['/live']);
    expect(r.events().map((e) => e.target[0].id)).toEqual(['00ucommitted00000001']);
    const rows = await server.ctx.db.selectFrom('event_outbox').select('target_id').where('event_uuid', '=', committed.uuid).execute();
    expect(rows.map((x) => x.target_id)).toEqual([live.id]);
    expect(await queueCounts(server, unverified.id)).toEqual({});
    expect(await queueCounts(server, inactive.id)).toEqual({});
  });

  it("batches a hook's waiting events into one POST", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const r = await receiver(async (req, res) => {
      if (r.deliveries().length === 1) await held;
      res.writeHead(204).end();
    });
    await verifiedHook(server, hookBody(`${r.url}/batch`, ['group.lifecycle.create']));
    await createGroup(server, 'Batch first');
    await waitFor('the first delivery', () => r.deliveries().length === 1);
    const names = Array.from({ length: 12 }, (_, i) => `Batch ${i}`);
    for (const name of names) await createGroup(server, name);
    release();
    await waitFor('all events', () => r.events().length === 13);
    expect(r.deliveries()).toHaveLength(2);
    expect(r.deliveries()[1].body.data.events.map((e: any) => e.target[0].displayName)).toEqual(names);
  });

  it('honours maxBatchSize', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const r = await receiver(async (req, res) => {
      if (r.deliveries().length === 1) await held;
      res.writeHead(200).end();
    });
    await verifiedHook(server, hookBody(`${r.url}/small-batches`, ['group.lifecycle.create'], { deliveryPolicy: { maxBatchSize: 4 } }));
    await createGroup(server, 'Small first');
    await waitFor('the first delivery', () => r.deliveries().length === 1);
    for (let i = 0; i < 10; i++) await createGroup(server, `Small ${i}`);
    release();
    await waitFor('all events', () => r.events().length === 11);
    expect(r.deliveries().map((d) => d.body.data.events.length)).toEqual([1, 4, 4, 2]);
  });

  it('applies filters per event type', async () => {
    const r = await receiver();
    await verifiedHook(server, hookBody(`${r.url}/sales`, ['group.user_membership.add', 'group.lifecycle.create'], {
      events: {
        type: 'EVENT_TYPE',
        items: ['group.user_membership.add', 'group.lifecycle.create'],
        filter: {
          type: 'EXPRESSION_LANGUAGE',
          eventFilterMap: [{
            event: 'group.user_membership.add',
            condition: { version: null, expression: "event.target.?[type eq 'UserGroup'].size()>0 && event.target.?[displayName eq 'Sales'].size()>0" },
          }],
        },
      },
    }));
    const sales = await createGroup(server, 'Sales');
    const marketing = await createGroup(server, 'Marketing');
    const user = await server.api('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Fil', lastName: 'Ter', email: 'fil.ter@example.com', login: 'fil.ter@example.com' } });
    expect(user.status).toBe(200);
    expect((await server.api('PUT', `/api/v1/groups/${marketing}/users/${user.body.id}`)).status).toBe(204);
    expect((await server.api('PUT', `/api/v1/groups/${sales}/users/${user.body.id}`)).status).toBe(204);
    await waitFor('the Sales membership', () => r.events().some((e) => e.eventType === 'group.user_membership.add'));
    // Unfiltered types all arrive; the filtered one only for Sales.
    await waitFor('both group creations', () => r.events().filter((e) => e.eventType === 'group.lifecycle.create').length === 2);
    const memberships = r.events().filter((e) => e.eventType === 'group.user_membership.add');
    expect(memberships.map((e) => e.target.find((t: any) => t.type === 'UserGroup').displayName)).toEqual(['Sales']);
  });

  it("does not retry a 4xx (Okta's rule), logs the attempt and writes event_hook.delivery", async () => {
    const r = await receiver((_req, res) => json(res, 400, { error: 'bad request from receiver' }));
    const hook = await verifiedHook(server, hookBody(`${r.url}/four-hundred`, ['group.lifecycle.create']));
    await createGroup(server, 'Four hundred');
    await waitFor('the failure recorded', async () => (await queueCounts(server, hook.id)).FAILED === 1);
    expect(r.deliveries()).toHaveLength(1);
    const log = (await server.api('GET', `/api/v1/eventHooks/${hook.id}/deliveries`)).body;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: 'FAILURE', statusCode: 400, attempt: 1, eventCount: 1, error: 'The receiver answered with HTTP 400' });
    expect(log[0].responseExcerpt).toContain('bad request from receiver');
    expect(log[0].eventId).toBe(r.deliveries()[0].body.eventId);
    expect(log[0].latencyMs).toBeGreaterThanOrEqual(0);
    const [failure] = await logs(`eventType eq "event_hook.delivery" and target.id eq "${hook.id}"`);
    expect(failure).toMatchObject({ outcome: { result: 'FAILURE', reason: 'The receiver answered with HTTP 400' }, severity: 'WARN' });
    expect(failure.debugContext.debugData).toMatchObject({ eventHookId: hook.id, statusCode: 400, attempts: 1, eventCount: 1 });
  });

  it('retries a 5xx once with the same eventId, and succeeds or gives up after that', async () => {
    const answers = [500, 200, 502, 503];
    const r = await receiver((_req, res) => { res.writeHead(answers.shift() ?? 200).end(); });
    const hook = await verifiedHook(server, hookBody(`${r.url}/five-hundred`, ['group.lifecycle.create']));
    await createGroup(server, 'Retried');
    await waitFor('the first event delivered', async () => (await queueCounts(server, hook.id)).DELIVERED === 1);
    expect(r.deliveries()).toHaveLength(2);
    expect(r.deliveries()[0].body.eventId).toBe(r.deliveries()[1].body.eventId);

    await createGroup(server, 'Given up');
    await waitFor('the second event given up', async () => (await queueCounts(server, hook.id)).FAILED === 1);
    expect(r.deliveries()).toHaveLength(4);
    const log = (await server.api('GET', `/api/v1/eventHooks/${hook.id}/deliveries`)).body;
    expect(log.map((d: any) => [d.outcome, d.statusCode, d.attempt])).toEqual([['FAILURE', 503, 2], ['FAILURE', 502, 1], ['SUCCESS', 200, 2], ['FAILURE', 500, 1]]);
    const failed = (await server.api('GET', `/api/v1/eventHooks/${hook.id}/deliveries?outcome=FAILURE&limit=2`));
    expect(failed.body).toHaveLength(2);
    expect(failed.headers.get('link')).toMatch(/rel="next"/);
  });

  it('retries a timeout once (3 s per attempt)', async () => {
    let calls = 0;
    const r = await receiver(async (_req, res) => {
      calls += 1;
      if (calls === 1) await new Promise((resolve) => setTimeout(resolve, 3_500));
      if (!res.destroyed) res.writeHead(200).end();
    });
    const hook = await verifiedHook(server, hookBody(`${r.url}/slow`, ['group.lifecycle.create']));
    await createGroup(server, 'Slow');
    await waitFor('delivery after the retry', async () => (await queueCounts(server, hook.id)).DELIVERED === 1);
    const log = (await server.api('GET', `/api/v1/eventHooks/${hook.id}/deliveries`)).body;
    expect(log.map((d: any) => [d.outcome, d.statusCode, d.error])).toEqual([
      ['SUCCESS', 200, null],
      ['FAILURE', null, 'The receiver did not answer within 3 seconds'],
    ]);
  });

  it('backs off exponentially, then dead-letters; the dead letters can be redelivered', async () => {
    let failing = true;
    const r = await receiver((_req, res) => { res.writeHead(failing ? 503 : 200).end(); });
    const hook = await verifiedHook(server, hookBody(`${r.url}/backoff`, ['group.lifecycle.create'], {
      deliveryPolicy: { retry: { type: 'EXPONENTIAL_BACKOFF', maxAttempts: 4, initialDelaySeconds: 0.2, maxDelaySeconds: 0.5, jitter: false }, deadLetter: true },
    }));
    expect(hook.deliveryPolicy).toEqual({
      retry: { type: 'EXPONENTIAL_BACKOFF', maxAttempts: 4, initialDelaySeconds: 0.2, maxDelaySeconds: 0.5, jitter: false, retryOnStatuses: [] },
      deadLetter: true, autoDeactivateAfterFailures: null, maxBatchSize: 50,
    });
    await createGroup(server, 'Backoff');
    await waitFor('the dead letter', async () => (await queueCounts(server, hook.id)).DEAD_LETTER === 1);
    expect(r.deliveries()).toHaveLength(4);
    const log = (await server.api('GET', `/api/v1/eventHooks/${hook.id}/deliveries`)).body.reverse();
    expect(log.map((d: any) => d.attempt)).toEqual([1, 2, 3, 4]);
    // Each retry waits at least its backoff: 0.2 s, 0.4 s, then capped at 0.5 s.
    const times = log.map((d: any) => Date.parse(d.created));
    [200, 400, 500].forEach((delay, i) => expect(times[i + 1] - times[i]).toBeGreaterThanOrEqual(delay - 5));
    expect(new Set(r.deliveries().map((d) => d.body.eventId)).size).toBe(4);
    const queue = (await server.api('GET', `/api/v1/eventHooks/${hook.id}/outbox?status=DEAD_LETTER`)).body;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ status: 'DEAD_LETTER', attempts: 4, lastError: 'The receiver answered with HTTP 503', nextAttemptAt: null });

    failing = false;
    const redelivery = await server.api('POST', `/api/v1/eventHooks/${hook.id}/replay`, { status: 'DEAD_LETTER' });
    expect(redelivery.status).toBe(202);
    expect(redelivery.body).toEqual({ queued: 1 });
    await waitFor('the redelivered dead letter', async () => (await queueCounts(server, hook.id)).DELIVERED === 1);
    expect(r.deliveries()).toHaveLength(5);
    expect(r.deliveries()[4].body.data.events[0].uuid).toBe(queue[0].eventUuid);
  });

  it('retries only the 4xx statuses a backoff policy names', async () => {
    const answers = [429, 404];
    const r = await receiver((_req, res) => { res.writeHead(answers.shift() ?? 200).end(); });
    const hook = await verifiedHook(server, hookBody(`${r.url}/retry-on`, ['group.lifecycle.create'], {
      deliveryPolicy: { retry: { type: 'EXPONENTIAL_BACKOFF', maxAttempts: 5, initialDelaySeconds: 0.05, retryOnStatuses: [429, 408] } },
    }));
    await createGroup(server, 'Retry on');
    await waitFor('given up on the 404', async () => (await queueCounts(server, hook.id)).FAILED === 1);
    expect(r.deliveries()).toHaveLength(2);
  });

  it('deactivates a hook after a run of failures, with a System Log event', async () => {
    const r = await receiver((_req, res) => { res.writeHead(500).end(); });
    const hook = await verifiedHook(server, hookBody(`${r.url}/always-down`, ['group.lifecycle.create'], { deliveryPolicy: { autoDeactivateAfterFailures: 3 } }));
    await createGroup(server, 'Down 1');
    await waitFor('two failed attempts', async () => (await queueCounts(server, hook.id)).FAILED === 1);
    expect((await server.api('GET', `/api/v1/eventHooks/${hook.id}`)).body.status).toBe('ACTIVE');
    await createGroup(server, 'Down 2');
    await waitFor('deactivation', async () => (await server.api('GET', `/api/v1/eventHooks/${hook.id}`)).body.status === 'INACTIVE');
    const [deactivated] = await logs(`eventType eq "event_hook.deactivated" and target.id eq "${hook.id}"`);
    expect(deactivated.outcome.reason).toBe('Deactivated automatically after 4 failed delivery attempts in a row');
    expect(deactivated.actor.id).toBe(SYSTEM_ACTOR.id);
    await createGroup(server, 'Down 3');
    const delivered = r.deliveries().length;
    expect(await queueCounts(server, hook.id)).toEqual({ FAILED: 2 });
    expect(delivered).toBe(4);
  });

  it('redelivers one delivery, chosen events, and a time range that includes events older than the hook', async () => {
    const before = await createGroup(server, 'Before the hook');
    const r = await receiver();
    const hook = await verifiedHook(server, hookBody(`${r.url}/replay`, ['group.lifecycle.create']));
    const since = new Date(Date.now() - 60_000).toISOString();
    const after = await createGroup(server, 'After the hook');
    await waitFor('the live delivery', () => r.events().length === 1);
    expect(r.events()[0].target[0].id).toBe(after);

    const [delivery] = (await server.api('GET', `/api/v1/eventHooks/${hook.id}/deliveries`)).body;
    const one = await server.api('POST', `/api/v1/eventHooks/${hook.id}/deliveries/${delivery.id}/replay`);
    expect(one.status).toBe(202);
    await waitFor('the replayed delivery', () => r.events().length === 2);
    expect(r.events()[1].uuid).toBe(r.events()[0].uuid);

    const range = await server.api('POST', `/api/v1/eventHooks/${hook.id}/replay`, { since, until: new Date(Date.now() + 1000).toISOString() });
    expect(range.body.queued).toBeGreaterThanOrEqual(2);
    await waitFor('the range', () => r.events().some((e) => e.target[0].id === before));

    const [oldEvent] = await logs(`eventType eq "group.lifecycle.create" and target.id eq "${before}"`);
    const count = r.events().length;
    const chosen = await server.api('POST', `/api/v1/eventHooks/${hook.id}/replay`, { eventIds: [oldEvent.uuid] });
    expect(chosen.body).toEqual({ queued: 1 });
    await waitFor('the chosen event', () => r.events().length === count + 1);

    const bad = await server.api('POST', `/api/v1/eventHooks/${hook.id}/replay`, { eventIds: ['no-such-event'] });
    expect(bad.body.errorCauses[0].errorSummary).toBe('eventIds: No System Log event no-such-event');
    const both = await server.api('POST', `/api/v1/eventHooks/${hook.id}/replay`, { status: 'DEAD_LETTER', eventIds: [oldEvent.uuid] });
    expect(both.status).toBe(400);
    const audited = await logs(`eventType eq "event_hook.updated" and target.id eq "${hook.id}"`);
    expect(audited.map((e) => e.debugContext.debugData.redelivery)).toEqual(['delivery', 'range', 'events']);
  });

  it('signs with Standard Webhooks, again on each attempt, with rotation', async () => {
    let answers = [500, 200];
    const r = await receiver(async (_req, res) => {
      const status = answers.shift() ?? 200;
      // The failed attempt takes over a second, so the retry is signed with a later timestamp.
      if (status === 500) await new Promise((resolve) => setTimeout(resolve, 1_100));
      res.writeHead(status).end();
    });
    const hook = await verifiedHook(server, hookBody(`${r.url}/signed`, ['group.lifecycle.create']));
    const first = await server.api('POST', `/api/v1/eventHooks/${hook.id}/signingSecrets`, {});
    expect(first.status).toBe(200);
    expect(first.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(first.body).toMatchObject({ id: expect.stringMatching(/^whs/), status: 'ACTIVE', expiresAt: null });
    expect(JSON.stringify((await server.api('GET', `/api/v1/eventHooks/${hook.id}/signingSecrets`)).body)).not.toContain(first.body.secret);

    await createGroup(server, 'Signed');
    await waitFor('two attempts', () => r.deliveries().length === 2);
    const [a, b] = r.deliveries();
    for (const d of [a, b]) expect(verifyStandardWebhook(first.body.secret, d)).toBe(true);
    expect(a.headers['webhook-id']).toBe(a.body.eventId);
    expect(b.headers['webhook-id']).toBe(a.headers['webhook-id']);
    expect(Number(b.headers['webhook-timestamp'])).toBeGreaterThan(Number(a.headers['webhook-timestamp']));
    expect(b.headers['webhook-signature']).not.toBe(a.headers['webhook-signature']);
    expect(verifyStandardWebhook('whsec_' + Buffer.alloc(32, 7).toString('base64'), a)).toBe(false);

    // Rotation: a second secret; both sign during the grace period.
    answers = [];
    const second = await server.api('POST', `/api/v1/eventHooks/${hook.id}/signingSecrets`, { graceSeconds: 3600 });
    await createGroup(server, 'Rotating');
    await waitFor('the third delivery', () => r.deliveries().length === 3);
    const c = r.deliveries()[2];
    expect((c.headers['webhook-signature'] as string).split(' ')).toHaveLength(2);
    expect(verifyStandardWebhook(first.body.secret, c)).toBe(true);
    expect(verifyStandardWebhook(second.body.secret, c)).toBe(true);
    const secrets = (await server.api('GET', `/api/v1/eventHooks/${hook.id}/signingSecrets`)).body;
    expect(secrets.map((s: any) => [s.id, s.expiresAt === null])).toEqual([[first.body.id, false], [second.body.id, true]]);

    // The old secret is retired: only the new one signs.
    expect((await server.api('DELETE', `/api/v1/eventHooks/${hook.id}/signingSecrets/${first.body.id}`)).status).toBe(204);
    await createGroup(server, 'Rotated');
    await waitFor('the fourth delivery', () => r.deliveries().length === 4);
    const d = r.deliveries()[3];
    expect(verifyStandardWebhook(first.body.secret, d)).toBe(false);
    expect(verifyStandardWebhook(second.body.secret, d)).toBe(true);
  });

  it('delivers rows whose claim was left by a dead worker once the lease has run out', async () => {
    const r = await receiver();
    const hook = await verifiedHook(server, hookBody(`${r.url}/lease`, ['group.lifecycle.create']));
    await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
    const groupId = await createGroup(server, 'Leased');
    const [event] = await logs(`eventType eq "group.lifecycle.create" and target.id eq "${groupId}"`);
    // A row claimed by a worker that died: its lease is still running.
    const { requeueEvents } = await import('../src/events/events.js');
    await requeueEvents(server.ctx, server.ctx.db, 'eventHook', hook.id, [{ uuid: event.uuid, eventType: event.eventType, published: event.published }]);
    await server.ctx.db.updateTable('event_outbox').set({ claim_token: 'dead-worker', lease_until: new Date(Date.now() + 3_600_000).toISOString() }).where('target_id', '=', hook.id).execute();
    await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/activate`);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(r.deliveries()).toHaveLength(0);
    await server.ctx.db.updateTable('event_outbox').set({ lease_until: new Date(Date.now() - 1).toISOString() }).where('target_id', '=', hook.id).execute();
    await waitFor('the released row', () => r.events().length === 1);
    expect(r.events()[0].uuid).toBe(event.uuid);
  });
});
