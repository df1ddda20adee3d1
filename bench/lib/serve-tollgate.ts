/**
 * Tollgate for the benchmarks: a real server with the demo org on a fresh SQLite store (or the
 * PostgreSQL database in BENCH_DATABASE_URL), started as a child process so that it has a core of its
 * own. Prints what the benchmark needs once it listens; stops on SIGTERM.
 *
 * The benchmark's load comes from one address, so the per-address sign-up limit (20 a minute) is raised
 * in this process; the limit is still counted (same cost with and without the hook).
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { PAGE_RATE_LIMIT } from '../../src/platform/rate-limit.js';
import { startServer } from '../../src/server.js';
import { answerCpuQueries } from './child.js';

const ADMIN_TOKEN = '00benchAdminToken000000000000000000000000';

PAGE_RATE_LIMIT.limit = Number.MAX_SAFE_INTEGER;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-'));
const config = loadConfig({ port: 0, host: '127.0.0.1', data: dataDir, demo: true, databaseUrl: process.env.BENCH_DATABASE_URL || undefined }, {
  TOLLGATE_ADMIN_TOKEN: ADMIN_TOKEN,
  TOLLGATE_ADMIN_PASSWORD: 'Bench-Admin-Password-1',
  LOG_LEVEL: 'warn',
  TOLLGATE_INVOKE_RATE_LIMIT: process.env.TOLLGATE_INVOKE_RATE_LIMIT ?? '0',
});
const server = await startServer(config);
const flows = await (await fetch(`${server.url}/api/workflows/v1/flows`, { headers: { authorization: `SSWS ${ADMIN_TOKEN}` } })).json() as Array<{ name: string; invokeUrl: string; clientToken: string }>;
const flow = flows.find((candidate) => candidate.name === 'Registration hook: contractors');
if (!flow) throw new Error('the demo flow is missing');
process.stdout.write(JSON.stringify({ url: server.url, token: ADMIN_TOKEN, invokeUrl: flow.invokeUrl, clientToken: flow.clientToken, database: server.ctx.dialect }) + '\n');

answerCpuQueries();
// BENCH_CPU_PROFILE=<file>: a CPU profile of the server from now on (startup left out), written when it stops.
const profile = process.env.BENCH_CPU_PROFILE ? await startProfile() : undefined;
process.on('SIGTERM', () => {
  void (profile?.() ?? Promise.resolve()).then(() => server.close()).finally(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});

async function startProfile(): Promise<() => Promise<void>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    fs.writeFileSync(process.env.BENCH_CPU_PROFILE!, JSON.stringify(profile));
  };
}
