/**
 * Graceful shutdown of a real `tollgate start` process: on SIGTERM it stops accepting connections, finishes
 * the inline hook call and the event delivery in flight, records them, and exits 0; when the work does not
 * finish within TOLLGATE_SHUTDOWN_TIMEOUT_MS it says so and exits 1. Logs are JSON lines on a pipe.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { startServer } from '../src/server.js';
import { randomBase62 } from '../src/platform/ids.js';
import { hookBody, startReceiver, waitFor } from '../src/hooks/event/test-kit.js';
import { json, startHookServer } from './helpers/hook-server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const token = '00' + randomBase62(40);
const cleanups: Array<() => Promise<void> | void> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Child {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Every line of stdout so far. */
  lines(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startChild(env: Record<string, string> = {}): Promise<Child> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-shutdown-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start', '--no-demo', '--port', '0', '--data', dataDir], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', TOLLGATE_ADMIN_TOKEN: token, TOLLGATE_ADMIN_PASSWORD: 'Admin-' + randomBase62(12), LOG_LEVEL: 'info', TOLLGATE_LOG_FORMAT: 'auto', TOLLGATE_ALLOWED_HOSTS: 'loopback', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const url = await Promise.race([
    waitFor('the server to listen', () => /Tollgate is running on (http:\/\/\S+)/.exec(output)?.[1], 60_000),
    exited.then(({ code }) => { throw new Error(`tollgate exited with ${code}: ${output}`); }),
  ]);
  return { url: url.replace('localhost', '127.0.0.1'), dataDir, process: child, lines: () => output.split('\n'), exited };
}

/** The JSON log lines of a child (its stdout is a pipe, so logs are JSON). */
function logs(child: Child): Array<Record<string, any>> {
  return child.lines().filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, any>);
}

