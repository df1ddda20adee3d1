import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contractorsFlow } from '../src/workflows/demo-flows/contractors.js';
import { eventually } from './helpers/eventually.js';
import { startTestServer, type ApiReply, type TestServer } from './helpers/server.js';
import { card, createFlow, endpoint, endpointFlow, executionsOf, invoke } from './helpers/workflows.js';
import { readTemplate } from './helpers/templates.js';

/*
 * The Workflows API (`/api/workflows/v1`) as an admin or a script uses it: credentials, flows (create,
 * get, list, replace, on/off, delete, export), import of Okta exports, and their System Log events.
 */

const template = (name: string) => readTemplate(name) as any;

let server: TestServer;

async function logEvents(eventType: string, targetId: string) {
  const filter = encodeURIComponent(`eventType eq "${eventType}" and target.id eq "${targetId}"`);
  const res = await server.api('GET', `/api/v1/logs?filter=${filter}`);
  expect(res.status).toBe(200);
  return res.body as Array<{ eventType: string }>;
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('credentials', () => {
  test('without an API token: 401 E0000011', async () => {
    const res = await fetch(`${server.url}/api/workflows/v1/flows`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ errorCode: 'E0000011' });
    const wrong = await fetch(`${server.url}/api/workflows/v1/flows`, { headers: { authorization: 'SSWS nope' } });
    expect(wrong.status).toBe(401);
  });
});

