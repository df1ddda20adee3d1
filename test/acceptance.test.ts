import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Browser } from './helpers/browser.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { eventually } from './helpers/eventually.js';

/*
 * The acceptance scenario of DESIGN.md, end to end over HTTP, on whichever database the suite runs on:
 * the demo org's sign-up page → the registration inline hook → the flow "Registration hook: contractors"
 * through its invoke URL → jane@atko.email is a contractor, bob@example.com is not; the hook calls and
 * the flow executions, with each card's data, are visible through the management and Workflows APIs.
 */

const PASSWORD = 'Sunny-Day-42';
const FLOW_NAME = 'Registration hook: contractors';

let server: TestServer;

async function signUp(email: string, firstName: string) {
  const browser = new Browser(server.url);
  return browser.submit('/signup', '/signup', { email, firstName, lastName: 'Doe', password: PASSWORD });
}

async function userOf(login: string) {
  const res = await server.api('GET', `/api/v1/users/${encodeURIComponent(login)}`);
  expect(res.status).toBe(200);
  return res.body as { id: string; profile: Record<string, unknown> };
}

beforeAll(async () => {
  // No TOLLGATE_ALLOWED_HOSTS: the demo hook calls the server's own invoke URL, which the server allows itself.
  server = await startTestServer({ demo: true, env: { TOLLGATE_ALLOWED_HOSTS: '' } });
});

afterAll(async () => {
  await server?.close();
});

describe('acceptance: a flow serves the registration hook of the demo org', () => {
  test('the demo org is set up as an admin would: flow on, hook on its invoke URL, hook in the user profile policy', async () => {
    const flows = await server.api('GET', '/api/workflows/v1/flows');
    expect(flows.status).toBe(200);
    const flow = flows.body.find((candidate: { name: string }) => candidate.name === FLOW_NAME);
    expect(flow).toMatchObject({ status: 'ACTIVE', securityLevel: 'medium', saveAllData: true });
    expect(flow.invokeUrl).toMatch(new RegExp(`^${server.ctx.config.issuer}/api/flo/[0-9a-f]{32}/invoke$`));
    expect(flow.clientToken).toEqual(expect.any(String));
    expect(flow.definition.cards.map((card: { type: string }) => card.type)).toContain('control:if');

    const hooks = await server.api('GET', '/api/v1/inlineHooks?type=com.okta.user.pre-registration');
    expect(hooks.body).toHaveLength(1);
    expect(hooks.body[0]).toMatchObject({
      name: FLOW_NAME, status: 'ACTIVE',
      channel: { type: 'HTTP', config: { uri: flow.invokeUrl, authScheme: { type: 'HEADER', key: 'x-api-client-token' } } },
    });

    const policies = await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT');
    const rules = await server.api('GET', `/api/v1/policies/${policies.body[0].id}/rules`);
    expect(rules.body[0].actions.profileEnrollment).toMatchObject({
      unknownUserAction: 'REGISTER', preRegistrationInlineHooks: [{ inlineHookId: hooks.body[0].id }],
    });
  });

  test('jane@atko.email signs up and is a contractor; bob@example.com signs up and is not', async () => {
    const jane = await signUp('jane@atko.email', 'Jane');
    expect(jane.status).toBe(303);
    const bob = await signUp('bob@example.com', 'Bob');
    expect(bob.status).toBe(303);

    expect((await userOf('jane@atko.email')).profile.userType).toBe('Contractor');
    expect((await userOf('bob@example.com')).profile.userType ?? null).toBeNull();
  });

  test('the hook calls are in the inline hook call history and the System Log', async () => {
    const hooks = await server.api('GET', '/api/v1/inlineHooks?type=com.okta.user.pre-registration');
    const calls = await server.api('GET', `/api/v1/inlineHooks/${hooks.body[0].id}/calls`);
    expect(calls.status).toBe(200);
    const byEmail = new Map(calls.body.map((call: any) => [call.request.data.userProfile.email, call]));
    expect(byEmail.get('jane@atko.email')).toMatchObject({
      outcome: 'SUCCESS', statusCode: 200,
      response: { commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }] },
    });
    expect(byEmail.get('bob@example.com')).toMatchObject({ outcome: 'SUCCESS', statusCode: 200, response: { commands: [] } });

    const filter = encodeURIComponent('eventType eq "inline_hook.executed"');
    const logs = await server.api('GET', `/api/v1/logs?filter=${filter}`);
    expect(logs.body.filter((event: any) => event.target?.[0]?.id === hooks.body[0].id)).toHaveLength(2);
  });

  test('the flow executions, with each card’s inputs and outputs, are in the Workflows API', async () => {
    const flows = await server.api('GET', '/api/workflows/v1/flows');
    const flow = flows.body.find((candidate: { name: string }) => candidate.name === FLOW_NAME);
    const list = await eventually(async () => {
      const res = await server.api('GET', `/api/workflows/v1/flows/${flow.id}/executions`);
      expect(res.body).toHaveLength(2);
      return res.body;
    });
    for (const summary of list) expect(summary).toMatchObject({ flowId: flow.id, status: 'succeeded', trigger: 'http', statusCode: 200, dataSaved: true, error: null });

    const executions = await Promise.all(list.map(async (summary: { id: string }) => (await server.api('GET', `/api/workflows/v1/executions/${summary.id}`)).body));
    const emailOf = (execution: any) => JSON.parse(execution.cards[0].outputs['raw.body']).data.userProfile.email;
    const jane = executions.find((execution) => emailOf(execution) === 'jane@atko.email');
    const bob = executions.find((execution) => emailOf(execution) === 'bob@example.com');

    const card = (execution: any, name: string) => execution.cards.find((record: any) => record.cardName === name);
    expect(jane.cards.map((record: any) => record.cardName)).toEqual(['API Endpoint', 'Get Multiple', 'Split', 'Get Last Item', 'If/Else', 'Compose', 'Join', 'Parse', 'Close']);
    expect(card(jane, 'If/Else')).toMatchObject({ status: 'succeeded', inputs: { 'left-operand': 'atko.email', 'right-operand': 'atko.email' }, outputs: { result: true } });
    expect(card(jane, 'Close').inputs['Response.body']).toEqual({ commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }] });
    expect(card(bob, 'If/Else').outputs).toEqual({ result: false });
    expect(card(bob, 'Close').inputs['Response.body']).toEqual({ commands: [] });
    expect(jane).toMatchObject({ answeredBy: 'answer', ending: 'completed', answer: { statusCode: 200 } });
    for (const record of jane.cards) expect(record.durationMs).toEqual(expect.any(Number));
  });
});
