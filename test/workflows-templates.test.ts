import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithTemplates, readTemplate } from './helpers/templates.js';
import { runStoredFlow } from '../src/workflows/runtime/run-stored-flow.js';
import { createFlowScheduler } from '../src/workflows/runtime/scheduler.js';
import { workflowRuntime } from '../src/workflows/runtime/workflow-runtime.js';
import type { FlowTrigger } from '../src/workflows/engine/index.js';
import { eventually } from './helpers/eventually.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { eventuallyExecutions, executionsOf, invoke, type CreatedFlow } from './helpers/workflows.js';

/*
 * Okta's own templates (read in place from ../shared/okta-workflows-templates), imported through the
 * Workflows API with their tables and turned on, then run END TO END by a real server with the real
 * cards and services: a registration inline hook and an event hook of this org pointing at their invoke
 * URLs, helper flows called by id, tables read and written through the Tables API, and the Okta
 * connector against this org's own users. The tests choose the inputs and check the outputs.
 */

type Json = Record<string, any>;
const PASSWORD = 'Sunny-Day-42';
const API = '/api/workflows/v1';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function importTemplate(pack: Json): Promise<{ flows: CreatedFlow[]; tables: string[] }> {
  const res = await server.api('POST', `${API}/import?activate=true`, pack);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { flows: CreatedFlow[]; tables: string[] };
}

const importNamed = async (name: string) => importTemplate(readTemplate(name) as Json);

function flowNamed(flows: CreatedFlow[], name: string): CreatedFlow {
  const found = flows.find((flow) => flow.name === name);
  if (!found) throw new Error(`no flow '${name}' (have: ${flows.map((flow) => flow.name).join(', ')})`);
  return found;
}

/** Runs a stored flow in the server as a call by id (helper flows), a scheduled tick or by hand. */
async function runInServer(flowId: string, trigger: FlowTrigger) {
  const flow = await workflowRuntime(server.ctx).flows.getById(flowId);
  expect(flow, flowId).toBeDefined();
  return runStoredFlow(server.ctx, flow!, trigger);
}

/** The id of the table of this name, through the Tables API. */
async function tableNamed(name: string): Promise<string> {
  const res = await server.api('GET', `${API}/tables?limit=200`);
  expect(res.status).toBe(200);
  const table = (res.body as Json[]).find((candidate) => candidate.name === name);
  expect(table, name).toBeDefined();
  return table!.id as string;
}

async function rowsOf(tableId: string): Promise<Json[]> {
  const res = await server.api('GET', `${API}/tables/${tableId}/rows?limit=200`);
  expect(res.status).toBe(200);
  return (res.body as Json[]).map((row) => row.fields as Json);
}

async function userOf(login: string): Promise<Json | undefined> {
  const res = await server.api('GET', `/api/v1/users/${encodeURIComponent(login)}`);
  return res.status === 200 ? (res.body as Json) : undefined;
}

async function execution(id: string): Promise<Json> {
  const res = await server.api('GET', `${API}/executions/${id}`);
  expect(res.status).toBe(200);
  return res.body as Json;
}