describe('flows', () => {
  test('create: off by default, with id, invoke URL, client token, definition in canonical form', async () => {
    const res = await server.api('POST', '/api/workflows/v1/flows', { ...contractorsFlow, id: 'contractors-copy' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'contractors-copy', name: contractorsFlow.name, status: 'INACTIVE', securityLevel: 'medium', saveAllData: true, unsupportedCards: [],
      invokeUrl: expect.stringMatching(/\/api\/flo\/[0-9a-f]{32}\/invoke$/), clientToken: expect.stringMatching(/^[0-9a-f]{48}$/),
    });
    expect(res.body.definition).toMatchObject({ id: 'contractors-copy', name: contractorsFlow.name, cards: contractorsFlow.cards });
    expect(res.body._links.activate.href).toMatch(/\/flows\/contractors-copy\/activate$/);
    expect(await logEvents('workflows.user.flow.create', 'contractors-copy')).toHaveLength(1);

    const again = await server.api('POST', '/api/workflows/v1/flows', { ...contractorsFlow, id: 'contractors-copy' });
    expect(again.status).toBe(400);
    expect(again.body.errorCauses[0].errorSummary).toMatch(/already exists/);
  });

  test('a flow without an id gets one; ?activate=true turns it on', async () => {
    const res = await server.api('POST', '/api/workflows/v1/flows?activate=true', { name: 'Anonymous', cards: [{ id: 'start', type: 'control:noop' }], wires: [] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ACTIVE', invokeUrl: null, clientToken: null, securityLevel: null });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('an invalid definition: 400 with one cause per problem, and nothing is created', async () => {
    const before = (await server.api('GET', '/api/workflows/v1/flows?limit=200')).body.length;
    const res = await server.api('POST', '/api/workflows/v1/flows', {
      name: 'Broken',
      cards: [{ id: 'a', type: 'control:noop' }, { id: 'a', type: 'string:compose', outputs: [] }],
      wires: [{ from: { card: 'a', field: 'nope' }, to: { card: 'ghost', field: 'x' } }],
    });
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    const causes = res.body.errorCauses.map((cause: { errorSummary: string }) => cause.errorSummary);
    expect(causes).toEqual(expect.arrayContaining([expect.stringMatching(/used twice/), expect.stringMatching(/not in the flow/)]));
    expect((await server.api('GET', '/api/workflows/v1/flows?limit=200')).body.length).toBe(before);

    expect((await server.api('POST', '/api/workflows/v1/flows', { cards: [], wires: [] })).status).toBe(400);
    expect((await server.api('POST', '/api/workflows/v1/flows', '[1,2]')).status).toBe(400);
  });

  test('get, and 404 for an unknown flow', async () => {
    expect((await server.api('GET', '/api/workflows/v1/flows/contractors-copy')).body.name).toBe(contractorsFlow.name);
    const missing = await server.api('GET', '/api/workflows/v1/flows/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.errorCode).toBe('E0000007');
  });

  test('list pages in creation order with Link headers', async () => {
    for (const name of ['Page A', 'Page B', 'Page C']) await createFlow(server, endpointFlow(name, { cards: [endpoint()] }), false);
    const seen: string[] = [];
    let next: string | undefined = '/api/workflows/v1/flows?limit=2';
    while (next) {
      // Typed, as `next` comes from this reply and the generic api() would otherwise infer in a circle.
      const res: ApiReply<Array<{ name: string }>> = await server.api('GET', next);
      expect(res.status).toBe(200);
      expect(res.body.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.map((flow) => flow.name));
      const link = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      if (link) expect(link.startsWith(`${server.ctx.config.issuer}/api/workflows/v1/flows?`)).toBe(true);
      next = link ? new URL(link).pathname + new URL(link).search : undefined;
    }
    expect(seen.filter((name) => name.startsWith('Page'))).toEqual(['Page A', 'Page B', 'Page C']);
    expect(new Set(seen).size).toBe(seen.length);
  });

  test('replace keeps the alias, the client token and the state; the new definition serves the next call', async () => {
    const flow = await createFlow(server, endpointFlow('Replace me', { securityLevel: 'open', cards: [endpoint(), card('noop', 'control:noop')] }));
    const replaced = await server.api('PUT', `/api/workflows/v1/flows/${flow.id}`, endpointFlow('Replaced', {
      securityLevel: 'open',
      cards: [endpoint(), card('raw', 'control:returnRaw', { inputs: [{ id: 'text', key: 'body', type: 'string', value: 'v2' }] })],
    }));
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: flow.id, name: 'Replaced', status: 'ACTIVE', invokeUrl: flow.invokeUrl });
    expect((await invoke(flow.invokeUrl)).text).toBe('v2');
    expect(await logEvents('workflows.user.flow.save', flow.id)).toHaveLength(1);

    const otherId = await server.api('PUT', `/api/workflows/v1/flows/${flow.id}`, { ...endpointFlow('x', { cards: [endpoint()] }), id: 'another' });
    expect(otherId.status).toBe(400);
    expect((await server.api('PUT', '/api/workflows/v1/flows/nope', endpointFlow('x', { cards: [endpoint()] }))).status).toBe(404);

    const secured = await createFlow(server, endpointFlow('Token stays', { cards: [endpoint()] }));
    const again = await server.api('PUT', `/api/workflows/v1/flows/${secured.id}`, endpointFlow('Token stays', { cards: [endpoint(), card('n', 'control:noop')] }));
    expect(again.body.clientToken).toBe(secured.clientToken);
  });

  test('activate and deactivate are logged once; delete needs the flow off and takes its history along', async () => {
    const flow = await createFlow(server, endpointFlow('Short-lived', { securityLevel: 'open', cards: [endpoint()] }), false);
    expect((await server.api('POST', `/api/workflows/v1/flows/${flow.id}/activate`)).body.status).toBe('ACTIVE');
    expect((await server.api('POST', `/api/workflows/v1/flows/${flow.id}/activate`)).body.status).toBe('ACTIVE');
    expect(await logEvents('workflows.user.flow.activate', flow.id)).toHaveLength(1);
    expect((await invoke(flow.invokeUrl)).status).toBe(200);
    await eventually(async () => expect(await executionsOf(server, flow.id)).toHaveLength(1));

    const refused = await server.api('DELETE', `/api/workflows/v1/flows/${flow.id}`);
    expect(refused.status).toBe(400);
    expect((await server.api('POST', `/api/workflows/v1/flows/${flow.id}/deactivate`)).body.status).toBe('INACTIVE');
    expect(await logEvents('workflows.user.flow.deactivate', flow.id)).toHaveLength(1);

    const executionId = (await executionsOf(server, flow.id))[0].id;
    expect((await server.api('DELETE', `/api/workflows/v1/flows/${flow.id}`)).status).toBe(204);
    expect((await server.api('GET', `/api/workflows/v1/flows/${flow.id}`)).status).toBe(404);
    expect((await server.api('GET', `/api/workflows/v1/executions/${executionId}`)).status).toBe(404);
    expect((await invoke(flow.invokeUrl)).status).toBe(404);
    expect(await logEvents('workflows.user.flow.delete', flow.id)).toHaveLength(1);
  });

  test('export gives an Okta .flopack that imports back as the same flow', async () => {
    const res = await server.api('GET', '/api/workflows/v1/flows/contractors-copy/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="Registration hook_ contractors.flopack"');
    expect(res.body).toMatchObject({ type: 'flopack', data: { flos: { 'contractors-copy': { name: contractorsFlow.name } } } });
    expect(await logEvents('workflows.user.flow.export', 'contractors-copy')).toHaveLength(1);

    const imported = await server.api('POST', '/api/workflows/v1/import', res.body);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 0, replaced: 1, flows: [{ id: 'contractors-copy', status: 'INACTIVE' }] });
    expect(imported.body.flows[0].definition.cards.map((c: { id: string }) => c.id)).toEqual(contractorsFlow.cards.map((c) => c.id));
  });
});

