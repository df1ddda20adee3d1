import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { json, startHookServer, type HookServer } from '../../../test/helpers/hook-server.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { card, createFlow, endpoint, endpointFlow, executionsOf, field, invoke, returnCard, wire } from '../../../test/helpers/workflows.js';
import { readTemplate } from '../../../test/helpers/templates.js';
import type { FlowDefinition } from '../model/index.js';

/*
 * Workflows connections end to end over real HTTP: Okta's `data.configs` imported and exported verbatim,
 * bindings (secrets write-only), API Connector cards applying their connection's auth against a loopback
 * receiver, and the System Log.
 */

type Json = Record<string, any>;

let server: TestServer;
let remote: HookServer;
/** Everything the API answered in this file, to check that no secret ever came back. */
const answers: string[] = [];

const SECRETS = ['hdr-secret-value-1', 'hdr-secret-value-2', 'cs-secret-abc', 'basic-pass-xyz'];

async function api(method: string, path: string, body?: unknown) {
  const res = await server.api(method, path, body);
  answers.push(JSON.stringify(res.body ?? null));
  return res;
}

const importPack = async (pack: unknown) => api('POST', '/api/workflows/v1/import', pack);

beforeAll(async () => {
  server = await startTestServer();
  remote = await startHookServer();
});

afterAll(async () => {
  await remote?.close();
  await server?.close();
});

/** An API Endpoint flow with one Get card referencing the connection; it answers with the Get's body. */
function getFlow(name: string, connectionId: string, path: string): FlowDefinition {
  return endpointFlow(name, {
    securityLevel: 'open',
    cards: [
      endpoint(),
      card('get', 'httpfunctions:get', {
        name: 'Get',
        inputs: [
          field('getUrl', 'URL', 'string', { group: 'Request', value: `${remote.url}${path}` }),
          field('getHeaders', 'Headers', 'object', { group: 'Request', value: { 'X-Card': 'yes' } }),
        ],
        outputs: [field('getBody', 'Body', 'object', { group: 'Response' })],
        okta: { node: { model: { config: connectionId } } },
      }),
      returnCard('answer', [{ id: 'seen', key: 'seen', type: 'object' }]),
    ],
    wires: [wire('get.getBody', 'answer.seen')],
  });
}

async function logEvents(eventType: string): Promise<Json[]> {
  const res = await api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "${eventType}"`)}&limit=100`);
  expect(res.status).toBe(200);
  return res.body as Json[];
}

