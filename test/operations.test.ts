/**
 * Operations endpoints over real HTTP: /health, /ready (and its 503s, from a real database that lost its
 * migrations), /metrics (who may read it, and the counters the server keeps), and the OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { createFlow, endpoint, endpointFlow, invoke, returnCard } from './helpers/workflows.js';
import { createGroup, hookBody, startReceiver, verifiedHook, waitFor, type Receiver } from '../src/hooks/event/test-kit.js';

interface Sample { labels: Record<string, string>; value: number }

/** The samples of one metric in a Prometheus text exposition. */
function samples(text: string, name: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)) labels[key] = value;
    out.push({ labels, value: Number(m[3]) });
  }
  return out;
}

function valueOf(text: string, name: string, labels: Record<string, string>): number {
  const found = samples(text, name).find((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found?.value ?? 0;
}

let server: TestServer;
let hooks: HookServer;
let receiver: Receiver;

beforeAll(async () => {
  server = await startTestServer();
  hooks = await startHookServer();
  receiver = await startReceiver();
});

afterAll(async () => {
  await server?.close();
  await hooks?.close();
  await receiver?.close();
});

async function scrape(target = server, headers: Record<string, string> = { authorization: `SSWS ${target.token}` }): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(`${target.url}/metrics`, { headers });
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe('/health and /ready', () => {
  it('/health answers {"status":"ok"} without credentials', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/ready answers 200 while the database answers and its migrations are current', async () => {
    const res = await fetch(`${server.url}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: server.ctx.dialect, migrations: 'current' });
  });

  it('/ready answers 503 with the reason when a migration has not run, and 200 again once it has', async () => {
    const other = await startTestServer();
    try {
      await sql`delete from kysely_migration where name = ${'0013_identity_sources'}`.execute(other.ctx.db);
      const res = await fetch(`${other.url}/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', reason: 'Database migrations not run: 0013_identity_sources' });
      await sql`insert into kysely_migration (name, timestamp) values (${'0013_identity_sources'}, ${new Date().toISOString()})`.execute(other.ctx.db);
      expect((await fetch(`${other.url}/ready`)).status).toBe(200);

      await sql`drop table kysely_migration`.execute(other.ctx.db);
      const gone = await fetch(`${other.url}/ready`);
      expect(gone.status).toBe(503);
      expect((await gone.json()).reason).toMatch(/^The migration table cannot be read: .*kysely_migration/);
    } finally {
      await other.close();
    }
  });
});

describe('/metrics', () => {
  it('needs the API token: 401 with Okta\'s error body without it or with a wrong one', async () => {
    for (const headers of [{}, { authorization: 'SSWS wrong' }] as Array<Record<string, string>>) {
      const res = await scrape(server, headers);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.text)).toMatchObject({ errorCode: 'E0000011' });
    }
  });

  it('answers without the token when TOLLGATE_METRICS_PUBLIC=true', async () => {
    const open = await startTestServer({ env: { TOLLGATE_METRICS_PUBLIC: 'true' } });
    try {
      const res = await scrape(open, {});
      expect(res.status).toBe(200);
      expect(res.text).toContain('# TYPE tollgate_http_requests_total counter');
    } finally {
      await open.close();
    }
  });

  it('counts requests by method, route pattern and status, in the Prometheus text format', async () => {
    const user = await server.api('GET', '/api/v1/users/00unothere000000000');
    expect(user.status).toBe(404);
    expect((await fetch(`${server.url}/no/such/page`)).status).toBe(404);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(res.text, 'tollgate_http_requests_total', { method: 'GET', route: '/api/v1/users/:userId', status: '404' })).toBe(1);
    expect(valueOf(res.text, 'tollgate_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    // The process's own metrics come along.
    expect(samples(res.text, 'process_resident_memory_bytes')[0]?.value).toBeGreaterThan(0);
  });

  it('counts inline hook calls by type and outcome', async () => {
    const created = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Metrics hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${hooks.url}/hook`, method: 'POST' } },
    });
    expect(created.status).toBe(200);
    const payload = { eventId: 'metricsTest000000000a', data: { userProfile: { email: 'a@example.com' } } };
    hooks.handle((_req, res) => json(res, 200, { commands: [] }));
    expect((await server.api('POST', `/api/v1/inlineHooks/${created.body.id}/execute`, payload)).status).toBe(200);
    hooks.handle((_req, res) => { res.writeHead(500).end(); });
    expect((await server.api('POST', `/api/v1/inlineHooks/${created.body.id}/execute`, payload)).status).toBe(400);
    const { text } = await scrape();
    expect(valueOf(text, 'tollgate_inline_hook_calls_total', { type: 'com.okta.user.pre-registration', outcome: 'SUCCESS' })).toBe(1);
    expect(valueOf(text, 'tollgate_inline_hook_calls_total', { type: 'com.okta.user.pre-registration', outcome: 'FAILURE' })).toBe(1);
  });

  it('counts event deliveries by outcome, and shows the outbox depth', async () => {
    const hook = await verifiedHook(server, hookBody(`${receiver.url}/events`, ['group.lifecycle.create']));
    // Hold deliveries so that the event waits in the outbox while the gauge is read.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    receiver.onDelivery(async (_req, res) => { await held; res.writeHead(200).end(); });
    await createGroup(server, 'Metrics group');
    await waitFor('the delivery to arrive', () => receiver.deliveries().length > 0);
    await createGroup(server, 'Metrics group two');
    const waiting = await scrape();
    expect(valueOf(waiting.text, 'tollgate_event_outbox_pending', { sink: 'eventHook' })).toBeGreaterThanOrEqual(1);
    release();
    await waitFor('both events delivered', async () => {
      const { text } = await scrape();
      return valueOf(text, 'tollgate_event_deliveries_total', { sink: 'eventHook', outcome: 'DELIVERED' }) >= 2
        && valueOf(text, 'tollgate_event_outbox_pending', { sink: 'eventHook' }) === 0;
    });
    expect(receiver.events().filter((e) => e.eventType === 'group.lifecycle.create')).toHaveLength(2);
    await server.api('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
  });

  it('counts flow executions by trigger and status', async () => {
    const flow = await createFlow(server, endpointFlow('Metrics echo', {
      securityLevel: 'open',
      cards: [endpoint(), returnCard('answer', [{ id: 'done', key: 'done', value: 'yes' }])],
    }));
    expect((await invoke(flow.invokeUrl)).status).toBe(200);
    await waitFor('the execution to be counted', async () => {
      const { text } = await scrape();
      return valueOf(text, 'tollgate_flow_executions_total', { trigger: 'http', status: 'succeeded' }) >= 1;
    });
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document of the routes served, built from their schemas', async () => {
    const res = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text());
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info).toMatchObject({ title: 'Tollgate' });
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.servers).toEqual([{ url: server.ctx.config.issuer }]);
    for (const p of ['/api/v1/users', '/api/v1/users/{userId}', '/api/v1/inlineHooks', '/api/v1/inlineHooks/{inlineHookId}/execute', '/health', '/ready', '/metrics']) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    // Path parameters in {name} form, each described; no Fastify syntax left, no HEAD twins.
    for (const [p, item] of Object.entries<Record<string, any>>(doc.paths)) {
      expect(p).not.toMatch(/[:*]/);
      expect(Object.keys(item)).not.toContain('head');
      for (const op of Object.values<any>(item)) {
        const names = (op.parameters ?? []).filter((x: any) => x.in === 'path').map((x: any) => x.name).sort();
        expect(names, p).toEqual([...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort());
      }
    }
    const execute = doc.paths['/api/v1/inlineHooks/{inlineHookId}/execute'].post;
    expect(execute.security).toEqual([{ SSWS: [] }]);
    expect(execute.parameters).toContainEqual({ name: 'inlineHookId', in: 'path', required: true, schema: { type: 'string' } });
    expect(execute.requestBody.content['application/json'].schema).toMatchObject({ type: 'object' });
    expect(doc.paths['/api/v1/inlineHooks'].get.parameters).toContainEqual(expect.objectContaining({ name: 'type', in: 'query', required: false }));
    expect(doc.paths['/api/workflows/v1/flows'].get.security).toEqual([{ SSWS: [] }]);
    expect(doc.paths['/metrics'].get.security).toEqual([{ SSWS: [] }]);
    expect(doc.paths['/health'].get.security).toBeUndefined();
    expect(doc.paths['/api/v1/openapi.json'].get.security).toBeUndefined();
    expect(doc.components.securitySchemes.SSWS).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
  });
});
