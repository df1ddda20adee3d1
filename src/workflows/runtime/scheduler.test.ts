import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AppContext } from '../../platform/context.js';
import { compose } from '../engine/flow-test-kit.js';
import { readTemplate } from '../../../test/helpers/templates.js';
import { readFlopack } from '../flopack/flopack.js';
import type { FlowDefinition } from '../model/index.js';
import { workflowRuntime } from './workflow-runtime.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { card, createFlow, executionsOf, field, wire } from '../../../test/helpers/workflows.js';
import { eventually } from '../../../test/helpers/eventually.js';
import { createFlowScheduler, scheduleOf } from './scheduler.js';

/*
 * Two scheduler instances on one database, driven by one fake clock: each tick runs once, whichever
 * instance claims it; missed ticks run at most once (the last); flows that are off do not run. The
 * schedule starts in 2030, so the server's own scheduler (on the real clock) never finds a tick due.
 */

const DAILY_9AM_LA = {
  seconds: '00', minutes: '0', hours: '9', dayOfTheMonth: '*/1', month: '*', dayOfTheWeek: '*',
  startDate: '2030-01-01', endDate: '', recurrence: 0, timeZone: 'America/Los_Angeles',
};

function scheduledFlow(id: string): FlowDefinition {
  return {
    id,
    name: `Daily report (${id})`,
    saveAllData: true,
    schedule: { cron: DAILY_9AM_LA, enabled: true },
    cards: [
      card('start', 'control:callable', { name: 'Scheduled Flow', outputs: [field('time', 'execution_time', 'string', { group: 'context' }), field('exec', 'execution_id', 'string', { group: 'context' })] }),
      compose('say', 'Report for {{{t}}}', [field('t', 't', 'string')]),
    ],
    wires: [wire('start.time', 'say.t')],
  };
}

describe('the flow scheduler', () => {
  let server: TestServer;
  let now = new Date('2030-01-05T16:00:00Z');
  const instances: AppContext[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    for (let i = 0; i < 2; i++) instances.push({ ...server.ctx, clock: () => now });
  });
  afterAll(async () => {
    for (const ctx of instances) await workflowRuntime(ctx).close();
    await server?.close();
  });

  test('two instances on one database: each tick runs once, missed ticks only the last', async () => {
    const flow = await createFlow(server, scheduledFlow('daily-report'));
    const [a, b] = instances.map((ctx, i) => createFlowScheduler(ctx, { instance: `instance-${i}` }));

    // 2030-01-05 08:00 in Los Angeles: the ticks of Jan 1 to Jan 4 were missed; only Jan 4's runs.
    const first = (await Promise.all([a.runDue(), b.runDue()])).flat();
    expect(first.map((t) => t.tick)).toEqual(['2030-01-04T17:00:00.000Z']);
    expect((await Promise.all([a.runDue(), b.runDue()])).flat()).toEqual([]);

    // 9:00:01 on Jan 5: the new tick, once.
    now = new Date('2030-01-05T17:00:01Z');
    const second = (await Promise.all([b.runDue(), a.runDue()])).flat();
    expect(second.map((t) => t.tick)).toEqual(['2030-01-05T17:00:00.000Z']);
    const results = await Promise.all([...first, ...second].map((t) => t.done));
    expect(results.map((r) => r?.status)).toEqual(['succeeded', 'succeeded']);

    // A third instance that starts later (a restart) does not run a claimed tick again.
    const late = createFlowScheduler({ ...server.ctx, clock: () => now }, { instance: 'late' });
    expect(await late.runDue()).toEqual([]);
    expect(await a.nextDue()).toEqual(new Date('2030-01-06T17:00:00.000Z'));

    const ticks = await server.ctx.db.selectFrom('flow_schedule_ticks').selectAll().where('flow_id', '=', flow.id).orderBy('tick').execute();
    expect(ticks.map((t) => t.tick)).toEqual(['2030-01-04T17:00:00.000Z', '2030-01-05T17:00:00.000Z']);
    expect(ticks.map((t) => t.execution_id)).toEqual(results.map((r) => r?.executionId));

    const runs = await eventually(async () => {
      const found = await executionsOf(server, flow.id);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(runs.every((r: { trigger: string }) => r.trigger === 'schedule')).toBe(true);
    const detail = (await server.api('GET', `/api/workflows/v1/executions/${results[1]?.executionId}`)).body;
    const say = detail.cards.find((c: { cardId: string }) => c.cardId === 'say');
    expect(say.outputs.output).toBe('Report for 2030-01-05T17:00:00.000Z');
  });

  test('a flow that is off, or turned on after a tick, does not run it', async () => {
    now = new Date('2030-01-07T17:30:00Z');
    const off = await createFlow(server, scheduledFlow('report-off'), false);
    const scheduler = createFlowScheduler(instances[0], { instance: 'solo' });
    const due = await scheduler.runDue();
    expect(due.map((t) => t.flowId)).not.toContain(off.id);
    await Promise.all(due.map((t) => t.done));
    // Turned on now (real time, 2026+): its 2030 ticks are later than that, so the next one runs.
    expect((await server.api('POST', `/api/workflows/v1/flows/${off.id}/activate`)).status).toBe(200);
    const after = await scheduler.runDue();
    expect(after.map((t) => [t.flowId, t.tick])).toContainEqual([off.id, '2030-01-07T17:00:00.000Z']);
    await Promise.all(after.map((t) => t.done));
  });

  test("an Okta export's schedule comes in as the flow's schedule and goes out unchanged", () => {
    const original = readTemplate('add_inactive_users_to_marketo_list_for_remarketing');
    const flows = readFlopack(original).flows.filter((f) => scheduleOf(f));
    expect(flows.length).toBeGreaterThan(0);
    expect(flows[0].schedule).toEqual({
      cron: { seconds: '00', minutes: '0', hours: '9', dayOfTheMonth: '*/1', month: '*', dayOfTheWeek: '*', startDate: '', endDate: '', recurrence: 0, timeZone: 'America/Los_Angeles' },
      enabled: true,
    });
    expect(flows[0].okta?.data).not.toHaveProperty('cron');
  });
});