async function api(child: Child, method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(child.url + pathname, {
    method,
    headers: { authorization: `SSWS ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A new TCP connection (no pooled socket): resolves with the status, or rejects when refused. */
function freshGet(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => { res.resume(); resolve(res.statusCode ?? 0); }).on('error', reject);
  });
}

async function createHook(child: Child, uri: string): Promise<string> {
  const created = await api(child, 'POST', '/api/v1/inlineHooks', {
    name: 'Slow hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: { uri, method: 'POST' } },
  });
  expect(created.status).toBe(200);
  return created.body.id;
}

const payload = { eventId: 'shutdownTest00000000a', data: { userProfile: { email: 'a@example.com' } } };

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the hook call and the event delivery in flight, records both, and exits 0', async () => {
    const child = await startChild();
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const hooks = await startHookServer(async (_req, res) => { await held; json(res, 200, { commands: [] }); });
    const receiver = await startReceiver();
    cleanups.push(() => hooks.close(), () => receiver.close());

    const hookId = await createHook(child, `${hooks.url}/hook`);
    const eventHook = await api(child, 'POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/events`, ['group.lifecycle.create']));
    expect((await api(child, 'POST', `/api/v1/eventHooks/${eventHook.body.id}/lifecycle/verify`)).status).toBe(200);
    receiver.onDelivery(async (_req, res) => { await held; res.writeHead(200).end(); });
    expect((await api(child, 'POST', '/api/v1/groups', { profile: { name: 'Shutdown group' } })).status).toBe(200);

    // Both in flight: the hook call inside a request, the delivery in the dispatcher.
    const executed = api(child, 'POST', `/api/v1/inlineHooks/${hookId}/execute`, payload);
    await waitFor('the hook call and the delivery to arrive', () => hooks.requests.length === 1 && receiver.deliveries().length === 1);

    child.process.kill('SIGTERM');
    await waitFor('the shutdown to begin', () => logs(child).some((l) => /^shutting down/.test(l.msg)));
    // No new connections while the work in flight finishes.
    await expect(freshGet(`${child.url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    release();

    expect(await executed).toEqual({ status: 200, body: { commands: [] } });
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(logs(child).at(-1)).toMatchObject({ msg: 'shut down cleanly', level: 30 });

    const db = new Database(path.join(child.dataDir, 'tollgate.db'), { readonly: true });
    try {
      expect(db.prepare('select outcome, event_id from inline_hook_calls where hook_id = ?').all(hookId)).toEqual([{ outcome: 'SUCCESS', event_id: payload.eventId }]);
      expect(db.prepare("select count(*) as n from system_log where event_type = 'inline_hook.executed'").get()).toEqual({ n: 1 });
      expect(db.prepare('select outcome from event_hook_deliveries where hook_id = ?').all(eventHook.body.id)).toEqual([{ outcome: 'SUCCESS' }]);
      expect(db.prepare('select status from event_outbox where target_id = ?').all(eventHook.body.id)).toEqual([{ status: 'DELIVERED' }]);
    } finally {
      db.close();
    }
  });

  it('exits 1 with a log line when the work in flight outlasts TOLLGATE_SHUTDOWN_TIMEOUT_MS (SIGINT)', async () => {
    const child = await startChild({ TOLLGATE_SHUTDOWN_TIMEOUT_MS: '200' });
    const hooks = await startHookServer(() => { /* never answers: the call runs into its 3 s timeout */ });
    cleanups.push(() => hooks.close());
    const hookId = await createHook(child, `${hooks.url}/hook`);
    const executed = api(child, 'POST', `/api/v1/inlineHooks/${hookId}/execute`, payload).catch((err: unknown) => err);
    await waitFor('the hook call to arrive', () => hooks.requests.length === 1);

    child.process.kill('SIGINT');
    expect(await child.exited).toEqual({ code: 1, signal: null });
    expect(logs(child).find((l) => l.level === 50)?.msg).toBe('shutdown did not finish within 200 ms: exiting anyway (undelivered events stay in the outbox)');
    expect(await executed).toBeInstanceOf(Error);
  });
});

describe('shutdown with an import job running', () => {
  it('lets the job finish the row it is on, leaves the rest for later, and another server resumes it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-shutdown-import-'));
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const config = () => loadConfig({ port: 0, host: '127.0.0.1', data: dataDir, demo: false }, {
      TOLLGATE_ADMIN_TOKEN: token, TOLLGATE_ADMIN_PASSWORD: 'Admin-' + randomBase62(12), LOG_LEVEL: 'silent', TOLLGATE_ALLOWED_HOSTS: 'loopback',
    });
    const call = async (url: string, method: string, pathname: string, body?: string, type = 'application/json') => {
      const res = await fetch(url + pathname, { method, headers: { authorization: `SSWS ${token}`, accept: 'application/json', ...(body ? { 'content-type': type } : {}) }, body });
      return { status: res.status, body: await res.json() as any };
    };
    const first = await startServer(config());
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const hooks = await startHookServer(async (_req, res) => { await held; res.writeHead(204).end(); });
    cleanups.push(() => hooks.close());
    const hook = await call(first.url, 'POST', '/api/v1/inlineHooks', JSON.stringify({
      name: 'Import transform', type: 'com.okta.import.transform', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${hooks.url}/import`, method: 'POST' } },
    }));
    const app = await call(first.url, 'POST', '/api/v1/apps', JSON.stringify({ label: 'HR export', signOnMode: 'CSV_IMPORT', settings: { app: { userImportInlineHookId: hook.body.id } } }));
    expect(app.status, JSON.stringify(app.body)).toBe(200);
    const csv = ['userName,email,firstName,lastName', ...[1, 2, 3].map((i) => `u${i}@example.com,u${i}@example.com,U,Number${i}`)].join('\n');
    const job = await call(first.url, 'POST', `/api/v1/apps/${app.body.id}/imports`, csv, 'text/csv');
    expect(job.status).toBe(202);
    await waitFor('the first row to reach the hook', () => hooks.requests.length === 1);

    const logged: unknown[] = [];
    first.ctx.log.error = ((...args: unknown[]) => { logged.push(args); }) as typeof first.ctx.log.error;
    const closed = first.close();
    release();
    await closed;
    expect(hooks.requests).toHaveLength(1);
    // Stopped between rows, not broken off by the closed database.
    expect(logged).toEqual([]);

    const second = await startServer(config());
    cleanups.push(() => second.close());
    const rows = await second.ctx.db.selectFrom('import_job_users').select(['row_number', 'status']).where('job_id', '=', job.body.id).orderBy('row_number').execute();
    expect(rows).toEqual([{ row_number: 1, status: 'CREATED' }, { row_number: 2, status: 'PENDING' }, { row_number: 3, status: 'PENDING' }]);
    // Once the first worker's heartbeat is stale, reading the job resumes it here.
    second.ctx.clock = () => new Date(Date.now() + 120_000);
    const done = await waitFor('the job to complete', async () => {
      const read = await call(second.url, 'GET', `/api/v1/apps/${app.body.id}/imports/${job.body.id}`);
      return read.body.status === 'COMPLETED' ? read.body : undefined;
    });
    expect(done.summary).toMatchObject({ total: 3, created: 3, pending: 0 });
  });
});
