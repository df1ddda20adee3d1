import { expect, test } from 'vitest';
import { CardError } from './card.js';
import { memoryTablesService } from '../runtime/memory-tables.js';
import type { TablesService } from './services/tables.js';
import { describeWithTemplates, readTemplate } from '../../../test/helpers/templates.js';
import { defaultCardRegistry } from '../cards/registry.js';
import { readFlopack } from '../flopack/flopack.js';
import { readNestedFlow } from '../flopack/graph.js';
import type { FlowDefinition } from '../model/flow.schema.js';
import { runFlow } from './run-flow.js';
import type { CardRegistry } from './card.js';
import type { CallTrigger, EngineContext, EngineServices, ExecutionResult, HttpTrigger } from './types.js';

/*
 * Okta's own template exports, imported and run end to end through the engine with inputs these
 * tests choose. Helper flows are called through a host `callFlow` over the flows of the same export,
 * as the server does over the stored flows.
 */

function pack(template: string): FlowDefinition[] {
  return readFlopack(readTemplate(template)).flows;
}

function named(flows: FlowDefinition[], name: string): FlowDefinition {
  const found = flows.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no flow '${name}' (have: ${flows.map((candidate) => candidate.name).join(', ')})`);
  return found;
}

/** A host over the flows of one export: `callFlow` runs them by id and keeps every execution. */
function host(flows: FlowDefinition[], cards: CardRegistry = defaultCardRegistry, tables?: TablesService): { context: (extra?: Partial<EngineContext>) => EngineContext; runs: ExecutionResult[] } {
  const runs: ExecutionResult[] = [];
  let executions = 0;
  let now = Date.parse('2026-03-01T12:00:00.000Z');
  const clock = () => new Date(now++);
  const services: EngineServices = {
    tables,
    callFlow: async (flowId, trigger, parent) => {
      const flow = flows.find((candidate) => candidate.id === flowId);
      if (!flow) throw new CardError(`no flow with id ${flowId} in this export`);
      const result = await runFlow(flow, trigger, { executionId: `${parent.executionId}/${++executions}`, clock, services, cards, readNestedFlow });
      runs.push(result);
      return result;
    },
  };
  return { context: (extra = {}) => ({ executionId: 'exec-1', clock, services, cards, readNestedFlow, ...extra }), runs };
}

const call = (inputs: Record<string, unknown>): CallTrigger => ({ kind: 'call', inputs });

describeWithTemplates('datetime_format_converter', () => {
  const flows = pack('datetime_format_converter');
  const converter = named(flows, 'dateTimeConverter [h]');
  // 2022-06-28T00:12:51Z in each form the helper accepts.
  const same = {
    Error: '', // the branch's Return writes an empty Error
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
    ['UTC (Z Time)', { 'UTC (Z Time)': '2022-06-28T00:12:51Z' }],
    ['ISO 8601 with an offset', { 'ISO 8601': '2022-06-28T02:12:51+02:00' }],
  ])('the helper converts %s into every other form (If/ElseIf picks the branch, If/Else and Join assemble)', async (_label, inputs) => {
    const { context } = host(flows);
    const result = await runFlow(converter, call(inputs), context());
    expect(result.status).toBe('succeeded');
    expect(result.ending).toBe('returned');
    expect(result.outputs).toEqual(same);
    const branch = result.cards.find((record) => record.cardType === 'control:branch');
    expect(branch?.nested).toHaveLength(1);
  });

  test('the helper without any input takes the else branch and returns its error', async () => {
    const { context } = host(flows);
    const result = await runFlow(converter, call({}), context());
    expect(result.outputs).toEqual({ Error: 'A value must be specified.', 'UTC (Z Time)': null, 'ISO 8601': null, EPOCH: null, UNIX: null, LDAP: null });
    expect(result.cards.map((record) => record.cardName)).toEqual(['Helper Flow', 'If/ElseIf', 'If/Else', 'Join', 'Return']);
  });

  test('the parent flow calls the helper with its LDAP time and gets every form back', async () => {
    const { context, runs } = host(flows);
    const result = await runFlow(named(flows, 'dateTimeConverter [p]'), { kind: 'manual' }, context());
    expect(result.error?.message).toBeUndefined();
    const callFlow = result.cards.find((record) => record.cardType === 'control:spawn');
    expect(callFlow?.outputs).toEqual(same);
    expect(runs).toHaveLength(1);
    expect(callFlow?.calls).toEqual([{ flowId: converter.id, executionId: 'exec-1/1', status: 'succeeded', index: undefined }]);
  });
});

describeWithTemplates('check_ip_addresses_against_a_cidr_range', () => {
  const flows = pack('check_ip_addresses_against_a_cidr_range');

  test.each([
    ['69.173.127.24', 1168998168],
    ['10.0.0.1', 167772161],
    ['255.255.255.255', 4294967295],
  ])('MATH turns %s into the number %d (Split, At, Formula)', async (ip, decimal) => {
    const { context } = host(flows);
    const result = await runFlow(named(flows, 'MATH'), call({ 'IP Address': ip }), context());
    expect(result.outputs).toEqual({ decimal });
  });

  test.each([
    ['69.173.127.24', true],
    ['69.173.64.0', true],
    ['69.173.128.0', false],
    ['8.8.8.8', false],
  ])('the range check helper calls MATH three times and says whether %s is in 69.173.64.0-69.173.127.255: %s', async (ip, inRange) => {
    const { context, runs } = host(flows);
    const result = await runFlow(named(flows, 'IP Address Range Check - Helper'), call({ IPAddress: ip, lowerBound: '69.173.64.0', upperBound: '69.173.127.255' }), context());
    expect(result.status).toBe('succeeded');
    expect(result.cards.at(-1)).toMatchObject({ cardName: 'And', outputs: { output: inRange } });
    expect(runs.map((run) => run.flowName)).toEqual(['MATH', 'MATH', 'MATH']);
  });

  /** The parent flow with the x-forwarded-for header the test chooses. */
  function parentFor(forwardedFor: string): FlowDefinition {
    const parent = structuredClone(named(flows, 'IP Address Range Check - Parent'));
    const payload = parent.cards.find((candidate) => candidate.type === 'string:compose' && String(candidate.inputs?.[0].value).includes('x-forwarded-for'))!;
    payload.inputs![0].value = JSON.stringify({ host: 'example.workflows.okta.com', 'x-forwarded-for': forwardedFor });
    return parent;
  }

  test("as exported, the parent halts: its range helper has no Return card, so Filter Custom keeps no address", async () => {
    const { context } = host(flows);
    const result = await runFlow(parentFor('8.8.8.8,69.173.100.1'), { kind: 'manual' }, context());
    expect(result).toMatchObject({ status: 'succeeded', ending: 'halted', haltMessage: 'stopped' });
    expect(result.cards.find((record) => record.cardName === 'Filter Custom')?.outputs).toEqual({ list: [] });
  });

  test('with a Return of the And result added to the helper, the parent keeps the address in range and goes on', async () => {
    const fixed = structuredClone(flows);
    const helper = named(fixed, 'IP Address Range Check - Helper');
    const and = helper.cards.find((candidate) => candidate.type === 'boolean:and')!;
    helper.cards.push({ id: 'addedReturn', type: 'control:return', name: 'Return', inputs: [{ id: 'keep', key: 'keep', type: 'boolean' }] });
    helper.wires.push({ from: { card: and.id, field: and.outputs![0].id }, to: { card: 'addedReturn', field: 'keep' } });
    const { context } = host(fixed);
    const result = await runFlow(parentFor('8.8.8.8,69.173.100.1,69.173.200.5'), { kind: 'manual' }, context());
    expect(result.status).toBe('succeeded');
    expect(result.ending).toBe('completed');
    expect(result.cards.find((record) => record.cardName === 'Filter Custom')?.outputs).toEqual({ list: ['69.173.100.1'] });
    expect(result.cards.at(-1)?.outputs).toEqual({ output: 'Continue processing' });
  });
});

describeWithTemplates('process_batched_okta_events_from_an_event_hook', () => {
  // Its one connector card is Tables "Create Row" (stash:createRow): the real card, over the export's own
  // table "BatchedEvents" held in memory.
  const contents = readFlopack(readTemplate('process_batched_okta_events_from_an_event_hook'));
  const flows = contents.flows;
  const batchedEvents = Object.keys(contents.tables)[0];
  const receiver = named(flows, 'Process Batched Events');
  const hook = (body: unknown): HttpTrigger => ({ kind: 'http', method: 'POST', headers: { 'content-type': 'application/json' }, query: {}, body: JSON.stringify(body) });
  const event = (uuid: string, result: string) => ({ uuid, eventType: 'user.session.start', displayMessage: `sign-in ${uuid}`, outcome: { result } });
  const rowsOf = async (tables: TablesService) => (await tables.searchRows(batchedEvents, {})).map((row) => row.cells);

  test('each successful event of the batch becomes a row; the others stop in their helper', async () => {
    const tables = memoryTablesService(contents.tables);
    const { context, runs } = host(flows, undefined, tables);
    const result = await runFlow(receiver, hook({ eventId: 'batch-1', data: { events: [event('e1', 'SUCCESS'), event('e2', 'FAILURE'), event('e3', 'SUCCESS')] } }), context());
    expect(result.status).toBe('succeeded');
    expect(await rowsOf(tables)).toEqual([
      { eventType: 'user.session.start', displayMessage: 'sign-in e1', uuid: 'e1', eventId: 'batch-1' },
      { eventType: 'user.session.start', displayMessage: 'sign-in e3', uuid: 'e3', eventId: 'batch-1' },
    ]);
    expect(runs.map((run) => [run.ending, run.cards[0].outputs?.['context.index']])).toEqual([
      ['completed', 0],
      ['halted', 1],
      ['completed', 2],
    ]);
    // Create Row hands back the id of the row it wrote.
    const written = (await tables.searchRows(batchedEvents, {})).map((row) => row.id);
    expect([runs[0], runs[2]].map((run) => run.cards.find((record) => record.cardName === 'Create Row')?.outputs?.['Output.Row ID'])).toEqual(written);
    expect(result.cards.find((record) => record.cardName === 'For Each')?.calls?.map((entry) => entry.index)).toEqual([0, 1, 2]);
  });

  test('a batch without events halts with the template\'s message', async () => {
    const tables = memoryTablesService(contents.tables);
    const { context } = host(flows, undefined, tables);
    const result = await runFlow(receiver, hook({ eventId: 'batch-2', data: { events: [] } }), context());
    expect(result).toMatchObject({ status: 'succeeded', ending: 'halted', haltMessage: 'No Events Found' });
    expect(await rowsOf(tables)).toEqual([]);
  });
});