describeWithTemplates('validate_email_domain_using_registration_inline_ho serves the registration inline hook of this org', () => {
  let policyId: string;
  let hookId: string;
  let flow: CreatedFlow;

  beforeAll(async () => {
    const imported = await importNamed('validate_email_domain_using_registration_inline_ho');
    expect(imported.tables).toEqual(['Allowed domain list']);
    flow = flowNamed(imported.flows, 'Validate Email Domains During Registration ');
    expect(flow).toMatchObject({ status: 'ACTIVE', securityLevel: 'medium' });

    // The allowed domains: rows of the template's own table, added through the Tables API.
    const tableId = await tableNamed('Allowed domain list');
    for (const domain of ['atko.email', 'tollgate.test']) {
      const row = await server.api('POST', `${API}/tables/${tableId}/rows`, { fields: { 'Allowed Domains': domain } });
      expect(row.status, JSON.stringify(row.body)).toBe(200);
    }

    // As the template's comment says: the hook's URL is the flow's invoke URL, its client token the auth header.
    const hook = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Validate email domain', type: 'com.okta.user.pre-registration', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: {
        uri: flow.invokeUrl, method: 'POST',
        authScheme: { type: 'HEADER', key: 'x-api-client-token', value: flow.clientToken },
      } },
    });
    expect(hook.status, JSON.stringify(hook.body)).toBe(200);
    hookId = hook.body.id as string;

    const policies = await server.api('GET', '/api/v1/policies?type=PROFILE_ENROLLMENT');
    policyId = policies.body[0].id as string;
    const rule = (await server.api('GET', `/api/v1/policies/${policyId}/rules`)).body[0];
    const updated = await server.api('PUT', `/api/v1/policies/${policyId}/rules/${rule.id}`, {
      name: rule.name, type: 'PROFILE_ENROLLMENT',
      actions: { profileEnrollment: {
        access: 'ALLOW', unknownUserAction: 'REGISTER',
        preRegistrationInlineHooks: [{ inlineHookId: hookId }],
        profileAttributes: [
          { name: 'email', label: 'Email', required: true },
          { name: 'firstName', label: 'First name', required: true },
          { name: 'lastName', label: 'Last name', required: true },
        ],
        activationRequirements: { emailVerification: false },
      } },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  });

  async function register(email: string) {
    const res = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ userProfile: { email, firstName: 'Jane', lastName: 'Doe', password: PASSWORD } }),
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  test('an address of an allowed domain registers: the user exists', async () => {
    const res = await register('jane@atko.email');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await userOf('jane@atko.email')).toMatchObject({ status: 'ACTIVE', profile: { email: 'jane@atko.email' } });
  });

  test("another domain is denied with the template's error cause, and no user is created", async () => {
    const res = await register('bob@example.com');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      errorCode: 'E0000001',
      errorSummary: 'Invalid domain. Please contact your admin.',
      errorCauses: [{ errorSummary: 'Invalid domain. Please contact your admin.', locationType: 'body', location: 'data.userProfile.email', domain: 'end-user' }],
    });
    expect(await userOf('bob@example.com')).toBeUndefined();
    // The flow's reply, as the hook's call history keeps it: the template's cause with its reason.
    // (The registration API answers the cause's text and location; Tollgate gives its own reason there.)
    const calls = await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls`);
    const bob = (calls.body as Json[]).find((call) => call.request.data.userProfile.email === 'bob@example.com');
    expect(bob?.response.error.errorCauses).toEqual([
      { errorSummary: 'Invalid domain. Please contact your admin.', reason: 'INVALID_EMAIL_DOMAIN', locationType: 'body', location: 'data.userProfile.email', domain: 'end-user' },
    ]);
  });

  test('both hook calls ran the flow through its invoke URL; the allowed one found its row with Search Rows', async () => {
    const calls = await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls`);
    expect(calls.status).toBe(200);
    const byEmail = new Map((calls.body as Json[]).map((call) => [call.request.data.userProfile.email, call]));
    expect(byEmail.get('jane@atko.email')).toMatchObject({ outcome: 'SUCCESS', statusCode: 200, response: { commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] } });
    expect(byEmail.get('bob@example.com')).toMatchObject({ outcome: 'SUCCESS', statusCode: 200, response: { error: { errorCauses: [{ reason: 'INVALID_EMAIL_DOMAIN' }] } } });

    const runs = await eventuallyExecutions(server, flow.id, 2);
    for (const run of runs) expect(run).toMatchObject({ status: 'succeeded', trigger: 'http', statusCode: 200, answeredBy: expect.any(String) });
    const details = await Promise.all(runs.map((run) => execution(run.id as string)));
    const searchOf = (email: string) => details
      .find((detail) => JSON.parse(detail.cards[0].outputs['raw.body']).data.userProfile.email === email)!
      .cards.find((record: Json) => record.cardName === 'Search Rows');
    expect(searchOf('jane@atko.email')).toMatchObject({ status: 'succeeded', outputs: { 'Fields.Allowed Domains': 'atko.email', 'Row.Row ID': expect.any(String) } });
    expect(searchOf('bob@example.com').outputs['Fields.Allowed Domains'] ?? null).toBeNull();
  });
});