describe('import and export of connections', () => {
  test('a template\'s configs are stored unbound, listed with the flows that use them; Slack cannot be bound', async () => {
    const pack = readTemplate('invalidate_anomalous_slack_sessions') as Json;
    const res = await importPack(pack);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const configs = Object.values(pack.data.configs as Record<string, Json>);
    expect(res.body.ignored).toEqual({ tables: [], connections: [] });
    expect(res.body.connections).toHaveLength(configs.length);
    expect(res.body.connections).toEqual(
      expect.arrayContaining(configs.map((c) => ({ id: c.id, name: c.name, connector: c.module, bound: false }))),
    );

    const list = await api('GET', '/api/workflows/v1/connections?limit=200');
    expect(list.status).toBe(200);
    const api1 = (list.body as Json[]).find((c) => c.connector === 'httpfunctions')!;
    expect(api1).toMatchObject({ connectorName: 'API Connector', bindable: true, bound: false, binding: null, unavailable: null });
    expect(api1.usedBy.length).toBeGreaterThan(0);
    const slackPack = await importPack(readTemplate('send_a_slack_message_with_blocks'));
    expect(slackPack.body.connections).toMatchObject([{ connector: 'slack', bound: false }]);
    const slack = (await api('GET', `/api/workflows/v1/connections/${slackPack.body.connections[0].id}`)).body as Json;
    expect(slack).toMatchObject({ bindable: false, unavailable: 'Slack is not available in Tollgate' });

    const refused = await api('PUT', `/api/workflows/v1/connections/${slack.id}`, { binding: { auth: 'none' } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: 'binding: Slack is not available in Tollgate' }] });
  });

  test('a stored flow\'s export carries the configs its cards use, verbatim, and no binding; a re-import keeps the binding', async () => {
    const pack = readTemplate('send_sms_via_twilio') as Json;
    const imported = await importPack(pack);
    expect(imported.status).toBe(200);
    const connection = (imported.body.connections as Json[]).find((c) => c.connector === 'httpfunctions')!;
    const bound = await api('PUT', `/api/workflows/v1/connections/${connection.id}`, { binding: { auth: 'basic', username: 'AC123', password: 'basic-pass-xyz' } });
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    expect(bound.body).toMatchObject({ bound: true, binding: { auth: 'basic', username: 'AC123', passwordSet: true } });

    for (const flow of imported.body.flows as Json[]) {
      const exported = await api('GET', `/api/workflows/v1/flows/${flow.id}/export`);
      expect(exported.status).toBe(200);
      const original = pack.data.flos[flow.id];
      const referenced = new Set(JSON.stringify(original).match(/"config":"[^"]+"/g)?.map((m) => m.slice(10, -1)) ?? []);
      const expected = Object.fromEntries(Object.entries(pack.data.configs as Json).filter(([id]) => referenced.has(id)));
      expect(exported.body.data.configs).toStrictEqual(expected);
      expect(exported.body.data.flos[flow.id]).toStrictEqual(original);
    }

    const again = await importPack(pack);
    expect((again.body.connections as Json[]).find((c) => c.id === connection.id)).toMatchObject({ bound: true });
    const after = await api('GET', `/api/workflows/v1/connections/${connection.id}`);
    expect(after.body).toMatchObject({ bound: true, binding: { auth: 'basic', username: 'AC123', passwordSet: true } });
  });
});

