/**
 * Tollgate beside a peer and across its ways of starting, one load, one run: the demo flow "Registration
 * hook: contractors" through `/api/flo/{alias}/invoke` (client token, all data saved) served by Tollgate as a
 * user starts it (compiled `node dist/src/main.js start`, SQLite, demo org), against Node-RED 4.1 running the
 * same decision (bench/peers/node-red/flows.json: http in → switch → change → http response) and the bare
 * node:http server of invoke-flow.bench.ts. Then Tollgate with `--workers 2`, and under tsx instead of
 * compiled. Idle RSS is read after /health answers and BENCH_IDLE_SECONDS (5) of quiet, before any load.
 * Server CPU is the whole process tree's (the cluster primary and its workers), from /proc.
 * Run alone: `npx tsx bench/peers.bench.ts` (BENCH_DURATION, BENCH_WARMUP in seconds).
 */
import os from 'node:os';
import { startChild } from './lib/child.js';
import { CONNECTIONS, MEASURE_SECONDS, measureLoad, WARM_UP_SECONDS, type LoadRequest, type LoadResult } from './lib/load.js';
import { ensureNodeRed, startNodeRed } from './lib/node-red.js';
import { CONTRACTOR_EMAIL, OTHER_EMAIL, registrationRequest } from './lib/payloads.js';
import { ensureBuilt, startTollgateProgram } from './lib/tollgate-program.js';
import { fixed, ratio, type BenchOutput } from './lib/types.js';

const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

function mix(path: string, headers: Record<string, string>): LoadRequest[] {
  const common = { 'content-type': 'application/json', accept: 'application/json', ...headers };
  return [CONTRACTOR_EMAIL, OTHER_EMAIL].map((email) => ({ method: 'POST', path, headers: common, body: registrationRequest(email) }));
}

interface Row extends LoadResult {
  name: string;
  /** Resident memory after start, before any load, in MiB (the whole process tree). */
  idleRssMiB?: number;
  failures: number;
}

const asRow = (name: string, result: LoadResult, idleRssMiB?: number): Row => ({ name, ...result, idleRssMiB, failures: result.non2xx + result.errors + result.timeouts });

async function bare(): Promise<Row> {
  const server = await startChild<{ url: string }>('bare-server.ts');
  try {
    return asRow('bare node:http', await measureLoad({ url: server.info.url, requests: mix('/registration-hook', {}), serverCpu: server.cpuMicros }));
  } finally {
    await server.stop();
  }
}

const EXPECTED = '{"commands":[{"type":"com.okta.user.profile.update","value":{"userType":"Contractor"}}]}';

