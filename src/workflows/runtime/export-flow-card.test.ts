import { afterAll, beforeAll, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { describeWithTemplates, readTemplate } from '../../../test/helpers/templates.js';
import { workflowRuntime } from './workflow-runtime.js';
import { runStoredFlow } from './run-stored-flow.js';

/*
 * The Export Flow card in a stored flow writes the same export as `GET /api/workflows/v1/flows/{id}/export`
 * (one function, store/flow-export.ts exportFlowPack): the flow, its folder, the tables it uses and its
 * connections (`data.configs`). Only the API's export, a user's, writes Okta's System Log export events.
 */

type Json = Record<string, any>;

/** "SUB - Remove User from Group" of Okta's template: an Okta connection, a table, a folder. */
const TEMPLATE = 'assign_temporary_group_memberships';
const EXPORTED_FLOW = '76097207-4944-47a6-9129-8e06e1b03a01';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const imported = await server.api('POST', '/api/workflows/v1/import', readTemplate(TEMPLATE));
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

/** A stored flow whose only work is an Export Flow card of `flowId`. */
async function exporterFlow(flowId: string, id: string): Promise<Json> {
  const res = await server.api('POST', '/api/workflows/v1/flows?activate=true', {
    id,
    name: `Export ${flowId}`,
    saveAllData: true,
    cards: [
      { id: 'start', type: 'control:noop' },
      {
        id: 'exporter', type: 'utility:exportFlo', name: 'Export Flow',
        inputs: [
          { id: 'flo', key: 'flo', type: 'flo', value: flowId },
          { id: 'pretty', key: 'pretty', type: 'boolean', value: false },
          { id: 'indent', key: 'indent', type: 'number', value: 2 },
        ],
        outputs: [{ id: 'output', key: 'output', type: 'file' }],
      },
    ],
    wires: [],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as Json;
}

async function runExporter(id: string): Promise<{ status: string; output: unknown; error: string | null }> {
  const flow = await workflowRuntime(server.ctx).flows.getById(id);
  expect(flow).toBeDefined();
  const result = await runStoredFlow(server.ctx, flow!, { kind: 'manual' });
  const card = result.cards.find((record) => record.cardId === 'exporter');
  return { status: result.status, output: card?.outputs?.output ?? null, error: result.error?.message ?? null };
}

async function exportEvents(): Promise<Json[]> {
  const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType sw "workflows.user.flow.export" or eventType eq "workflows.user.table.schema.export"')}&limit=100`);
  return res.body as Json[];
}

/** An export without its creation time (each export is stamped when it is made). */
function withoutCreated(pack: Json): Json {
  const { created, ...rest } = pack;
  expect(created).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
  return rest;
}

describeWithTemplates('Export Flow card: the same export as the API', () => {
  test("the card's export equals GET …/flows/{id}/export: flow, folder, tables and connections (data.configs)", async () => {
    await exporterFlow(EXPORTED_FLOW, 'exporter-1');
    const before = await exportEvents();
    const run = await runExporter('exporter-1');
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    const fromCard = JSON.parse(run.output as string) as Json;
    // The card writes no System Log event: no user exported anything.
    expect(await exportEvents()).toEqual(before);

    const fromApi = await server.api('GET', `/api/workflows/v1/flows/${EXPORTED_FLOW}/export`);
    expect(fromApi.status).toBe(200);
    expect(withoutCreated(fromCard)).toEqual(withoutCreated(fromApi.body as Json));
    expect(fromCard.data.configs).toEqual({ 'a21d5320-3635-49e5-9836-d2761c2d016b': { id: 'a21d5320-3635-49e5-9836-d2761c2d016b', name: 'okta stark', module: 'okta', data: null } });
    expect(Object.values(fromCard.data.tables as Json).map((table: Json) => table.name)).toEqual(['Users Added to Temporary Groups']);
    expect(Object.keys(fromCard.data.groups as Json)).toEqual(['dd105bb6-c2b9-4a2d-adac-6fd5bb0788e5']);
    expect(Object.keys(fromCard.data.flos as Json)).toEqual([EXPORTED_FLOW]);

    // The API's export, a user's, writes Okta's events: the table schema, then the flow.
    const after = await exportEvents();
    expect(after.length - before.length).toBe(2);
    expect(after.slice(0, 2).map((event) => event.eventType).sort()).toEqual(['workflows.user.flow.export', 'workflows.user.table.schema.export']);
  });

  test('pretty prints with the indent; an unknown flow fails the card', async () => {
    const exporter = await exporterFlow(EXPORTED_FLOW, 'exporter-2');
    const definition = exporter.definition as Json;
    definition.cards[1].inputs[1].value = true;
    definition.cards[1].inputs[2].value = 4;
    expect((await server.api('PUT', '/api/workflows/v1/flows/exporter-2', definition)).status).toBe(200);
    const pretty = await runExporter('exporter-2');
    expect(pretty.output).toEqual(expect.stringContaining('\n    "type": "flopack"'));
    expect(JSON.parse(pretty.output as string).data.configs).toHaveProperty('a21d5320-3635-49e5-9836-d2761c2d016b');

    await exporterFlow('no-such-flow', 'exporter-3');
    const missing = await runExporter('exporter-3');
    expect(missing.status).toBe('failed');
    expect(missing.error).toContain("the flow 'no-such-flow' does not exist in this org");
  });
});