describeWithTemplates('process_batched_okta_events_from_an_event_hook receives the event hook of this org', () => {
  let flow: CreatedFlow;
  let hookId: string;
  let tableId: string;

  beforeAll(async () => {
    const imported = await importNamed('process_batched_okta_events_from_an_event_hook');
    expect(imported.tables).toEqual(['BatchedEvents']);
    flow = flowNamed(imported.flows, 'Process Batched Events');
    tableId = await tableNamed('BatchedEvents');
  });

  test('an event hook on the invoke URL, with the client token as its auth header, is verified', async () => {
    const created = await server.api('POST', '/api/v1/eventHooks', {
      name: 'Batched events to Workflows',
      events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] },
      channel: { type: 'HTTP', version: '1.0.0', config: {
        uri: flow.invokeUrl, headers: [],
        authScheme: { type: 'HEADER', key: 'x-api-client-token', value: flow.clientToken },
      } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    hookId = created.body.id as string;
    const verified = await server.api('POST', `/api/v1/eventHooks/${hookId}/lifecycle/verify`);
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    expect(verified.body.verificationStatus).toBe('VERIFIED');
    // The invoke URL answers the challenge itself (Okta counts Workflows URLs as verified); the flow did not run.
    expect(await executionsOf(server, flow.id)).toEqual([]);
    // Only for the flow's callers: without the client token, the challenge gets the invoke URL's 401.
    const stranger = await invoke(flow.invokeUrl, { headers: { 'x-okta-verification-challenge': 'abc' } });
    expect(stranger.status).toBe(401);
    expect(stranger.text).not.toContain('abc');
  });

  test('users created through the API: each user.lifecycle.create event becomes a row of BatchedEvents', async () => {
    const logins = ['batch.one@example.com', 'batch.two@example.com', 'batch.three@example.com'];
    const ids: string[] = [];
    for (const login of logins) {
      const res = await server.api('POST', '/api/v1/users?activate=false', { profile: { login, email: login, firstName: 'Batch', lastName: 'User' } });
      expect(res.status).toBe(200);
      ids.push(res.body.id as string);
    }
    const rows = await eventually(async () => {
      const found = await rowsOf(tableId);
      expect(found).toHaveLength(3);
      return found;
    }, 20_000);

    // The rows are the System Log events of this org, as the hook delivered them.
    const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "user.lifecycle.create"')}&limit=200`);
    const created = (logs.body as Json[]).filter((event) => ids.includes(event.target?.[0]?.id));
    expect(created).toHaveLength(3);
    expect(rows.map((row) => row.uuid).sort()).toEqual(created.map((event) => event.uuid).sort());
    for (const row of rows) {
      const event = created.find((candidate) => candidate.uuid === row.uuid)!;
      expect(row).toEqual({ eventType: 'user.lifecycle.create', displayMessage: event.displayMessage, uuid: event.uuid, eventId: expect.any(String) });
    }

    // Each delivery ran the flow once (the verification GET never ran it: every run succeeded), and its For Each ran the helper once per event of its batch.
    const runs = await executionsOf(server, flow.id);
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(new Set(rows.map((row) => row.eventId)).size).toBe(runs.length);
    for (const run of runs) expect(run).toMatchObject({ status: 'succeeded', trigger: 'http', statusCode: 200 });
    const children = (await Promise.all(runs.map(async (run) => (await execution(run.id as string)).children as Json[]))).flat();
    expect(children).toHaveLength(3);
    for (const child of children) expect(child).toMatchObject({ flowName: 'Process Batched Events - Helper', status: 'succeeded', trigger: 'call' });
  });
});

describeWithTemplates('send_notifications_for_a_breached_password_event', () => {
  const event = (uuid: string, login: string, name: string) => ({
    uuid, eventType: 'security.breached_credential.detected', displayMessage: 'Breached credential detected',
    actor: { id: '00u1', type: 'User', alternateId: login, displayName: name },
  });
  /** An Okta event hook delivery with two events. */
  const batch = {
    eventType: 'com.okta.event_hook', eventTypeVersion: '1.0', cloudEventsVersion: '0.1', source: 'https://tollgate.test/api/v1/eventHooks/who1',
    eventId: 'batch-breached', eventTime: '2026-03-01T12:00:00.000Z', contentType: 'application/json',
    data: { events: [event('ev-1', 'ada@example.com', 'Ada Lovelace'), event('ev-2', 'alan@example.com', 'Alan Turing')] },
  };

  /** Invokes the receiver with the batch; returns its execution once the For Each has started `helpers` helper runs. */
  async function deliver(receiver: CreatedFlow, helpers: number) {
    const res = await invoke(receiver.invokeUrl, { body: batch, token: receiver.clientToken! });
    // Close answers the event hook at once, whatever the rest of the flow does.
    expect(res.status).toBe(200);
    const executionId = res.headers.get('x-execution-id')!;
    const parent = await eventually(async () => {
      const detail = await execution(executionId);
      expect(detail.children).toHaveLength(helpers);
      return detail;
    });
    const children = await Promise.all((parent.children as Json[]).map((child) => execution(child.id as string)));
    return { executionId, parent, children };
  }

  const cardOf = (run: Json, name: string) => run.cards.find((record: Json) => record.cardName === name);

  test('as exported: Close answers 200 first; the For Each runs the real helper, whose Gmail and Slack placeholder cards fail it, which stops the For Each', async () => {
    const imported = await importNamed('send_notifications_for_a_breached_password_event');
    const receiver = flowNamed(imported.flows, 'Event Initiated Flow');
    const helper = flowNamed(imported.flows, 'Process Event Object');
    expect(helper.status).toBe('ACTIVE');

    const { executionId, parent, children } = await deliver(receiver, 1);
    // The caller got Close's 200; the cards after Close ran, and the flow failed afterwards, in its For Each.
    expect(parent).toMatchObject({ status: 'failed', statusCode: 200, answeredBy: cardOf(parent, 'Close').cardId, failedCard: { name: 'For Each' } });
    expect(parent.cards.map((record: Json) => [record.cardName, record.status])).toEqual([
      ['API Endpoint', 'succeeded'], ['Close', 'succeeded'], ['Get Multiple', 'succeeded'], ['For Each', 'failed'],
    ]);
    expect(cardOf(parent, 'Get Multiple').outputs['data.events']).toEqual(batch.data.events);

    // One helper run (For Each stops at the first failing item), linked to the For Each of its parent.
    const [child] = children;
    expect(child).toMatchObject({ flowId: helper.id, trigger: 'call', status: 'failed', parent: { executionId, cardId: cardOf(parent, 'For Each').cardId } });
    expect(cardOf(child, 'Helper Flow').outputs['context.index']).toBe(0);
    // The export maps no For Each input to the helper's "Breached PW Event": the helper gets the event's
    // own keys as inputs (uuid, actor, ...), so its event input is empty and the greeting has no name.
    expect(cardOf(child, 'Helper Flow').outputs['Breached PW Event']).toBeNull();
    expect(cardOf(child, 'Compose').outputs.output).toMatch(/^Hello ,\n\nYou signed in to Okta with breached credentials/);
    // If Error: the try branch stops at Gmail "Send Email", the catch branch at Slack "Send Message to
    // Channel": connector cards Tollgate does not have, kept as placeholders that fail with a clear error.
    const tryCatch = cardOf(child, 'If Error');
    expect(tryCatch.status).toBe('failed');
    expect(tryCatch.nested.map((run: Json) => [run.status, run.error?.cardType])).toEqual([
      ['failed', 'gmail:sendEmail2'], ['failed', 'slack:sendMessageToChannel2'],
    ]);
    expect(tryCatch.nested[0].error.message).toContain('belongs to the Gmail connector, which is not available in Tollgate');
    expect(child.error.message).toContain("'Send Message to Channel' belongs to the Slack connector, which is not available in Tollgate");
  });

  test('with the item mapped to the helper input (as the editor does), each event reaches its helper run', async () => {
    const pack = readTemplate('send_notifications_for_a_breached_password_event') as Json;
    const receiverFlo = pack.data.flos['2ad426ba-336c-4b76-a37b-3f9183e1796b'];
    const forEach = (receiverFlo.data.methods as Json[]).find((method) => method.node.data.name === 'For Each')!;
    forEach.node.model.inputs.data.mappedEvent = {
      id: 'mappedEvent', group: null, key: 'Breached PW Event', required: false, ref: false, flags: 'd', metadata: { index: 3, custom: true },
      value: { type: 'object', collection: false, data: {}, available: [], error: false, proxy: { dynamic: true, path: '', dest: { key: 'Breached PW Event', group: null } } },
    };
    const imported = await importTemplate(pack);
    const receiver = flowNamed(imported.flows, 'Event Initiated Flow');

    const { parent, children } = await deliver(receiver, 1);
    expect(parent.status).toBe('failed');
    const [child] = children;
    expect(cardOf(child, 'Helper Flow').outputs['Breached PW Event']).toEqual(batch.data.events[0]);
    expect(cardOf(child, 'Get Multiple').outputs).toEqual({ displayMessage: 'Breached credential detected', 'actor.alternateId': 'ada@example.com', 'actor.displayName': 'Ada Lovelace' });
    expect(cardOf(child, 'Compose').outputs.output).toMatch(/^Hello Ada Lovelace,\n\n/);
    // The mail would go to the event's user: the placeholder got its inputs before it failed.
    expect(cardOf(child, 'If Error').inputs).toEqual(expect.objectContaining({ 'context.daNYEpuAKnI': expect.stringMatching(/^Hello Ada Lovelace,/) }));
  });
});

describeWithTemplates('check_ip_addresses_against_a_cidr_range: helper flows called by id in the server', () => {
  let flows: CreatedFlow[];
  beforeAll(async () => {
    flows = (await importNamed('check_ip_addresses_against_a_cidr_range')).flows;
  });
  const range = (ip: string) => ({ kind: 'call' as const, inputs: { IPAddress: ip, lowerBound: '69.173.64.0', upperBound: '69.173.127.255' } });

  test.each([
    ['69.173.127.24', true],
    ['69.173.64.0', true],
    ['69.173.128.0', false],
    ['8.8.8.8', false],
  ])('the range helper calls the stored MATH flow three times: is %s in 69.173.64.0-69.173.127.255? %s', async (ip, inRange) => {
    const helper = flowNamed(flows, 'IP Address Range Check - Helper');
    const math = flowNamed(flows, 'MATH');
    const result = await runInServer(helper.id, range(ip));
    expect(result.status, result.error?.message).toBe('succeeded');
    expect(result.cards.at(-1)).toMatchObject({ cardName: 'And', outputs: { output: inRange } });

    // The three MATH runs are in the history, children of this run, with the decimal each returned.
    const detail = await eventually(async () => {
      const found = await execution(result.executionId);
      expect(found.children).toHaveLength(3);
      return found;
    });
    const decimals = await Promise.all((detail.children as Json[]).map(async (child) => {
      expect(child).toMatchObject({ flowId: math.id, trigger: 'call', status: 'succeeded', ending: 'returned' });
      return (await execution(child.id as string)).outputs.decimal as number;
    }));
    const decimal = (address: string) => address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
    expect(decimals.sort()).toEqual([decimal(ip), decimal('69.173.64.0'), decimal('69.173.127.255')].sort());
  });

  test('the parent, as exported, filters its x-forwarded-for addresses through the helper and halts (the helper returns nothing to keep)', async () => {
    const parent = flowNamed(flows, 'IP Address Range Check - Parent');
    const result = await runInServer(parent.id, { kind: 'manual' });
    expect(result).toMatchObject({ status: 'succeeded', ending: 'halted', haltMessage: 'stopped' });
    const filter = result.cards.find((record) => record.cardName === 'Filter Custom')!;
    expect(filter.outputs).toEqual({ list: [] });
    expect(filter.calls!.length).toBeGreaterThan(0);
    expect(filter.calls!.every((call) => call.status === 'succeeded' && call.flowId === flowNamed(flows, 'IP Address Range Check - Helper').id)).toBe(true);
  });

  test('a helper flow that is off cannot be called: the caller fails naming it', async () => {
    const math = flowNamed(flows, 'MATH');
    expect((await server.api('POST', `${API}/flows/${math.id}/deactivate`)).status).toBe(200);
    try {
      const result = await runInServer(flowNamed(flows, 'IP Address Range Check - Helper').id, range('8.8.8.8'));
      expect(result.status).toBe('failed');
      expect(result.error?.message).toContain("the flow 'MATH' is off");
    } finally {
      await server.api('POST', `${API}/flows/${math.id}/activate`);
    }
  });
});

describeWithTemplates('datetime_format_converter: the helper and its parent in the server', () => {
  let flows: CreatedFlow[];
  beforeAll(async () => {
    flows = (await importNamed('datetime_format_converter')).flows;
  });
  // 2022-06-28T00:12:51Z in every form the helper gives.
  const every = {
    Error: '',
    'UTC (Z Time)': '2022-06-28T00:12:51.000Z',
    'ISO 8601': '2022-06-28T00:12:51+00:00',
    EPOCH: '1656375171',
    UNIX: '1656375171000',
    LDAP: '133008487710000000',
  };

  test.each([
    ['LDAP', { LDAP: '133008487710000000' }],
    ['UNIX milliseconds', { UNIX: '1656375171000' }],
    ['EPOCH seconds', { EPOCH: '1656375171' }],
    ['ISO 8601 with an offset', { 'ISO 8601': '2022-06-28T02:12:51+02:00' }],
  ])('the helper called with %s returns every other form', async (_label, inputs) => {
    const result = await runInServer(flowNamed(flows, 'dateTimeConverter [h]').id, { kind: 'call', inputs });
    expect(result).toMatchObject({ status: 'succeeded', ending: 'returned' });
    expect(result.outputs).toEqual(every);
  });

  test('the helper without a value returns its error', async () => {
    const result = await runInServer(flowNamed(flows, 'dateTimeConverter [h]').id, { kind: 'call', inputs: {} });
    expect(result.outputs).toMatchObject({ Error: 'A value must be specified.', LDAP: null });
  });

  test('the parent calls the stored helper with its LDAP time; the helper run is its child in the history', async () => {
    const helper = flowNamed(flows, 'dateTimeConverter [h]');
    const result = await runInServer(flowNamed(flows, 'dateTimeConverter [p]').id, { kind: 'manual' });
    expect(result.status, result.error?.message).toBe('succeeded');
    const callFlow = result.cards.find((record) => record.cardType === 'control:spawn')!;
    expect(callFlow.outputs).toEqual(every);
    const detail = await eventually(async () => {
      const found = await execution(result.executionId);
      expect(found.children).toHaveLength(1);
      return found;
    });
    expect(detail.children[0]).toMatchObject({ flowId: helper.id, trigger: 'call', status: 'succeeded', parent: { executionId: result.executionId, cardId: callFlow.cardId } });
    expect((await execution(detail.children[0].id as string)).outputs).toEqual(every);
  });
});

/** Sets the literal value of a card's input, as the admin does in Okta's editor after import. */
function setInput(pack: Json, cardName: string, key: string, value: unknown): void {
  let found = 0;
  for (const flo of Object.values(pack.data.flos as Json)) {
    for (const method of flo.data.methods as Json[]) {
      if (method.node.data.name !== cardName) continue;
      for (const input of Object.values(method.node.model.inputs.data as Json)) {
        if (input.key === key) {
          input.value.data = value;
          found += 1;
        }
      }
    }
  }
  expect(found, `${cardName}.${key}`).toBe(1);
}

describeWithTemplates('scheduled_deactivation_of_suspended_okta_users_aft: the Okta connector against this org, on schedule', () => {
  const DAY = 24 * 3600 * 1000;
  let offset = 0;
  let realClock: () => Date;
  beforeAll(() => {
    realClock = server.ctx.clock;
    server.ctx.clock = () => new Date(realClock().getTime() + offset);
  });
  afterAll(() => {
    server.ctx.clock = realClock;
  });

  async function newUser(login: string): Promise<string> {
    const res = await server.api('POST', '/api/v1/users?activate=true', {
      profile: { login, email: login, firstName: 'Sam', lastName: 'Suspended' },
      credentials: { password: { value: 'Template-Runner-2026!' } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id as string;
  }
  const suspend = async (id: string) => expect((await server.api('POST', `/api/v1/users/${id}/lifecycle/suspend`)).status).toBe(200);
  const statusOf = async (id: string) => (await server.api('GET', `/api/v1/users/${id}`)).body.status as string;

  /** Runs the due tick of the scheduled flow (this test's scheduler or the server's own claims it) and waits for its run. */
  async function tick(flowId: string, runsBefore: number): Promise<Json> {
    await createFlowScheduler(server.ctx, { instance: 'template-test' }).runDue();
    const runs = await eventuallyExecutions(server, flowId, runsBefore + 1, 10_000);
    const detail = await execution(runs[0].id as string);
    expect(detail).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    return detail;
  }

  test('users suspended more than 30 days ago are streamed to the helper and deactivated once its testing stop is lifted', async () => {
    const longAgo = [await newUser('suspended.long.ago@example.com'), await newUser('suspended.long.ago.too@example.com')];
    const recent = await newUser('suspended.recently@example.com');
    const active = await newUser('still.active@example.com');
    for (const id of longAgo) await suspend(id);

    // As exported: the template's Continue If (1 == 2) stops each helper run "for testing before taking any action".
    const pack = readTemplate('scheduled_deactivation_of_suspended_okta_users_aft') as Json;
    let flows = (await importTemplate(structuredClone(pack))).flows;
    const main = flowNamed(flows, 'Deactivate Suspended Users after x Days');
    const helper = flowNamed(flows, 'Deactivate Suspended Users after x Days - Helper');
    expect(main.status).toBe('ACTIVE');

    offset = 40 * DAY;
    await suspend(recent);
    const first = await tick(main.id, 0);
    const search = first.cards.find((record: Json) => record.cardName === 'List Users with Search');
    expect(search.inputs['Inputs.Custom Search Criteria']).toMatch(/^statusChanged le "\d{4}-\d\d-\d\dT/);
    expect(search.outputs['Result.Records Streamed']).toBe(2);
    const halted = await Promise.all((first.children as Json[]).map((child) => execution(child.id as string)));
    expect(halted.map((child) => [child.flowId, child.ending])).toEqual([[helper.id, 'halted'], [helper.id, 'halted']]);
    expect(halted.map((child) => child.cards.find((record: Json) => record.cardName === 'Helper Flow').outputs.Record.ID).sort()).toEqual([...longAgo].sort());
    for (const id of [...longAgo, recent]) expect(await statusOf(id)).toBe('SUSPENDED');

    // The admin lifts the testing stop (1 == 1); at the next day's tick the helper deactivates them.
    setInput(pack, 'Continue If', 'right-operand', 1);
    flows = (await importTemplate(pack)).flows;
    offset = 42 * DAY;
    const second = await tick(main.id, 1);
    const deactivations = await Promise.all((second.children as Json[]).map((child) => execution(child.id as string)));
    expect(deactivations.map((child) => [child.status, child.ending])).toEqual([['succeeded', 'completed'], ['succeeded', 'completed']]);
    for (const id of longAgo) expect(await statusOf(id)).toBe('DEPROVISIONED');
    expect(await statusOf(recent)).toBe('SUSPENDED');
    expect(await statusOf(active)).toBe('ACTIVE');

    const log = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "user.lifecycle.deactivate"')}`);
    const byConnector = (log.body as Json[]).filter((event) => longAgo.includes(event.target?.[0]?.id));
    expect(byConnector.map((event) => event.actor.displayName)).toEqual(['Okta Workflows OAuth', 'Okta Workflows OAuth']);
  });
});
