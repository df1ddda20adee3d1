/**
 * The invoke path without HTTP and without the database: what `invokeFlow` does per request (execution
 * id, cut-off timer, engine run, reply, execution row) for the two-card flow and the demo flow, with and
 * without saved data; CPU µs per execution. For quick back-to-back comparisons of engine changes:
 * `npx tsx bench/lib/engine-micro.ts` (BENCH_ROUNDS, default 5 rounds of 20000 executions).
 */
import { randomUUID } from 'node:crypto';
import { contractorsFlow } from '../../src/workflows/demo-flows/contractors.js';
import { CutOffController, prepareFlow, startFlow, type HttpTrigger } from '../../src/workflows/engine/index.js';
import { defaultCardRegistry } from '../../src/workflows/cards/registry.js';
import { readNestedFlow } from '../../src/workflows/flopack/index.js';
import { responseOf } from '../../src/workflows/invoke/http-reply.js';
import type { FlowDefinition } from '../../src/workflows/model/index.js';
import { executionRowOf } from '../../src/workflows/store/execution-record.js';
import { CONTRACTOR_EMAIL, OTHER_EMAIL, registrationRequest } from './payloads.js';

const twoCards = {
  ...contractorsFlow, id: 'two-cards', name: 'Two cards', wires: [],
  cards: [{ id: 'endpoint', type: 'http:accept', outputs: [] }, { id: 'answer', type: 'control:returnRaw', inputs: [{ id: 'body', key: 'body', type: 'string', value: '{"commands":[]}' }] }],
} as FlowDefinition;

const triggers: HttpTrigger[] = [CONTRACTOR_EMAIL, OTHER_EMAIL].map((email) => ({
  kind: 'http', method: 'POST', query: {}, body: registrationRequest(email),
  headers: { host: '127.0.0.1:3000', 'content-type': 'application/json', accept: 'application/json', 'content-length': '400' },
}));

async function once(flow: FlowDefinition, saveAllData: boolean, trigger: HttpTrigger): Promise<void> {
  const executionId = randomUUID();
  const controller = new CutOffController();
  const limit = setTimeout(() => controller.abort(new Error('cut off')), 60_000);
  const run = startFlow(prepareFlow(flow), trigger, { executionId, clock: () => new Date(), signal: controller, recordValues: saveAllData, cards: defaultCardRegistry, readNestedFlow });
  const response = responseOf(await run.reply);
  const result = await run.done;
  clearTimeout(limit);
  executionRowOf(result, { flowId: 'f', flowName: 'n', trigger: 'http', saveAllData, statusCode: response.statusCode });
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const perRound = 20_000;
for (const [name, flow, save] of [['two cards', twoCards, false], ['demo, no data', contractorsFlow, false], ['demo, all data', contractorsFlow, true]] as const) {
  const figures: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = process.cpuUsage();
    for (let i = 0; i < perRound; i++) await once(flow, save, triggers[i % 2]);
    const used = process.cpuUsage(before);
    figures.push((used.user + used.system) / perRound);
  }
  figures.sort((a, b) => a - b);
  process.stdout.write(`${name.padEnd(16)} median ${figures[Math.floor(rounds / 2)].toFixed(1)} µs  min ${figures[0].toFixed(1)} µs per execution\n`);
}