describe('import', () => {
  test('implement_log_streaming_with_okta_workflows.flopack: imported off, turned on, invoked, its execution recorded', async () => {
    const res = await server.api('POST', '/api/workflows/v1/import', template('implement_log_streaming_with_okta_workflows'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, replaced: 0, ignored: { tables: [], connections: [] } });
    const [flow] = res.body.flows;
    expect(flow).toMatchObject({
      id: 'f4a83e91-5b8b-4a13-a6c9-ff5f78f9c36e', name: 'AWS', status: 'INACTIVE', securityLevel: 'open', clientToken: null, unsupportedCards: [],
      folder: { id: '606e30dd-2893-4495-9a96-d62950094607', name: 'Log Streaming' },
    });
    const exported = await server.api('GET', `/api/workflows/v1/flows/${flow.id}/export`);
    expect(exported.body.data.groups['606e30dd-2893-4495-9a96-d62950094607']).toMatchObject({ data: { name: 'Log Streaming' } });
    expect(await logEvents('workflows.user.flow.import', flow.id)).toHaveLength(1);

    expect((await invoke(flow.invokeUrl, { body: { event_type: 'FLOW_START' } })).status).toBe(404);
    await server.api('POST', `/api/workflows/v1/flows/${flow.id}/activate`);
    const event = { event_type: 'FLOW_START', execution_id: 'e-1', flow_name: 'Demo' };
    const call = await invoke(flow.invokeUrl, { body: event });
    expect(call.status).toBe(200);
    expect(call.json).toEqual({});

    const [execution] = await eventually(async () => {
      const list = await executionsOf(server, flow.id);
      expect(list).toHaveLength(1);
      return list;
    });
    expect(execution).toMatchObject({ id: call.headers.get('x-execution-id'), status: 'succeeded', ending: 'completed', statusCode: 200, dataSaved: true });
    const detail = await server.api('GET', `/api/workflows/v1/executions/${execution.id}`);
    expect(detail.body.cards[0]).toMatchObject({ cardType: 'http:accept', outputs: { 'raw.body': JSON.stringify(event), 'context.execution_id': execution.id } });
  });

  test('a template with connectors imports, reporting the cards Tollgate cannot run', async () => {
    const res = await server.api('POST', '/api/workflows/v1/import', template('detect_and_respond_to_mfa_fatigue_attacks'));
    expect(res.status).toBe(200);
    const unsupported = res.body.flows.flatMap((flow: { unsupportedCards: Array<{ type: string }> }) => flow.unsupportedCards.map((card) => card.type));
    expect(unsupported.some((type: string) => type.startsWith('slack:'))).toBe(true);
    expect(res.body.tables.length).toBeGreaterThan(0);
  });

  test('a file that is not an Okta export: 400, nothing imported', async () => {
    const before = (await server.api('GET', '/api/workflows/v1/flows?limit=200')).body.length;
    const notFlopack = await server.api('POST', '/api/workflows/v1/import', { type: 'something', data: {} });
    expect(notFlopack.status).toBe(400);
    expect(notFlopack.body.errorCauses[0].errorSummary).toMatch(/not an Okta Workflows export/);
    const broken = template('implement_log_streaming_with_okta_workflows');
    broken.data.flos['f4a83e91-5b8b-4a13-a6c9-ff5f78f9c36e'].data = 'oops';
    expect((await server.api('POST', '/api/workflows/v1/import', broken)).status).toBe(400);
    expect((await server.api('GET', '/api/workflows/v1/flows?limit=200')).body.length).toBe(before);
  });
});

describe('executions', () => {
  test('an unknown execution or the executions of an unknown flow: 404', async () => {
    expect((await server.api('GET', '/api/workflows/v1/executions/nope')).status).toBe(404);
    expect((await server.api('GET', '/api/workflows/v1/flows/nope/executions')).status).toBe(404);
    expect((await server.api('GET', '/api/workflows/v1/flows/contractors-copy/executions?status=maybe')).status).toBe(400);
  });
});
