import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Browser } from './helpers/browser.js';
import { eventually } from './helpers/eventually.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * A hook whose URL is this server's own flow (the demo org's registration hook) is served in the process
 * by default (TOLLGATE_SELF_CALLS=in-process) and over loopback HTTP with TOLLGATE_SELF_CALLS=http. Both
 * must give the same result: the same users, hook call records (request, reply bytes, status, attempts),
 * System Log entries and flow executions with their card data.
 */

const FLOW_NAME = 'Registration hook: contractors';
const PEOPLE = [['jane@atko.email', 'Jane'], ['bob@example.com', 'Bob'], ['zoë@atko.email', 'Zoë']] as const;

interface Outcome {
  userTypes: Record<string, unknown>;
  calls: unknown[];
  events: unknown[];
  executions: unknown[];
}

/** Signs the people up on the hosted page and returns what an admin sees of it, without ids and times. */
async function signUpEveryone(server: TestServer): Promise<Outcome> {
  for (const [email, firstName] of PEOPLE) {
    const res = await new Browser(server.url).submit('/signup', '/signup', { email, firstName, lastName: 'Doe', password: 'Sunny-Day-42' });
    expect(res.status).toBe(303);
  }
  const userTypes: Record<string, unknown> = {};
  for (const [email] of PEOPLE) {
    const user = await server.api('GET', `/api/v1/users/${encodeURIComponent(email)}`);
    expect(user.status).toBe(200);
    userTypes[email] = user.body.profile.userType ?? null;
  }
  const [hook] = (await server.api('GET', '/api/v1/inlineHooks?type=com.okta.user.pre-registration')).body;
  const callList = (await server.api('GET', `/api/v1/inlineHooks/${hook.id}/calls`)).body as any[];
  const calls = callList
    .map((call) => ({ email: call.request.data.userProfile.email, outcome: call.outcome, statusCode: call.statusCode, attempts: call.attempts, response: call.response, error: call.error ?? null, requestData: call.request.data }))
    .sort((a, b) => a.email.localeCompare(b.email));
  const logs = (await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType sw "inline_hook."')}`)).body as any[];
  const events = logs.map((event) => [event.eventType, event.outcome.result, event.target[0].id === hook.id]).sort();
  const [flow] = ((await server.api('GET', '/api/workflows/v1/flows')).body as any[]).filter((candidate) => candidate.name === FLOW_NAME);
  const summaries = await eventually(async () => {
    const res = await server.api('GET', `/api/workflows/v1/flows/${flow.id}/executions`);
    expect(res.body).toHaveLength(PEOPLE.length);
    return res.body as Array<{ id: string }>;
  });
  const executions = [];
  for (const summary of summaries) {
    const detail = (await server.api('GET', `/api/workflows/v1/executions/${summary.id}`)).body;
    const cards = detail.cards.map((card: any) => ({ cardName: card.cardName, status: card.status, inputs: card.inputs, outputs: card.outputs }));
    // The raw body holds the hook's eventId and times: compare the person it is about.
    cards[0].outputs = { ...cards[0].outputs, 'raw.body': JSON.parse(cards[0].outputs['raw.body']).data.userProfile.email };
    executions.push({ status: detail.status, statusCode: detail.statusCode, answer: detail.answer, cards });
  }
  executions.sort((a: any, b: any) => String(a.cards[0].outputs['raw.body']).localeCompare(String(b.cards[0].outputs['raw.body'])));
  return { userTypes, calls, events, executions };
}

/** Values that differ between any two runs (ids, times, the port), masked so the rest can be compared. */
const VARYING = new Set(['id', 'eventId', 'eventTime', 'source', 'host', 'context.execution_id', 'published', 'uuid', 'transactionId']);
function masked(outcome: Outcome): unknown {
  return JSON.parse(JSON.stringify(outcome, (key, value: unknown) => (VARYING.has(key) ? '<varies>' : value)));
}

let inProcess: TestServer;
let overHttp: TestServer;
let servedInProcess = 0;

beforeAll(async () => {
  // No TOLLGATE_ALLOWED_HOSTS: the server allows its own invoke URLs, whichever way it calls them.
  inProcess = await startTestServer({ demo: true, env: { TOLLGATE_ALLOWED_HOSTS: '' } });
  overHttp = await startTestServer({ demo: true, env: { TOLLGATE_ALLOWED_HOSTS: '', TOLLGATE_SELF_CALLS: 'http' } });
  const transport = inProcess.ctx.config.selfTransport!;
  inProcess.ctx.config.selfTransport = (request) => {
    servedInProcess += 1;
    return transport(request);
  };
});

afterAll(async () => {
  await inProcess?.close();
  await overHttp?.close();
});

describe('a hook on one of the server’s own flows', () => {
  test('is called in the process by default, and over HTTP with TOLLGATE_SELF_CALLS=http', () => {
    expect(inProcess.ctx.config.selfCalls).toBe('in-process');
    expect(overHttp.ctx.config.selfCalls).toBe('http');
    expect(overHttp.ctx.config.selfTransport).toBeUndefined();
  });

  test('gives the same users, hook calls, System Log entries and executions either way', async () => {
    const direct = await signUpEveryone(inProcess);
    expect(servedInProcess).toBe(PEOPLE.length);
    const loopback = await signUpEveryone(overHttp);
    expect(direct.userTypes).toEqual({ 'jane@atko.email': 'Contractor', 'bob@example.com': null, 'zoë@atko.email': 'Contractor' });
    expect(direct.calls).toHaveLength(PEOPLE.length);
    expect(direct.events).toContainEqual(['inline_hook.executed', 'SUCCESS', true]);
    expect(direct.events).toContainEqual(['inline_hook.response.processed', 'SUCCESS', true]);
    expect(masked(direct)).toEqual(masked(loopback));
  });

  test('a wrong client token gets the same refusal either way', async () => {
    const answers = [];
    for (const server of [inProcess, overHttp]) {
      const [flow] = ((await server.api('GET', '/api/workflows/v1/flows')).body as any[]).filter((candidate) => candidate.name === FLOW_NAME);
      const { httpRequest } = await import('../src/platform/http-client.js');
      const res = await httpRequest(server.ctx.config, {
        method: 'POST', url: flow.invokeUrl, headers: { 'content-type': 'application/json', 'x-api-client-token': 'not-the-token' }, body: '{}', timeoutMs: 3000, maxResponseBytes: 1024,
      });
      expect(res.ok).toBe(true);
      if (res.ok) answers.push({ status: res.status, body: res.body.replace(/"errorId":"[^"]+"/, '') });
    }
    expect(answers[0].status).toBe(401);
    expect(answers[0]).toEqual(answers[1]);
    // The in-process server answered its refusal without a socket (the sign-ups before counted three).
    expect(servedInProcess).toBe(PEOPLE.length + 1);
  });
});
