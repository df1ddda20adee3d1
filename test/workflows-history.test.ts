import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { workflowRuntime } from '../src/workflows/runtime/workflow-runtime.js';
import { eventually } from './helpers/eventually.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { card, createFlow, endpoint, endpointFlow, executionsOf, invoke } from './helpers/workflows.js';

/*
 * The invoke rate limit and the execution history's retention rules, configured through the
 * environment as an operator would (TOLLGATE_INVOKE_RATE_LIMIT, TOLLGATE_EXECUTION_MAX_PER_FLOW,
 * TOLLGATE_EXECUTION_MAX_AGE_DAYS), and the history's paging and filter.
 */

const quiet = (name: string) => endpointFlow(name, { securityLevel: 'open', cards: [endpoint(), card('done', 'control:noop')] });

describe('invoke rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TOLLGATE_INVOKE_RATE_LIMIT: '2' } });
  });
  afterAll(async () => server?.close());

  test('past the per-flow limit a call gets 429 with Okta’s rate-limit body and headers, and nothing runs', async () => {
    const flow = await createFlow(server, quiet('Limited'));
    // Five calls at once: in at most two one-second windows, at most four can pass.
    const results = await Promise.all(Array.from({ length: 5 }, () => invoke(flow.invokeUrl)));
    const limited = results.filter((res) => res.status === 429);
    const passed = results.filter((res) => res.status === 200);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(passed.length + limited.length).toBe(5);
    expect(limited[0].json).toMatchObject({ errorCode: 'E0000047' });
    expect(limited[0].headers.get('x-rate-limit-limit')).toBe('2');
    expect(limited[0].headers.get('x-rate-limit-remaining')).toBe('0');
    expect(limited[0].headers.get('x-execution-id')).toBeNull();
    await eventually(async () => expect(await executionsOf(server, flow.id)).toHaveLength(passed.length));

    // Another flow has its own budget.
    const other = await createFlow(server, quiet('Other'));
    expect((await invoke(other.invokeUrl)).status).toBe(200);
  });
});

describe('execution history retention and listing', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TOLLGATE_EXECUTION_MAX_PER_FLOW: '3', TOLLGATE_EXECUTION_MAX_AGE_DAYS: '30', TOLLGATE_INVOKE_RATE_LIMIT: '0' } });
  });
  afterAll(async () => server?.close());

  test('each flow keeps its newest executions up to the configured count', async () => {
    const flow = await createFlow(server, quiet('Chatty'));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await invoke(flow.invokeUrl);
      ids.push(res.headers.get('x-execution-id')!);
      // One at a time, so that each is written (and the history trimmed) before the next.
      await eventually(async () => expect((await server.api('GET', `/api/workflows/v1/executions/${ids[i]}`)).status).toBe(200));
    }
    const kept = await executionsOf(server, flow.id);
    expect(kept.map((execution) => execution.id)).toEqual(ids.slice(2).reverse());
    expect((await server.api('GET', `/api/workflows/v1/executions/${ids[0]}`)).status).toBe(404);
  });

  test('executions older than the configured age are deleted', async () => {
    const flow = await createFlow(server, quiet('Old and new'));
    const realClock = server.ctx.clock;
    server.ctx.clock = () => new Date(Date.now() - 31 * 86_400_000);
    const old = await invoke(flow.invokeUrl);
    server.ctx.clock = realClock;
    const recent = await invoke(flow.invokeUrl);
    await eventually(async () => expect(await executionsOf(server, flow.id)).toHaveLength(2));

    await workflowRuntime(server.ctx).recorder.applyRetention();
    const kept = await executionsOf(server, flow.id);
    expect(kept.map((execution) => execution.id)).toEqual([recent.headers.get('x-execution-id')]);
    expect((await server.api('GET', `/api/workflows/v1/executions/${old.headers.get('x-execution-id')}`)).status).toBe(404);
  });

  test('a flow’s executions page newest first with Link headers, and filter by status', async () => {
    const flow = await createFlow(server, endpointFlow('Mixed', {
      securityLevel: 'open',
      cards: [endpoint([{ id: 'fail', key: 'fail', group: 'query' }]), card('check', 'control:throwIf', {
        name: 'Return Error If',
        inputs: [
          { id: 'a', key: 'left-operand', type: 'string' }, { id: 'op', key: 'operator', type: 'string', value: '==' },
          { id: 'b', key: 'right-operand', type: 'string', value: 'yes' }, { id: 'message', key: 'message', type: 'string', value: 'asked to fail' },
        ],
      })],
      wires: [{ from: { card: 'endpoint', field: 'fail' }, to: { card: 'check', field: 'a' } }],
    }));
    expect((await invoke(`${flow.invokeUrl}?fail=yes`)).status).toBeGreaterThanOrEqual(400);
    expect((await invoke(`${flow.invokeUrl}?fail=no`)).status).toBe(200);
    await eventually(async () => expect(await executionsOf(server, flow.id)).toHaveLength(2));

    const first = await server.api('GET', `/api/workflows/v1/flows/${flow.id}/executions?limit=1`);
    expect(first.body).toHaveLength(1);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const second = await server.api('GET', new URL(next!).pathname + new URL(next!).search);
    expect(second.body).toHaveLength(1);
    expect(second.body[0].id).not.toBe(first.body[0].id);
    expect(second.headers.get('link')).not.toMatch(/rel="next"/);

    const failed = await executionsOf(server, flow.id, '?status=failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ status: 'failed', error: { message: 'asked to fail' }, failedCard: { id: 'check' } });
    expect(failed[0].cards).toBeUndefined();
  });
});