async function tollgate(name: string, runner: 'compiled' | 'tsx', workers: number): Promise<Row & { exitCode: number | null }> {
  const server = await startTollgateProgram({ runner, workers });
  try {
    await sleep(IDLE_SECONDS);
    const idle = server.rssMiB();
    const invoke = new URL(server.invokeUrl);
    const answer = await (await fetch(invoke, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-client-token': server.clientToken }, body: registrationRequest(CONTRACTOR_EMAIL) })).text();
    if (answer !== EXPECTED) throw new Error(`unexpected answer ${answer}`);
    const result = await measureLoad({ url: invoke.origin, requests: mix(invoke.pathname, { 'x-api-client-token': server.clientToken }), serverCpu: server.cpuMicros });
    return { ...asRow(name, result, idle), exitCode: await server.stop() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

async function nodeRed(): Promise<{ row?: Row; version?: string; problem?: string }> {
  let version: string;
  try {
    version = ensureNodeRed();
  } catch (err) {
    return { problem: `could not install it (npm ci --prefix bench/peers/node-red): ${err instanceof Error ? err.message : String(err)}` };
  }
  let server: Awaited<ReturnType<typeof startNodeRed>> | undefined;
  try {
    server = await startNodeRed();
    await sleep(IDLE_SECONDS);
    const idle = server.rssMiB();
    const result = await measureLoad({ url: server.url, requests: mix('/registration-hook', {}), serverCpu: server.cpuMicros });
    return { row: asRow(`Node-RED ${version} (http in → switch → change → http response)`, result, idle), version };
  } catch (err) {
    return { version, problem: `it did not run: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    await server?.stop();
    server?.cleanUp();
  }
}

export async function peersBench(): Promise<BenchOutput> {
  ensureBuilt();
  const baseline = await bare();
  const compiled = await tollgate('Tollgate, compiled, 1 worker', 'compiled', 1);
  const peer = await nodeRed();
  const twoWorkers = await tollgate('Tollgate, compiled, `--workers 2`', 'compiled', 2);
  const tsx = await tollgate('Tollgate, tsx src/main.ts, 1 worker', 'tsx', 1);
  const rows: Row[] = [baseline, compiled, ...(peer.row ? [peer.row] : []), twoWorkers, tsx];
  const red = peer.row;
  const cpu = (row: Row | undefined) => row?.cpuPerRequest ?? NaN;
  const line = (label: string, a: Row | undefined, b: Row | undefined) =>
    `| ${label} | ${fixed(ratio(a?.requestsPerSecond ?? NaN, b?.requestsPerSecond ?? NaN))} | ${fixed(ratio(a?.p50 ?? NaN, b?.p50 ?? NaN))} | ${fixed(ratio(a?.p99 ?? NaN, b?.p99 ?? NaN))} | ${fixed(ratio(cpu(a), cpu(b)))} | ${fixed(ratio(a?.idleRssMiB ?? NaN, b?.idleRssMiB ?? NaN))} |`;
  const ratios = {
    tollgateVsNodeRed: { requestsPerSecond: ratio(compiled.requestsPerSecond, red?.requestsPerSecond ?? NaN), cpuPerRequest: ratio(cpu(compiled), cpu(red)), idleRss: ratio(compiled.idleRssMiB ?? NaN, red?.idleRssMiB ?? NaN) },
    nodeRedVsBare: { requestsPerSecond: ratio(red?.requestsPerSecond ?? NaN, baseline.requestsPerSecond), cpuPerRequest: ratio(cpu(red), cpu(baseline)) },
    tollgateVsBare: { requestsPerSecond: ratio(compiled.requestsPerSecond, baseline.requestsPerSecond), cpuPerRequest: ratio(cpu(compiled), cpu(baseline)) },
    twoWorkersVsOne: { requestsPerSecond: ratio(twoWorkers.requestsPerSecond, compiled.requestsPerSecond), cpuPerRequest: ratio(cpu(twoWorkers), cpu(compiled)) },
    tsxVsCompiled: { requestsPerSecond: ratio(tsx.requestsPerSecond, compiled.requestsPerSecond), cpuPerRequest: ratio(cpu(tsx), cpu(compiled)), idleRss: ratio(tsx.idleRssMiB ?? NaN, compiled.idleRssMiB ?? NaN) },
  };
  const cleanExit = [compiled, twoWorkers, tsx].every((row) => row.exitCode === 0);
  const markdown = [
    `Load: autocannon, ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up, then ${MEASURE_SECONDS} s per row; requests alternate jane@atko.email / bob@example.com (the registration hook request Tollgate sends), each row answered as the demo flow does (checked). Tollgate is the program a user starts (\`node dist/src/main.js start\`, demo org, SQLite, invoke rate limit off; the demo flow saves all data; its client token sent); Node-RED ${peer.version ?? '4.1'} runs bench/peers/node-red/flows.json with its settings file (no editor, no admin API), installed from bench/peers/node-red/package-lock.json. Server CPU µs/request is the process tree's (cluster primary and workers), from /proc; idle RSS is the tree's resident memory ${IDLE_SECONDS} s after /health answered, before any load. Each Tollgate exited 0 on SIGTERM: ${cleanExit ? 'yes' : '**no**'}.`,
    '',
    '| server | requests/s | p50 ms | p99 ms | server CPU µs / request | failed requests | idle RSS MiB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((row) => `| ${row.name} | ${fixed(row.requestsPerSecond, 0)} | ${row.p50} | ${row.p99} | ${fixed(cpu(row), 0)} | ${row.failures} | ${row.idleRssMiB === undefined ? 'n/a' : fixed(row.idleRssMiB, 1)} |`),
    '',
    ...(peer.problem ? [`**Node-RED was not measured in this run:** ${peer.problem}`, ''] : []),
    'Ratios (same run; CPU per request is the figure least affected by a busy machine):',
    '',
    '| ratio | requests/s | p50 | p99 | server CPU / request | idle RSS |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    line('Tollgate ÷ Node-RED (target ≥ 3 requests/s; idle RSS under 1)', compiled, red),
    line('Node-RED ÷ bare node:http', red, baseline),
    line('Tollgate ÷ bare node:http', compiled, baseline),
    line('`--workers 2` ÷ 1 worker (scaling)', twoWorkers, compiled),
    line('tsx ÷ compiled', tsx, compiled),
    '',
    `The machine has ${os.cpus().length} cores, shared with the load generator (autocannon, one process) and whatever else runs; with 2 workers the primary also passes each connection on (node:cluster's round-robin). \`npm start\` stays compiled (dist/).`,
  ].join('\n');
  return { benchmark: 'peers', markdown, rows, ratios, nodeRed: peer.version ?? null, nodeRedProblem: peer.problem ?? null };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const output = await peersBench();
  process.stdout.write(JSON.stringify(output) + '\n');
}
