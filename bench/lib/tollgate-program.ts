/**
 * Tollgate as a user starts it: `node dist/src/main.js start` (compiled, what `npm start` runs) or
 * `tsx src/main.ts start`, with `--workers N`, the demo org on a fresh SQLite file, invoke rate limit off.
 * Ready once /health answers; gives the demo flow's invoke URL and client token.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adminApi } from './admin-api.js';
import { freePort, startProgram, type Program } from './program.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const ADMIN_TOKEN = '00benchAdminToken000000000000000000000000';

/** Builds dist/ when it is older than the sources (what `npm start`'s prestart does). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-if-stale.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

export interface TollgateProgram extends Program {
  url: string;
  invokeUrl: string;
  clientToken: string;
}

export async function startTollgateProgram(options: { runner: 'compiled' | 'tsx'; workers: number }): Promise<TollgateProgram> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-bench-cli-'));
  const url = `http://127.0.0.1:${port}`;
  const entry = options.runner === 'compiled' ? [path.join(ROOT, 'dist/src/main.js')] : ['--import', import.meta.resolve('tsx'), path.join(ROOT, 'src/main.ts')];
  const program = await startProgram(process.execPath, [...entry, 'start', '--port', String(port), '--data', dataDir, '--workers', String(options.workers)], {
    cwd: ROOT,
    env: { HOST: '127.0.0.1', TOLLGATE_ADMIN_TOKEN: ADMIN_TOKEN, TOLLGATE_ADMIN_PASSWORD: 'Bench-Admin-Password-1', LOG_LEVEL: 'warn', TOLLGATE_INVOKE_RATE_LIMIT: '0', TOLLGATE_TELEPHONY: 'none' },
    ready: async () => (await fetch(`${url}/health`)).status === 200,
  });
  // The leader answers first; the other workers are forked once it listens.
  if (options.workers > 1) {
    while (workerCount(program.pid) < options.workers) await new Promise((resolve) => setTimeout(resolve, 200));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
  const flows = await adminApi(url, ADMIN_TOKEN, 'GET', '/api/workflows/v1/flows') as Array<{ name: string; invokeUrl: string; clientToken: string }>;
  const flow = flows.find((candidate) => candidate.name === 'Registration hook: contractors');
  if (!flow) throw new Error('the demo flow is missing');
  const stop = program.stop;
  return {
    ...program, url, invokeUrl: flow.invokeUrl.replace(/^http:\/\/localhost:/, 'http://127.0.0.1:'), clientToken: flow.clientToken,
    stop: async () => {
      const code = await stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Node processes under the primary (tsx's esbuild helper left out). */
function workerCount(pid: number): number {
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return children.filter((child) => fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('main.')).length;
}
