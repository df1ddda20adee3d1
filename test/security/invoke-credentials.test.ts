import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createFlow, endpoint, endpointFlow, executionsOf, invoke, returnCard, wire } from '../helpers/workflows.js';

/*
 * Credentials sent to an invoke URL reach the flow but not its saved records (issue 13 item 12): with
 * "save all data" on, the execution shows "[redacted]" where the Authorization, Cookie, X-Api-Key and
 * similar values were, in the API Endpoint's outputs and in every card that copied them.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

test('authorization, cookie, proxy-authorization, x-api-key and token-named values are redacted in the saved execution', async () => {
  const flow = await createFlow(server, endpointFlow('Echo credentials', {
    securityLevel: 'medium',
    saveAllData: true,
    cards: [
      endpoint([{ id: 'auth', key: 'authorization', group: 'headers' }, { id: 'agent', key: 'x-agent', group: 'headers' }, { id: 'sig', key: 'signature', group: 'query' }]),
      returnCard('answer', [{ id: 'auth', key: 'auth' }, { id: 'agent', key: 'agent' }, { id: 'sig', key: 'sig' }, { id: 'rawHeaders', key: 'rawHeaders', type: 'object' }]),
    ],
    wires: [wire('endpoint.auth', 'answer.auth'), wire('endpoint.agent', 'answer.agent'), wire('endpoint.sig', 'answer.sig'), wire('endpoint.headers', 'answer.rawHeaders')],
  }));
  const secrets = {
    authorization: 'Bearer eyJhbGciOi.secret-bearer-value',
    cookie: 'sid=cookie-session-9876543210; theme=dark',
    'proxy-authorization': 'Basic cHJveHk6c2VjcmV0LXByb3h5',
    'x-api-key': 'key-1234567890abcdef',
    'x-auth-token': 'auth-token-0987654321',
  };
  const res = await invoke(`${flow.invokeUrl}?signature=query-signature-55555&page=2`, { body: {}, token: flow.clientToken!, headers: { ...secrets, 'x-agent': 'visible-agent' } });
  expect(res.status, res.text).toBe(200);
  // The flow itself got them.
  expect(res.json).toMatchObject({ auth: secrets.authorization, agent: 'visible-agent', sig: 'query-signature-55555' });
  expect(res.json.rawHeaders).toMatchObject({ cookie: secrets.cookie, 'x-api-key': secrets['x-api-key'] });
  expect(res.json.rawHeaders).not.toHaveProperty('x-api-client-token');

  const [execution] = await executionsOf(server, flow.id);
  const detail = await server.api('GET', `/api/workflows/v1/executions/${execution.id}`);
  expect(detail.status).toBe(200);
  const saved = JSON.stringify(detail.body);
  for (const value of [...Object.values(secrets), 'secret-bearer-value', 'cookie-session-9876543210', 'query-signature-55555', flow.clientToken!]) {
    expect(saved, value).not.toContain(value);
  }
  expect(saved).toContain('[redacted]');
  expect(saved).toContain('visible-agent');
  const row = await server.ctx.db.selectFrom('workflow_executions').select('data').where('id', '=', execution.id).executeTakeFirstOrThrow();
  for (const value of Object.values(secrets)) expect(row.data).not.toContain(value);
  const answer = detail.body.cards.find((c: { cardId: string }) => c.cardId === 'answer');
  expect(JSON.stringify(answer)).toContain('[redacted]');
});
