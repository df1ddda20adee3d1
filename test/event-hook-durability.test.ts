/**
 * Delivery that loses nothing, with real Tollgate processes: two instances on one PostgreSQL share the
 * outbox without delivering an event twice, and a process killed with SIGKILL mid-delivery loses no event.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { createContext } from '../src/server.js';
import { randomBase62 } from '../src/platform/ids.js';
import { recordEvent } from '../src/events/record-event.js';
import { clientOf, SYSTEM_ACTOR } from '../src/events/log-event.js';
import { hookBody, startReceiver, waitFor, type Receiver } from '../src/hooks/event/test-kit.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pgBase = process.env.TOLLGATE_TEST_DATABASE_URL;
const token = '00' + randomBase62(40);

interface Instance {
  url: string;
  process: ChildProcess;
  /** Waits for the process to exit after a signal. */
  stop(signal: NodeJS.Signals): Promise<void>;
}

const running = new Set<Instance>();
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const instance of running) await instance.stop('SIGKILL');
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Starts `tollgate start` in its own Node process and waits for it to listen. */
async function startInstance(databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start', '--no-demo', '--port', '0', '--data', dataDir, '--database-url', databaseUrl], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', TOLLGATE_ADMIN_TOKEN: token, TOLLGATE_ADMIN_PASSWORD: 'Admin-' + randomBase62(12), LOG_LEVEL: 'silent', TOLLGATE_ALLOWED_HOSTS: 'loopback', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Tollgate is running on (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1].replace('localhost', '127.0.0.1'));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`tollgate exited with ${code}: ${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const instance: Instance = {
    url,
    process: child,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
      running.delete(instance);
    },
  };
  running.add(instance);
  return instance;
}

async function api(instance: Instance, method: string, pathname: string, body?: unknown): Promise<any> {
  const res = await fetch(instance.url + pathname, {
    method,
    headers: { authorization: `SSWS ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${pathname}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A fresh store: a new PostgreSQL database when TOLLGATE_TEST_DATABASE_URL is set, else a SQLite file. */
async function freshStore(): Promise<{ databaseUrl: string; dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-durability-'));
  cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  if (!pgBase) return { databaseUrl: `sqlite:${path.join(dataDir, 'tollgate.db')}`, dataDir };
  const name = `tollgate_test_${randomBase62(10).toLowerCase()}`;
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: pgBase });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(pgBase);
  url.pathname = '/' + name;
  return { databaseUrl: url.toString(), dataDir };
}

async function verifiedHookOn(instance: Instance, receiver: Receiver, items: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const hook = await api(instance, 'POST', '/api/v1/eventHooks', hookBody(`${receiver.url}/events`, items, extra));
  await api(instance, 'POST', `/api/v1/eventHooks/${hook.id}/lifecycle/verify`);
  return hook.id;
}

describe('event hook delivery across processes', () => {
  it.skipIf(!pgBase)('two instances on one PostgreSQL deliver 10,000 events, each exactly once', async () => {
    const store = await freshStore();
    const a = await startInstance(store.databaseUrl, store.dataDir);
    const b = await startInstance(store.databaseUrl, store.dataDir);
    const seen = new Map<string, number>();
    const receiver = await startReceiver(async (req, res) => {
      for (const e of req.body.data.events) seen.set(e.uuid, (seen.get(e.uuid) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      res.writeHead(200).end();
    });
    cleanups.push(() => receiver.close());
    const hookId = await verifiedHookOn(a, receiver, ['user.account.update_profile']);

    // A third process writes the events through the System Log writer: 100 per transaction, 4 transactions at a time.
    const ctx = await createContext(loadConfig({ data: store.dataDir, databaseUrl: store.databaseUrl }, { LOG_LEVEL: 'silent' }));
    cleanups.push(() => ctx.db.destroy());
    const audit = { actor: SYSTEM_ACTOR, client: clientOf(null, null), transactionId: 'reqDurability' };
    const written: string[] = [];
    const writeBatch = (t: number) => ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 100; i++) {
        const event = await recordEvent(ctx, trx, audit, {
          eventType: 'user.account.update_profile', displayMessage: 'Update user profile for Okta',
          target: [{ id: `00u${String(t * 100 + i).padStart(17, '0')}`, type: 'User', alternateId: `u${t * 100 + i}@example.com`, displayName: 'U' }],
        });
        written.push(event.uuid);
      }
    });
    for (let t = 0; t < 100; t += 4) await Promise.all([t, t + 1, t + 2, t + 3].map(writeBatch));

    await waitFor('10,000 events at the receiver', () => seen.size === 10_000, 120_000);
    expect(written.every((uuid) => seen.get(uuid) === 1)).toBe(true);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const workers = await ctx.db.selectFrom('event_hook_deliveries').select('worker').distinct().where('hook_id', '=', hookId).execute();
    expect(workers).toHaveLength(2);
    await waitFor('every row marked delivered', async () => (await ctx.db.selectFrom('event_outbox').select('id').where('status', '!=', 'DELIVERED').limit(1).execute()).length === 0);
    await a.stop('SIGTERM');
    await b.stop('SIGTERM');
  }, 180_000);

  it('a process killed with SIGKILL mid-delivery loses no committed event', async () => {
    const store = await freshStore();
    const env = { TOLLGATE_EVENT_LEASE_MS: '1500' };
    let first = await startInstance(store.databaseUrl, store.dataDir, env);
    const received = new Set<string>();
    let killed = false;
    const receiver = await startReceiver(async (req, res) => {
      // Slow enough that the kill lands while deliveries are in flight and events are still queued.
      await new Promise((resolve) => setTimeout(resolve, 40));
      if (killed) { res.destroy(); return; }
      for (const e of req.body.data.events) received.add(e.uuid);
      res.writeHead(200).end();
    });
    cleanups.push(() => receiver.close());
    await verifiedHookOn(first, receiver, ['group.lifecycle.create'], { deliveryPolicy: { maxBatchSize: 3 } });
    for (let i = 0; i < 60; i++) await api(first, 'POST', '/api/v1/groups', { profile: { name: `Durable ${i}` } });

    await waitFor('deliveries under way', () => received.size >= 3);
    killed = true;
    await first.stop('SIGKILL');
    expect(received.size).toBeLessThan(60);
    killed = false;

    first = await startInstance(store.databaseUrl, store.dataDir, env);
    const committed = (await api(first, 'GET', `/api/v1/logs?limit=1000&filter=${encodeURIComponent('eventType eq "group.lifecycle.create"')}`)) as any[];
    expect(committed).toHaveLength(60);
    await waitFor('every committed event delivered', () => committed.every((e) => received.has(e.uuid)), 60_000);
    await first.stop('SIGTERM');
  }, 120_000);
});
