/**
 * A quick diagnosis of the invoke path, for comparing changes back to back: one Tollgate child, the steps
 * of invoke-flow.bench.ts's cost breakdown (Fastify only, a two-card flow, the demo flow without and with
 * saved data, the demo flow with its client token), each measured for BENCH_DURATION seconds (default 5)
 * after 2 s of warm-up; prints server CPU µs per request and requests/s per step.
 *
 * `npx tsx bench/lib/invoke-breakdown.ts [step substring…]`; with BENCH_CPU_PROFILE=<file> the child
 * profiles itself once started and writes the profile there when it stops (summarize it with
 * cpu-profile-summary.ts).
 */
import { adminApi } from './admin-api.js';
import { startChild } from './child.js';
import { measureLoad, type LoadRequest } from './load.js';
import { contractorsFlow } from '../../src/workflows/demo-flows/contractors.js';
import { CONTRACTOR_EMAIL, OTHER_EMAIL, registrationRequest } from './payloads.js';
import type { TollgateInfo } from './types.js';

const seconds = Number(process.env.BENCH_DURATION ?? 5);
const filters = process.argv.slice(2);

const tollgate = await startChild<TollgateInfo>('serve-tollgate.ts');
try {
  const info = tollgate.info;
  const create = async (definition: unknown) => (await adminApi(info.url, info.token, 'POST', '/api/workflows/v1/flows?activate=true', definition)).invokeUrl as string;
  const steps: Array<[string, string, 'GET' | 'POST', Record<string, string>]> = [
    ['Fastify only (GET /health)', `${info.url}/health`, 'GET', {}],
    ['two cards, no data saved', await create({
      name: 'Two cards', securityLevel: 'open', saveAllData: false, wires: [],
      cards: [{ id: 'endpoint', type: 'http:accept', outputs: [] }, { id: 'answer', type: 'control:returnRaw', inputs: [{ id: 'body', key: 'body', type: 'string', value: '{"commands":[]}' }] }],
    }), 'POST', {}],
    ['demo flow, no data saved', await create({ ...contractorsFlow, id: 'demo-without-data', securityLevel: 'open', saveAllData: false }), 'POST', {}],
    ['demo flow, all data saved', await create({ ...contractorsFlow, id: 'demo-with-data', securityLevel: 'open', saveAllData: true }), 'POST', {}],
    ['demo flow with client token (the bench)', info.invokeUrl, 'POST', { 'x-api-client-token': info.clientToken }],
  ];
  for (const [step, url, method, headers] of steps) {
    if (filters.length > 0 && !filters.some((filter) => step.includes(filter))) continue;
    const target = new URL(url);
    const common = { 'content-type': 'application/json', accept: 'application/json', ...headers };
    const requests: LoadRequest[] = [CONTRACTOR_EMAIL, OTHER_EMAIL].map((email) =>
      method === 'GET' ? { method, path: target.pathname } : { method, path: target.pathname, headers: common, body: registrationRequest(email) });
    const result = await measureLoad({ url: target.origin, requests, serverCpu: tollgate.cpuMicros, seconds, warmUpSeconds: 2 });
    const failed = result.non2xx + result.errors + result.timeouts;
    process.stdout.write(`${step.padEnd(42)} ${(result.cpuPerRequest ?? NaN).toFixed(0).padStart(5)} µs/request ${result.requestsPerSecond.toFixed(0).padStart(6)} requests/s p99 ${result.p99} ms${failed ? ` FAILED ${failed}` : ''}\n`);
  }
} finally {
  await tollgate.stop();
}
