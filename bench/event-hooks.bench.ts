/**
 * Event hook delivery: events per second from commit to the receiver's 200, and commit-to-delivery p50 and
 * p99, through Tollgate's outbox and delivery worker, on SQLite and (with BENCH_DATABASE_URL) PostgreSQL.
 * Each figure is also given as a ratio to a bare receiver that this same process feeds directly (one POST
 * per event as soon as it is made), measured in the same run: absolute numbers on shared machines are noise.
 * Run: `npx tsx bench/event-hooks.bench.ts [events]`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { startTestServer } from '../test/helpers/server.js';
import { clientOf, SYSTEM_ACTOR } from '../src/events/log-event.js';
import { recordEvent } from '../src/events/record-event.js';
import { pgBackendCpu } from './lib/pg-backend-cpu.js';

const EVENTS = Number(process.argv[2] ?? 3000);
/** Concurrent writers: each commits one event per transaction, as a request does. */
const WRITERS = 8;
const EVENT_TYPE = 'user.account.update_profile';

/**
 * `writtenPerSecond`: the writers' own rate (first to last commit), which bounds `perSecond`. CPU per event
 * (this process, and on PostgreSQL the database's backends): less sensitive to a busy machine than the rates.
 */
interface Figures { perSecond: number; writtenPerSecond: number; p50: number; p99: number; cpuUs?: number; pgCpuUs?: number }

