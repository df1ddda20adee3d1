/**
 * better-sqlite3 against Node's built-in node:sqlite (22.5+, 24), same file settings (WAL, synchronous=NORMAL),
 * same statements: single-row inserts in their own transaction (a hook call record), batched inserts (100 rows a
 * transaction), and point reads by primary key. Prints ops/s for each and the ratio node:sqlite ÷ better-sqlite3.
 *   npx tsx bench/sqlite-drivers.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

interface Driver {
  exec(sql: string): void;
  prepare(sql: string): { run(...args: unknown[]): unknown; get(...args: unknown[]): unknown };
  close(): void;
}

async function openNodeSqlite(file: string): Promise<Driver> {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(file);
  return { exec: (sql) => db.exec(sql), prepare: (sql) => db.prepare(sql) as never, close: () => db.close() };
}

function openBetter(file: string): Driver {
  const db = new Database(file);
  return { exec: (sql) => db.exec(sql), prepare: (sql) => db.prepare(sql), close: () => db.close() };
}

function measure(name: string, ops: number, fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rate = ops / seconds;
  process.stdout.write(`  ${name.padEnd(34)} ${Math.round(rate).toLocaleString('en').padStart(10)} ops/s\n`);
  return rate;
}

function run(db: Driver): Record<string, number> {
  db.exec('pragma journal_mode = wal; pragma synchronous = normal;');
  db.exec('create table calls (id text primary key, hook_id text not null, created text not null, body text not null)');
  const insert = db.prepare('insert into calls (id, hook_id, created, body) values (?, ?, ?, ?)');
  const get = db.prepare('select * from calls where id = ?');
  const body = JSON.stringify({ request: { data: { userProfile: { email: 'jane@atko.email', firstName: 'Jane' } } }, reply: { commands: [] } });
  let n = 0;
  const results: Record<string, number> = {};
  results.single = measure('insert, one per transaction', 5000, () => {
    for (let i = 0; i < 5000; i++) { db.exec('begin immediate'); insert.run(`c${n++}`, 'h1', new Date().toISOString(), body); db.exec('commit'); }
  });
  results.batch = measure('insert, 100 per transaction', 50_000, () => {
    for (let b = 0; b < 500; b++) { db.exec('begin immediate'); for (let i = 0; i < 100; i++) insert.run(`c${n++}`, 'h1', new Date().toISOString(), body); db.exec('commit'); }
  });
  results.read = measure('read by primary key', 100_000, () => {
    for (let i = 0; i < 100_000; i++) get.get(`c${i % n}`);
  });
  db.close();
  return results;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-sqlite-bench-'));
process.stdout.write(`Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}\nbetter-sqlite3:\n`);
const better = run(openBetter(path.join(dir, 'better.db')));
process.stdout.write('node:sqlite:\n');
const builtin = run(await openNodeSqlite(path.join(dir, 'builtin.db')));
for (const key of Object.keys(better)) process.stdout.write(`  node:sqlite ÷ better-sqlite3, ${key}: ${(builtin[key] / better[key]).toFixed(2)}\n`);
fs.rmSync(dir, { recursive: true, force: true });
