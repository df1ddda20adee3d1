import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { json } from './helpers/hook-server.js';
import { hookBody, startReceiver, type Receiver } from '../src/hooks/event/test-kit.js';

describe('/api/v1/eventHooks management', () => {
  let server: TestServer;
  let receiver: Receiver;

  beforeAll(async () => {
    server = await startTestServer();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await server?.close();
  });

  const logsOf = async (eventType: string) => {
    const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "${eventType}"`)}`);
    return res.body as any[];
  };

  it('creates a hook ACTIVE and UNVERIFIED, as Okta, and never returns the auth value', async () => {
    const res = await server.api('POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/events`, ['user.lifecycle.create', 'group.user_membership.add'], {
      description: 'Sends user and group events',
    }));
    expect(res.status).toBe(200);
    const hook = res.body;
    expect(hook.id).toMatch(/^who[A-Za-z0-9]{17}$/);
    expect(hook).toMatchObject({
      status: 'ACTIVE',
      verificationStatus: 'UNVERIFIED',
      name: 'Test event hook',
      description: 'Sends user and group events',
      events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create', 'group.user_membership.add'], filter: null },
      channel: {
        type: 'HTTP', version: '1.0.0',
        config: {
          uri: `${receiver.url}/events`, method: 'POST',
          headers: [{ key: 'X-Other-Header', value: 'other-value' }],
          authScheme: { type: 'HEADER', key: 'Authorization' },
        },
      },
      deliveryPolicy: { retry: { type: 'OKTA' }, deadLetter: false, autoDeactivateAfterFailures: null, maxBatchSize: 50 },
    });
    expect(hook.createdBy).toMatch(/^00u/);
    expect(Date.parse(hook.created)).not.toBeNaN();
    expect(hook._links.self.href).toBe(`${server.ctx.config.issuer}/api/v1/eventHooks/${hook.id}`);
    expect(hook._links.verify).toEqual({ href: `${hook._links.self.href}/lifecycle/verify`, hints: { allow: ['POST'] } });
    expect(hook._links.deactivate.hints.allow).toEqual(['POST']);
    expect(JSON.stringify(hook)).not.toContain('hook-secret');
    expect((await logsOf('event_hook.created')).some((e) => e.target[0].id === hook.id)).toBe(true);

    const fetched = await server.api('GET', `/api/v1/eventHooks/${hook.id}`);
    expect(fetched.body).toEqual(hook);
    const listed = await server.api('GET', '/api/v1/eventHooks');
    expect(listed.body.map((h: any) => h.id)).toContain(hook.id);
    const stored = await server.ctx.db.selectFrom('event_hooks').select('secret_encrypted').where('id', '=', hook.id).executeTakeFirstOrThrow();
    expect(stored.secret_encrypted).not.toContain('hook-secret');
  });

  it('verifies with the one-time GET challenge, sending the auth and custom headers', async () => {
    const hook = (await server.api('POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/verify-me`, ['user.lifecycle.create']))).body;
    const before = receiver.requests.length;
    const res = await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
    expect(res.status).toBe(200);
    expect(res.body.verificationStatus).toBe('VERIFIED');
    const get = receiver.requests.slice(before).find((r) => r.method === 'GET')!;
    expect(get.url).toBe('/verify-me');
    expect(get.headers['x-okta-verification-challenge']).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(get.headers.authorization).toBe('hook-secret');
    expect(get.headers['x-other-header']).toBe('other-value');
    const logged = (await logsOf('event_hook.verified')).find((e) => e.target[0].id === hook.id);
    expect(logged.outcome.result).toBe('SUCCESS');
  });

  it('answers a wrong, missing or failed verification with 400, retrying once, and stays UNVERIFIED', async () => {
    const hook = (await server.api('POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/bad-verify`, ['user.lifecycle.create']))).body;
    for (const answer of [
      (res: any) => json(res, 200, { verification: 'not-the-challenge' }),
      (res: any) => json(res, 200, { something: 'else' }),
      (res: any) => res.writeHead(500).end(),
      (res: any) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    ]) {
      receiver.handle((req, res) => answer(res));
      const before = receiver.requests.length;
      const res = await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses[0].errorSummary).toBeTruthy();
      expect(receiver.requests.length - before).toBe(2);
    }
    receiver.handle((req, res) => json(res, 200, { verification: req.headers['x-okta-verification-challenge'] }));
    const still = await server.api('GET', `/api/v1/eventHooks/${hook.id}`);
    expect(still.body.verificationStatus).toBe('UNVERIFIED');
    const failed = (await logsOf('event_hook.verified')).filter((e) => e.target[0].id === hook.id);
    expect(failed.map((e) => e.outcome.result)).toEqual(['FAILURE', 'FAILURE', 'FAILURE', 'FAILURE']);
  });

  it('replaces a hook; a changed channel resets verification, an unchanged one keeps it and the secret', async () => {
    const hook = (await server.api('POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/replace`, ['user.lifecycle.create']))).body;
    await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);

    // An SDK-style round trip: the GET result with a new name and event list, without the write-only value.
    const current = (await server.api('GET', `/api/v1/eventHooks/${hook.id}`)).body;
    const renamed = await server.api('PUT', `/api/v1/eventHooks/${hook.id}`, {
      ...current, name: 'Renamed', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create', 'user.lifecycle.activate'] },
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', verificationStatus: 'VERIFIED', events: { items: ['user.lifecycle.create', 'user.lifecycle.activate'] } });
    expect(renamed.body.description).toBeNull();

    const moved = await server.api('PUT', `/api/v1/eventHooks/${hook.id}`, {
      ...current, channel: { ...current.channel, config: { ...current.channel.config, uri: `${receiver.url}/moved` } },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.verificationStatus).toBe('UNVERIFIED');
    expect(moved.body.channel.config.uri).toBe(`${receiver.url}/moved`);

    await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
    const newSecret = await server.api('PUT', `/api/v1/eventHooks/${hook.id}`, {
      ...moved.body, channel: { ...moved.body.channel, config: { ...moved.body.channel.config, authScheme: { type: 'HEADER', key: 'Authorization', value: 'rotated' } } },
    });
    expect(newSecret.body.verificationStatus).toBe('UNVERIFIED');
    const before = receiver.requests.length;
    await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
    expect(receiver.requests[before].headers.authorization).toBe('rotated');
  });

  it('deactivates, activates, and deletes only INACTIVE hooks', async () => {
    const hook = (await server.api('POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/life`, ['user.lifecycle.create']))).body;
    const refused = await server.api('DELETE', `/api/v1/eventHooks/${hook.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errorCode).toBe('E0000001');

    const off = await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
    expect(off.body.status).toBe('INACTIVE');
    expect(off.body._links.activate.href).toMatch(/lifecycle\/activate$/);
    const on = await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/activate`);
    expect(on.body.status).toBe('ACTIVE');
    await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
    const deleted = await server.api('DELETE', `/api/v1/eventHooks/${hook.id}`);
    expect(deleted.status).toBe(204);
    expect((await server.api('GET', `/api/v1/eventHooks/${hook.id}`)).body.errorCode).toBe('E0000007');
    const types = (await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`target.id eq "${hook.id}"`)}`)).body.map((e: any) => e.eventType);
    expect(types).toEqual(['event_hook.created', 'event_hook.deactivated', 'event_hook.activated', 'event_hook.deactivated', 'event_hook.deleted']);
  });

  it('answers unknown hooks with E0000007 and a missing or bad body with E0000001, writing nothing', async () => {
    for (const [method, path] of [['GET', '/api/v1/eventHooks/whoNoSuchHook0000000'], ['POST', '/api/v1/eventHooks/whoNoSuchHook0000000/lifecycle/verify'], ['DELETE', '/api/v1/eventHooks/whoNoSuchHook0000000']] as const) {
      const res = await server.api(method, path);
      expect(res.status, path).toBe(404);
      expect(res.body.errorCode, path).toBe('E0000007');
    }
    const count = async () => (await server.api('GET', '/api/v1/eventHooks')).body.length;
    const before = await count();
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...hookBody(`${receiver.url}/x`, ['user.lifecycle.create']), name: '' }, /^name: The field cannot be left blank/],
      [{ ...hookBody(`${receiver.url}/x`, []) }, /^events.items: At least one event type/],
      [hookBody(`${receiver.url}/x`, ['no.such.event']), /'no.such.event' is not an event type eligible/],
      [hookBody(`${receiver.url}/x`, ['inline_hook.created']), /'inline_hook.created' is not an event type eligible/],
      [hookBody(`${receiver.url}/x`, ['user.lifecycle.create', 'user.lifecycle.create']), /appears more than once/],
      [hookBody('https://10.0.0.8/hook', ['user.lifecycle.create']), /private or reserved address/],
      [hookBody('http://example.com/hook', ['user.lifecycle.create']), /must use https/],
      [{ ...hookBody(`${receiver.url}/x`, ['user.lifecycle.create']), channel: { type: 'OAUTH', version: '1.0.0', config: { uri: `${receiver.url}/x` } } }, /Unsupported channel type 'OAUTH'/],
      [{ ...hookBody(`${receiver.url}/x`, ['user.lifecycle.create']), events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'], filter: { eventFilterMap: [{ event: 'user.lifecycle.create', condition: { expression: "event.target.?[type eq 'User'" } }] } } }, /Invalid expression: Expected '\]'/],
      [{ ...hookBody(`${receiver.url}/x`, ['user.lifecycle.create']), events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'], filter: { eventFilterMap: [{ event: 'group.user_membership.add', condition: { expression: 'true' } }] } } }, /not one of the hook's event types/],
      [{ ...hookBody(`${receiver.url}/x`, ['user.lifecycle.create']), channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${receiver.url}/x`, headers: [{ key: 'Content-Type', value: 'text/plain' }] } } }, /reserved/],
      [{ ...hookBody(`${receiver.url}/x`, ['user.lifecycle.create']), channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${receiver.url}/x`, authScheme: { type: 'HEADER', key: 'Authorization' } } } }, /authScheme.value: The field cannot be left blank/],
      [{ ...hookBody(`${receiver.url}/x`, ['user.lifecycle.create']), deliveryPolicy: { retry: { type: 'SOMETIMES' } } }, /Unsupported retry type/],
    ];
    for (const [body, message] of bad) {
      const res = await server.api('POST', '/api/v1/eventHooks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses.map((c: any) => c.errorSummary).join('\n')).toMatch(new RegExp(message.source, 'm'));
    }
    const missing = await server.api('POST', '/api/v1/eventHooks', {});
    expect(missing.body.errorCauses.map((c: any) => c.errorSummary.split(':')[0])).toEqual(['name', 'events', 'channel']);
    expect(await count()).toBe(before);
  });

  it('limits a hook to 300 event types and an org to 25 hooks', async () => {
    const { EVENT_HOOK_ELIGIBLE_EVENT_TYPES } = await import('../src/hooks/event/eligible-event-types.js');
    const many = Array.from({ length: 301 }, (_, i) => EVENT_HOOK_ELIGIBLE_EVENT_TYPES[i % EVENT_HOOK_ELIGIBLE_EVENT_TYPES.length] + (i >= EVENT_HOOK_ELIGIBLE_EVENT_TYPES.length ? `.x${i}` : ''));
    const tooMany = await server.api('POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/x`, many));
    expect(tooMany.body.errorCauses[0].errorSummary).toBe('events.items: An event hook can subscribe to at most 300 event types');

    const existing = (await server.api('GET', '/api/v1/eventHooks')).body.length;
    for (let i = existing; i < 25; i++) {
      expect((await server.api('POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/n${i}`, ['user.lifecycle.create']))).status).toBe(200);
    }
    const over = await server.api('POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/over`, ['user.lifecycle.create']));
    expect(over.status).toBe(400);
    expect(over.body.errorSummary).toBe('Api validation failed: An org can have at most 25 event hooks');
  });
});
