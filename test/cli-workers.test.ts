/**
 * `tollgate start --workers 2`: a real start (SQLite file) with two node:cluster workers on one port; both
 * serve requests on the shared store, only the leader prints the banner, and SIGTERM to the primary drains
 * both workers and exits 0.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { randomBase62 } from '../src/platform/ids.js';
import { runTollgate, spawnTollgate, type RunningTollgate } from './helpers/cli.js';

const token = '00' + randomBase62(40);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-workers-'));
let running: RunningTollgate | undefined;

afterAll(() => {
  if (running && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A request on a new TCP connection, so that the cluster hands each one to a worker in turn. */
function fresh(url: string, options: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = http.request(url, {
      agent: false, method: options.method ?? 'GET',
      headers: { authorization: `SSWS ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The pids of a process's children (Linux). */
function childPids(pid: number): number[] {
  return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** The JSON log lines printed so far. */
function logs(output: string): Array<Record<string, any>> {
  return output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, any>);
}

describe('tollgate start --workers', () => {
  it('rejects a count that is not a whole number from 1 to 64', async () => {
    const res = await runTollgate(['start', '--workers', 'two', '--data', dataDir]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--workers must be a whole number from 1 to 64');
  });

  it('serves one port from two workers on one SQLite file and drains both on SIGTERM', async () => {
    running = await spawnTollgate(['start', '--workers', '2', '--no-demo', '--port', '0', '--data', dataDir], /"all workers listen"/, {
      env: { HOST: '127.0.0.1', TOLLGATE_ADMIN_TOKEN: token, TOLLGATE_ADMIN_PASSWORD: 'Admin-' + randomBase62(12), LOG_LEVEL: 'info', TOLLGATE_LOG_FORMAT: 'json' },
    });
    const url = /Tollgate is running on (http:\/\/\S+)/.exec(running.output())![1].replace('localhost', '127.0.0.1');
    // One banner (the leader's), two workers under the primary.
    expect(running.output().match(/Tollgate is running on/g)).toHaveLength(1);
    expect(running.output()).toContain('Workers:         2 processes (node:cluster)');
    const workers = childPids(running.child.pid!).filter((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('main.ts'));
    expect(workers).toHaveLength(2);

    const created = await fresh(`${url}/api/v1/groups`, { method: 'POST', body: { profile: { name: 'Made by one worker' } } });
    expect(created.status).toBe(200);
    // Every worker reads the same store: each fresh connection sees the group.
    for (let i = 0; i < 8; i++) {
      const read = await fresh(`${url}/api/v1/groups/${created.body.id}`);
      expect(read).toMatchObject({ status: 200, body: { profile: { name: 'Made by one worker' } } });
    }
    // Both workers answered requests (pino's request logs carry the worker's pid).
    await expect.poll(() => new Set(logs(running!.output()).filter((l) => l.msg === 'request completed').map((l) => l.pid)).size, { timeout: 10_000 }).toBe(2);

    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    const cleanly = logs(running.output()).filter((l) => l.msg === 'shut down cleanly').map((l) => l.pid);
    expect(cleanly.sort()).toEqual([...workers].sort());
  });
});