/** A node:http receiver that notes when it answered 200 for each event. */
async function startReceiver() {
  const answered = new Map<string, number>();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      const body = JSON.stringify({ verification: req.headers['x-okta-verification-challenge'] });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const uuids = (JSON.parse(Buffer.concat(chunks).toString('utf8')).data.events as Array<{ uuid: string }>).map((e) => e.uuid);
      res.writeHead(200).end(() => {
        const now = performance.now();
        for (const uuid of uuids) if (!answered.has(uuid)) answered.set(uuid, now);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
    answered,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

function figures(committed: Map<string, number>, answered: Map<string, number>): Figures {
  const latencies = [...committed].map(([uuid, at]) => answered.get(uuid)! - at).sort((a, b) => a - b);
  const first = Math.min(...committed.values());
  const last = Math.max(...[...committed.keys()].map((uuid) => answered.get(uuid)!));
  const lastCommit = Math.max(...committed.values());
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { perSecond: committed.size / ((last - first) / 1000), writtenPerSecond: committed.size / ((lastCommit - first) / 1000), p50: pick(0.5), p99: pick(0.99) };
}

async function waitForAll(committed: Map<string, number>, answered: Map<string, number>): Promise<void> {
  const deadline = Date.now() + 300_000;
  while ([...committed.keys()].some((uuid) => !answered.has(uuid))) {
    if (Date.now() > deadline) throw new Error('events were not all delivered');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * WRITERS concurrent writers. Each yields to the event loop between commits, as request handlers do between
 * requests (a tight loop would hog SQLite's one connection, which no server sees).
 */
async function writers(work: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: WRITERS }, async () => {
    while (next < EVENTS) {
      await work(next++);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }));
}

/** Through Tollgate: commit in the System Log (and the outbox), delivered by the worker. */
async function throughTollgate(databaseUrl: string | undefined): Promise<Figures> {
  if (databaseUrl) process.env.TOLLGATE_TEST_DATABASE_URL = databaseUrl;
  else delete process.env.TOLLGATE_TEST_DATABASE_URL;
  const receiver = await startReceiver();
  const server = await startTestServer();
  try {
    const hook = await server.api('POST', '/api/v1/eventHooks', {
      name: 'Bench', events: { type: 'EVENT_TYPE', items: [EVENT_TYPE] },
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: receiver.url, authScheme: { type: 'HEADER', key: 'Authorization', value: 'bench' } } },
    });
    const verified = await server.api('POST', `/api/v1/eventHooks/${hook.body.id}/lifecycle/verify`);
    if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
    const audit = { actor: SYSTEM_ACTOR, client: clientOf('127.0.0.1', 'bench'), transactionId: 'reqBench' };
    const committed = new Map<string, number>();
    const pgCpu = databaseUrl ? await pgBackendCpu(server.ctx.config.databaseUrl) : undefined;
    const cpuBefore = process.cpuUsage();
    await writers(async (n) => {
      const event = await server.ctx.db.transaction().execute((trx) => recordEvent(server.ctx, trx, audit, {
        eventType: EVENT_TYPE, displayMessage: 'Update user profile for Okta',
        target: [{ id: `00u${String(n).padStart(17, '0')}`, type: 'User', alternateId: `u${n}@example.com`, displayName: `User ${n}` }],
      }));
      committed.set(event.uuid, performance.now());
    });
    await waitForAll(committed, receiver.answered);
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpuUs = pgCpu ? await pgCpu.stop() / EVENTS : undefined;
    return { ...figures(committed, receiver.answered), cpuUs: (cpu.user + cpu.system) / EVENTS, pgCpuUs };
  } finally {
    await server.close();
    await receiver.close();
  }
}

/** The bare baseline: the same writers POST each event straight to the receiver. */
async function bare(): Promise<Figures> {
  const receiver = await startReceiver();
  try {
    const committed = new Map<string, number>();
    await writers(async (n) => {
      const uuid = `bare-${n}`;
      committed.set(uuid, performance.now());
      const body = JSON.stringify({ eventType: 'com.okta.event_hook', data: { events: [{ uuid, eventType: EVENT_TYPE, target: [{ id: `00u${n}` }] }] } });
      const res = await request(receiver.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'bench' }, body });
      await res.body.dump();
    });
    await waitForAll(committed, receiver.answered);
    return figures(committed, receiver.answered);
  } finally {
    await receiver.close();
  }
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function main(): Promise<void> {
  const stores: Array<[string, string | undefined]> = [['SQLite', undefined]];
  if (process.env.BENCH_DATABASE_URL) stores.push(['PostgreSQL', process.env.BENCH_DATABASE_URL]);
  const rows: Array<Record<string, number | string>> = [];
  for (const [name, url] of stores) {
    const base = await bare();
    const tollgate = await throughTollgate(url);
    rows.push({
      store: name,
      eventsPerSecond: round(tollgate.perSecond), writtenPerSecond: round(tollgate.writtenPerSecond), bareEventsPerSecond: round(base.perSecond), throughputRatio: round(tollgate.perSecond / base.perSecond, 3),
      p50Ms: round(tollgate.p50), bareP50Ms: round(base.p50), p50Ratio: round(tollgate.p50 / base.p50, 2),
      p99Ms: round(tollgate.p99), bareP99Ms: round(base.p99), p99Ratio: round(tollgate.p99 / base.p99, 2),
      cpuUsPerEvent: round(tollgate.cpuUs ?? 0), pgCpuUsPerEvent: tollgate.pgCpuUs === undefined ? 'n/a' : round(tollgate.pgCpuUs),
    });
    process.stderr.write(`${name}: ${JSON.stringify(rows[rows.length - 1])}\n`);
  }
  const markdown = [
    `${EVENTS} events, ${WRITERS} concurrent writers, one transaction per event; one hook; default batching (50). Latency is from the writer's commit to the receiver's 200. The bare receiver is fed one POST per event by the same process.`,
    '',
    '| store | events/s | bare events/s | ratio | p50 ms | bare p50 ms | ratio | p99 ms | bare p99 ms | ratio | Tollgate CPU µs/event | PostgreSQL backends CPU µs/event |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.store} | ${r.eventsPerSecond} | ${r.bareEventsPerSecond} | ${r.throughputRatio} | ${r.p50Ms} | ${r.bareP50Ms} | ${r.p50Ratio} | ${r.p99Ms} | ${r.bareP99Ms} | ${r.p99Ratio} | ${r.cpuUsPerEvent} | ${r.pgCpuUsPerEvent} |`),
    stores.length === 1 ? '\nPostgreSQL: set BENCH_DATABASE_URL (a database the benchmark may create databases in) to measure it too.' : '',
  ].join('\n');
  process.stdout.write(JSON.stringify({ events: EVENTS, writers: WRITERS, results: rows, markdown }) + '\n');
}

await main();
process.exit(0);
