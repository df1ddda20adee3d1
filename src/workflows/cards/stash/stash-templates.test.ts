import { describe, expect, test } from 'vitest';
import { readTemplate } from '../../../../test/helpers/templates.js';
import { readFlopack } from '../../flopack/flopack.js';
import { readNestedFlow } from '../../flopack/graph.js';
import { defaultCardRegistry } from '../registry.js';
import { runFlow } from '../../engine/run-flow.js';
import type { EngineContext, EngineServices, HttpTrigger } from '../../engine/types.js';
import type { FlowDefinition } from '../../model/flow.schema.js';
import { memoryTablesService } from '../../runtime/memory-tables.js';

/* Okta templates that use Tables, run end to end with the real stash cards over their own tables (in memory). */

function templateHost(name: string) {
  const contents = readFlopack(readTemplate(name));
  const tables = memoryTablesService(contents.tables);
  let executions = 0;
  const services: EngineServices = {
    tables,
    callFlow: async (flowId, trigger, parent) => {
      const flow = contents.flows.find((candidate) => candidate.id === flowId);
      if (!flow) throw new Error(`no flow ${flowId}`);
      return runFlow(flow, trigger, context(`${parent.executionId}/${++executions}`));
    },
  };
  const context = (executionId = 'exec'): EngineContext => ({ executionId, clock: () => new Date('2026-01-02T03:04:05.000Z'), cards: defaultCardRegistry, readNestedFlow, services });
  const flow = (prefix: string): FlowDefinition => contents.flows.find((candidate) => candidate.name === prefix) ?? contents.flows.find((candidate) => candidate.name.startsWith(prefix))!;
  return { contents, tables, context, flow };
}

const post = (body: unknown): HttpTrigger => ({ kind: 'http', method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: JSON.stringify(body) });

describe('templates with Tables', () => {
  test('process_batched_okta_events_from_an_event_hook: each successful event becomes a row of BatchedEvents', async () => {
    const { tables, context, flow } = templateHost('process_batched_okta_events_from_an_event_hook');
    const event = (uuid: string, result: string) => ({ uuid, eventType: 'user.session.start', displayMessage: `sign-in ${uuid}`, outcome: { result } });
    const result = await runFlow(flow('Process Batched Events'), post({ eventId: 'batch-1', data: { events: [event('e1', 'SUCCESS'), event('e2', 'FAILURE'), event('e3', 'SUCCESS')] } }), context());
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    const rows = await tables.searchRows('c3abb369-f4e5-4d08-97e8-c7a48719da4d', {});
    expect(rows.map((row) => row.cells)).toEqual([
      { eventType: 'user.session.start', displayMessage: 'sign-in e1', uuid: 'e1', eventId: 'batch-1' },
      { eventType: 'user.session.start', displayMessage: 'sign-in e3', uuid: 'e3', eventId: 'batch-1' },
    ]);
  });

  test.each([
    ['jane@atko.email', { commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] }],
    ['bob@example.com', { error: { errorSummary: 'Invalid domain. Please contact your admin.' } }],
  ])('validate_email_domain_using_registration_inline_ho: %s against its table of allowed domains', async (email, expected) => {
    const { tables, context, flow } = templateHost('validate_email_domain_using_registration_inline_ho');
    await tables.createRow('1b2858af-ae35-4966-820a-ff63ee7ccbda', { 'Allowed Domains': 'atko.email' });
    await tables.createRow('1b2858af-ae35-4966-820a-ff63ee7ccbda', { 'Allowed Domains': 'tollgate.test' });
    const result = await runFlow(flow('Validate Email Domains'), post({ eventType: 'com.okta.user.pre-registration', data: { userProfile: { login: email, email } } }), context());
    expect(result.status, JSON.stringify(result.error)).toBe('succeeded');
    expect(JSON.parse(result.answer?.body as string)).toMatchObject(expected);
  });
});