describe('API Connector cards use their connection\'s auth', () => {
  test('a `header` connection: the Get card sends the header; re-binding changes it; the card\'s own headers stay', async () => {
    remote.handle((req, res) => json(res, 200, { token: req.headers['x-api-key'] ?? null, card: req.headers['x-card'] ?? null }));
    const created = await api('POST', '/api/workflows/v1/connections', {
      name: 'Partner API', connector: 'httpfunctions', binding: { auth: 'header', name: 'X-Api-Key', value: 'hdr-secret-value-1' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ bound: true, binding: { auth: 'header', name: 'X-Api-Key', valueSet: true }, usedBy: [] });
    const flow = await createFlow(server, getFlow('Header auth', created.body.id, '/partner'));

    const first = await invoke(flow.invokeUrl, { body: {} });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toEqual({ seen: { token: 'hdr-secret-value-1', card: 'yes' } });

    // The secret is write-only: a re-bind that leaves it out keeps it; one that gives it changes it.
    const renamed = await api('PUT', `/api/workflows/v1/connections/${created.body.id}`, { name: 'Partner API (prod)', binding: { auth: 'header', name: 'X-Api-Key' } });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Partner API (prod)', usedBy: [{ id: flow.id, name: 'Header auth' }] });
    expect((await invoke(flow.invokeUrl, { body: {} })).json).toEqual({ seen: { token: 'hdr-secret-value-1', card: 'yes' } });
    await api('PUT', `/api/workflows/v1/connections/${created.body.id}`, { binding: { auth: 'header', name: 'X-Api-Key', value: 'hdr-secret-value-2' } });
    expect((await invoke(flow.invokeUrl, { body: {} })).json).toEqual({ seen: { token: 'hdr-secret-value-2', card: 'yes' } });

    const exported = await api('GET', `/api/workflows/v1/flows/${flow.id}/export`);
    expect(exported.body.data.configs).toEqual({ [created.body.id]: { id: created.body.id, name: 'Partner API (prod)', module: 'httpfunctions', data: null } });
  });

  test('an `oauth2-client-credentials` connection: a token from the token URL (client authenticated), kept until it expires', async () => {
    let issued = 0;
    remote.handle((req, res) => {
      if (req.url === '/oauth/token') {
        const form = new URLSearchParams(req.rawBody);
        const basic = `Basic ${Buffer.from('client-1:cs-secret-abc').toString('base64')}`;
        if (req.headers.authorization !== basic || form.get('grant_type') !== 'client_credentials' || form.get('scope') !== 'read:things') {
          return json(res, 401, { error: 'invalid_client' });
        }
        issued += 1;
        return json(res, 200, { access_token: `at-${issued}`, token_type: 'Bearer', expires_in: 3600 });
      }
      if (req.headers.authorization !== `Bearer at-${issued}`) return json(res, 401, { error: 'invalid_token' });
      return json(res, 200, { ok: true, as: req.headers.authorization });
    });
    const created = await api('POST', '/api/workflows/v1/connections', {
      name: 'Things API', connector: 'httpfunctions',
      binding: { auth: 'oauth2-client-credentials', tokenUrl: `${remote.url}/oauth/token`, clientId: 'client-1', clientSecret: 'cs-secret-abc', scope: 'read:things' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.binding).toEqual({ auth: 'oauth2-client-credentials', tokenUrl: `${remote.url}/oauth/token`, clientId: 'client-1', scope: 'read:things', clientSecretSet: true });
    const flow = await createFlow(server, getFlow('OAuth auth', created.body.id, '/things'));

    for (let i = 0; i < 2; i += 1) {
      const res = await invoke(flow.invokeUrl, { body: {} });
      expect(res.status, res.text).toBe(200);
      expect(res.json).toEqual({ seen: { ok: true, as: 'Bearer at-1' } });
    }
    expect(issued).toBe(1);

    // A wrong secret: the token request fails and the card says which connection could not get a token.
    await api('PUT', `/api/workflows/v1/connections/${created.body.id}`, {
      binding: { auth: 'oauth2-client-credentials', tokenUrl: `${remote.url}/oauth/token`, clientId: 'client-1', clientSecret: 'wrong', scope: 'read:things' },
    });
    const failed = await invoke(flow.invokeUrl, { body: {} });
    expect(failed.status).toBeGreaterThanOrEqual(400);
    const [latest] = await executionsOf(server, flow.id);
    expect(latest.status).toBe('failed');
    expect(JSON.stringify(latest)).toContain("the connection 'Things API' could not get an access token");
    expect(JSON.stringify(latest)).toContain('HTTP 401 (invalid_client)');
  });

  test('a card whose connection is not bound fails naming it; nothing is sent', async () => {
    const pack = readTemplate('make_api_requests_http_card') as Json;
    const imported = await importPack(pack);
    const connection = (imported.body.connections as Json[])[0];
    expect(connection).toMatchObject({ connector: 'httpfunctions', bound: false });
    const before = remote.requests.length;
    const flow = await createFlow(server, getFlow('Unbound', connection.id, '/never'));
    const res = await invoke(flow.invokeUrl, { body: {} });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const [latest] = await executionsOf(server, flow.id);
    expect(latest.status).toBe('failed');
    expect(JSON.stringify(latest)).toContain(`the connection '${connection.name}' (API Connector) is not bound`);
    expect(remote.requests.length).toBe(before);
  });
});

describe('connections API', () => {
  test('bindings are checked (each problem a cause) and a bad one changes nothing', async () => {
    const created = await api('POST', '/api/workflows/v1/connections', { name: 'Checked', connector: 'httpfunctions' });
    expect(created.body).toMatchObject({ bound: false, binding: null });
    const id = created.body.id as string;
    const cases: Array<[unknown, string[]]> = [
      [{ auth: 'kerberos' }, ["binding.auth: 'kerberos' is not an auth type of API Connector connections (none, basic, header, oauth2-client-credentials)"]],
      [{ auth: 'basic', username: 'a' }, ['binding.password: The field cannot be left blank']],
      [{ auth: 'header', name: 'Bad Header', value: 'v' }, ['binding.name: Not a valid HTTP header name']],
      [{ auth: 'header', name: 'X-Ok', value: 'v', password: 'p' }, ["binding.password: Not a field of 'header' bindings"]],
      [
        { auth: 'oauth2-client-credentials', tokenUrl: 'http://example.com/token', clientSecret: 's' },
        ['binding.tokenUrl: The URI must use https:// (http:// is accepted only for hosts in TOLLGATE_ALLOWED_HOSTS)', 'binding.clientId: The field cannot be left blank'],
      ],
    ];
    for (const [binding, causes] of cases) {
      const res = await api('PUT', `/api/workflows/v1/connections/${id}`, { binding });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: binding' });
      expect((res.body.errorCauses as Json[]).map((c) => c.errorSummary)).toEqual(causes);
    }
    expect((await api('GET', `/api/workflows/v1/connections/${id}`)).body).toMatchObject({ bound: false, binding: null });
    const slack = await api('POST', '/api/workflows/v1/connections', { name: 'My Slack', connector: 'slack' });
    expect(slack.status).toBe(400);
    expect(slack.body.errorCauses[0].errorSummary).toMatch(/^connector: Slack is not available in Tollgate/);
    expect((await api('GET', '/api/workflows/v1/connections/nope')).body).toMatchObject({ errorCode: 'E0000007' });
  });

  test('an Okta connection binds to this org (a note, no secrets)', async () => {
    const pack = readTemplate('validate_email_domain_using_registration_inline_ho') as Json;
    await importPack(pack);
    const list = await api('GET', '/api/workflows/v1/connections?limit=200');
    const okta = (list.body as Json[]).find((c) => c.connector === 'okta');
    if (okta) {
      const res = await api('PUT', `/api/workflows/v1/connections/${okta.id}`, { binding: { auth: 'this-org', note: 'this Tollgate' } });
      expect(res.body).toMatchObject({ bound: true, binding: { auth: 'this-org', note: 'this Tollgate' } });
      const wrong = await api('PUT', `/api/workflows/v1/connections/${okta.id}`, { binding: { auth: 'basic', username: 'x', password: 'y' } });
      expect(wrong.body.errorCauses[0].errorSummary).toBe("binding.auth: 'basic' is not an auth type of Okta connections (this-org)");
    } else {
      const created = await api('POST', '/api/workflows/v1/connections', { name: 'Okta', connector: 'okta', binding: { auth: 'this-org' } });
      expect(created.body).toMatchObject({ bound: true, binding: { auth: 'this-org' } });
    }
  });

  test('delete is refused while a flow uses the connection, and works once none does; the System Log has each change', async () => {
    const created = await api('POST', '/api/workflows/v1/connections', { name: 'Short-lived', connector: 'httpfunctions', binding: { auth: 'none' } });
    const id = created.body.id as string;
    const flow = await createFlow(server, getFlow('Uses short-lived', id, '/x'), false);
    const refused = await api('DELETE', `/api/workflows/v1/connections/${id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errorCauses[0].errorSummary).toBe("connection: The connection 'Short-lived' is used by the flow 'Uses short-lived'; delete those flows or change their cards first");
    expect((await api('GET', `/api/workflows/v1/connections/${id}`)).status).toBe(200);

    expect((await api('DELETE', `/api/workflows/v1/flows/${flow.id}`)).status).toBe(204);
    expect((await api('DELETE', `/api/workflows/v1/connections/${id}`)).status).toBe(204);
    expect((await api('GET', `/api/workflows/v1/connections/${id}`)).status).toBe(404);

    for (const type of ['workflows.user.connection.create', 'workflows.user.connection.reauthorize', 'workflows.user.connection.delete']) {
      const events = await logEvents(type);
      expect(events.length, type).toBeGreaterThan(0);
      expect(events[0].target[0]).toMatchObject({ type: 'WorkflowsConnection' });
    }
    expect((await logEvents('workflows.user.connection.delete'))[0].target[0]).toMatchObject({ id, displayName: 'Short-lived', alternateId: 'httpfunctions' });
  });

  test('no secret was ever in an answer (API, exports)', () => {
    const all = answers.join('\n');
    for (const secret of SECRETS) expect(all).not.toContain(secret);
  });
});
