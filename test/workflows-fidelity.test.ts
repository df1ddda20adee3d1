/**
 * Okta fidelity of flows in a real server. The inactivity templates, imported through the Workflows API and run end to end by a real server with
 * the Okta connector against this org: Difference (end date = Now, key `start`; start date = last login,
 * key `end`) must give the days since the last login, so a user last seen in 2020 is acted on and one seen
 * yesterday is not.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { describeWithTemplates, readTemplate } from './helpers/templates.js';
import { runStoredFlow } from '../src/workflows/runtime/run-stored-flow.js';
import { workflowRuntime } from '../src/workflows/runtime/workflow-runtime.js';
import { startTestServer, type TestServer } from './helpers/server.js';

type Json = Record<string, any>;
const DAY = 24 * 3600 * 1000;
let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server?.close(); });

async function userLastSeen(login: string, lastLogin: string): Promise<string> {
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { login, email: login, firstName: 'Ina', lastName: 'Active' }, credentials: { password: { value: 'Sunny-Day-42' } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await server.ctx.db.updateTable('users').set({ last_login: lastLogin }).where('id', '=', res.body.id).execute();
  return res.body.id as string;
}

async function importNamed(name: string): Promise<Array<{ id: string; name: string }>> {
  const res = await server.api('POST', '/api/workflows/v1/import?activate=true', readTemplate(name));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.flows;
}

async function runScheduled(flowId: string) {
  const flow = await workflowRuntime(server.ctx).flows.getById(flowId);
  return runStoredFlow(server.ctx, flow!, { kind: 'schedule', scheduledAt: server.ctx.clock().toISOString() });
}

describeWithTemplates('inactivity templates', () => {
  let stale: string;
  let recent: string;
  beforeAll(async () => {
    const now = Date.now();
    // Every ACTIVE user has a last login (the admin included), as the templates expect.
    await server.ctx.db.updateTable('users').set({ last_login: new Date(now - 3600_000).toISOString() }).execute();
    stale = await userLastSeen('seen.2020@example.com', '2020-03-15T10:00:00.000Z');
    recent = await userLastSeen('seen.yesterday@example.com', new Date(now - DAY).toISOString());
  });

  test('suspend_inactive_users suspends the user last seen in 2020 and not the one seen yesterday', async () => {
    const flows = await importNamed('suspend_inactive_users');
    const parent = flows.find((f) => f.name === 'Inactivity-based Suspension - Parent Flow')!;
    const result = await runScheduled(parent.id);
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    const status = async (id: string) => (await server.api('GET', `/api/v1/users/${id}`)).body.status;
    expect(await status(stale)).toBe('SUSPENDED');
    expect(await status(recent)).toBe('ACTIVE');
  });

  test('identify_inactive_okta_users records the 2020 user with the rounded days since the last login, and not the recent one', async () => {
    await server.api('POST', `/api/v1/users/${stale}/lifecycle/unsuspend`);
    const flows = await importNamed('identify_inactive_okta_users');
    const scheduled = flows.find((f) => f.name.startsWith('[scheduled] identify inactive'))!;
    const result = await runScheduled(scheduled.id);
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    const tables = (await server.api('GET', '/api/workflows/v1/tables?limit=200')).body as Json[];
    const table = tables.find((t) => Array.isArray(t.columns) ? t.columns.some((c: Json) => c.name === 'lastLoginDays') : JSON.stringify(t).includes('lastLoginDays'));
    expect(table).toBeDefined();
    const rows = (await server.api('GET', `/api/workflows/v1/tables/${table!.id}/rows?limit=200`)).body as Json;
    const list = (Array.isArray(rows) ? rows : rows.rows ?? rows.data) as Json[];
    const text = JSON.stringify(list);
    expect(text).toContain(stale);
    expect(text).not.toContain(recent);
    const row = list.find((r) => JSON.stringify(r).includes(stale))!;
    const days = Number(JSON.stringify(row).match(/"lastLoginDays":\s*"?(\d+)/)?.[1]);
    const expected = Math.round((Date.now() - Date.parse('2020-03-15T10:00:00.000Z')) / DAY);
    expect(Math.abs(days - expected)).toBeLessThanOrEqual(1);
  });
});

describe('exported flopacks keep the format version they were imported with', () => {
  test.each([
    ['create_report_on_okta_events', '1.2.0'],
    ['suspicious_activity_reported', '1.3.0'],
    ['implementing_xaas_with_personio', '1.4.0'],
  ])('%s (version %s)', async (name, version) => {
    expect((readTemplate(name) as Json).version).toBe(version);
    const flows = await importNamed(name);
    const exported = await server.api('GET', `/api/workflows/v1/flows/${flows[0].id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ type: 'flopack', version });
    const flo = Object.values(exported.body.data.flos)[0] as Json;
    expect(JSON.stringify(flo)).not.toContain('flopackVersion');
  });

  test('a flow made in Tollgate exports in the latest format seen, 1.5.0', async () => {
    const created = await server.api('POST', '/api/workflows/v1/flows', { name: 'Made here', cards: [{ id: 'start', type: 'control:noop' }], wires: [] });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    const exported = await server.api('GET', `/api/workflows/v1/flows/${created.body.id}/export`);
    expect(exported.body.version).toBe('1.5.0');
  });
});

describe('a Continue If that stops a flow', () => {
  test("shows its message in the stored execution record, with the card that stopped it", async () => {
    const created = await server.api('POST', '/api/workflows/v1/flows', {
      name: 'Gate in the server',
      cards: [
        { id: 'start', type: 'control:noop' },
        {
          id: 'gate', type: 'control:continueIf', name: 'Only on weekdays',
          inputs: [
            { id: 'a', key: 'left-operand', type: 'number', value: 1 }, { id: 'op', key: 'operator', type: 'string', value: '==' },
            { id: 'b', key: 'right-operand', type: 'number', value: 2 }, { id: 'm', key: 'message', type: 'string', value: 'it is the weekend' },
          ],
          outputs: [{ id: 'out', key: 'message', type: 'string' }],
        },
      ],
      wires: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBeLessThan(300);
    const flow = await workflowRuntime(server.ctx).flows.getById(created.body.id);
    const result = await runStoredFlow(server.ctx, flow!, { kind: 'manual' });
    const record = await server.api('GET', `/api/workflows/v1/executions/${result.executionId}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ status: 'succeeded', ending: 'halted', haltMessage: 'it is the weekend' });
    expect(record.body.cards.at(-1)).toMatchObject({ cardId: 'gate', cardName: 'Only on weekdays' });
  });
});
