import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compose } from '../src/workflows/engine/flow-test-kit.js';
import type { FlowDefinition } from '../src/workflows/model/index.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { card, createFlow, endpoint, endpointFlow, eventuallyExecutions, executionsOf, field, invoke, returnCard, wire } from './helpers/workflows.js';

/*
 * Helper flows stored in the org and called by id from a flow run by the server (Call Flow waits, the
 * helper must be on), each helper run recorded as its own execution and linked to its caller's, and
 * the text search over one flow's executions.
 */

const helper = (id: string): FlowDefinition => ({
  id,
  name: 'Greeter',
  saveAllData: true,
  cards: [
    card('h', 'control:callable', { outputs: [field('hName', 'name', 'string')] }),
    compose('say', 'Hello {{{n}}}', [field('n', 'n', 'string')]),
    card('ret', 'control:return', { inputs: [field('greeting', 'greeting', 'string')] }),
  ],
  wires: [wire('h.hName', 'say.n'), wire('say.sayOut', 'ret.greeting')],
});

const caller = (helperId: string) =>
  endpointFlow('Caller', {
    securityLevel: 'open',
    cards: [
      endpoint([{ id: 'who', key: 'who', group: 'body' }]),
      card('call', 'control:spawn', {
        inputs: [field('flo', 'flo', 'flo', { value: helperId }), field('nameIn', 'name', 'string')],
        outputs: [field('greetingOut', 'greeting', 'string')],
      }),
      returnCard('reply', [{ id: 'answer', key: 'greeting' }]),
    ],
    wires: [wire('endpoint.who', 'call.nameIn'), wire('call.greetingOut', 'reply.answer')],
  });

describe('helper flows called by id in the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  test('Call Flow runs the stored helper and waits; both executions are recorded and linked', async () => {
    await createFlow(server, helper('greeter-on'));
    const parent = await createFlow(server, caller('greeter-on'));
    const res = await invoke(parent.invokeUrl, { body: { who: 'Ada' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ greeting: 'Hello Ada' });
    const executionId = res.headers.get('x-execution-id');

    const [child] = await eventuallyExecutions(server, 'greeter-on', 1);
    expect(child).toMatchObject({ trigger: 'call', status: 'succeeded', parent: { executionId, cardId: 'call' } });

    const detail = await server.api('GET', `/api/workflows/v1/executions/${executionId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.parent).toBeNull();
    expect(detail.body.children.map((c: { id: string }) => c.id)).toEqual([child.id]);
    const childDetail = await server.api('GET', `/api/workflows/v1/executions/${child.id}`);
    expect(childDetail.body._links.parent.href).toContain(`/executions/${executionId}`);
    expect(childDetail.body.outputs).toEqual({ greeting: 'Hello Ada' });
  });

  test('a helper that is off is not run: the calling card fails with a clear error', async () => {
    await createFlow(server, helper('greeter-off'), false);
    const parent = await createFlow(server, caller('greeter-off'));
    const res = await invoke(parent.invokeUrl, { body: { who: 'Bob' } });
    expect(res.status).toBe(500);
    expect(res.json.error).toMatch(/'Greeter' is off/);
    const [run] = await eventuallyExecutions(server, parent.id, 1);
    expect(run.status).toBe('failed');
    expect(run.error.message).toMatch(/'Greeter' is off/);
    expect(await executionsOf(server, 'greeter-off')).toHaveLength(0);
  });

  test('a flow id that does not exist fails the card and names the id', async () => {
    const parent = await createFlow(server, caller('no-such-flow'));
    await invoke(parent.invokeUrl, { body: { who: 'Cy' } });
    const [run] = await eventuallyExecutions(server, parent.id, 1);
    expect(run.error.message).toMatch(/'no-such-flow' does not exist/);
  });

  test('text search finds executions by saved card data, case-insensitively, and nothing else', async () => {
    await createFlow(server, helper('greeter-search'));
    const parent = await createFlow(server, caller('greeter-search'));
    for (const who of ['Margaret', 'Grace', 'Barbara']) await invoke(parent.invokeUrl, { body: { who } });
    await eventuallyExecutions(server, 'greeter-search', 3);
    const found = await executionsOf(server, 'greeter-search', '?q=hello%20grace');
    expect(found).toHaveLength(1);
    expect(await executionsOf(server, 'greeter-search', '?q=nobody')).toHaveLength(0);
    // LIKE wildcards are taken literally.
    expect(await executionsOf(server, 'greeter-search', '?q=%25')).toHaveLength(0);
    expect(await executionsOf(server, parent.id, '?q=barbara')).toHaveLength(1);
  });
});
