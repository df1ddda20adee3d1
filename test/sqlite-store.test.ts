import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteFileOf } from '../src/platform/db/index.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * Issue 13, item 10 (SQLite only): a database file deleted under the running server is reported by /health
 * and writes fail instead of vanishing at the next start; a write lock held by another process makes writes
 * wait (busy_timeout), not fail at once.
 */

const onPostgres = !!process.env.TOLLGATE_TEST_DATABASE_URL;

/** Another process holding SQLite's write lock (a write in an IMMEDIATE transaction) for `ms`, then committing. */
function holdWriteLock(file: string, ms: number): Promise<{ done: Promise<number> }> {
  const script = `
    const SQLite = require('better-sqlite3');
    const db = new SQLite(${JSON.stringify(file)});
    db.exec("begin immediate; insert into settings (key, value) values ('outside-writer', '1')");
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('commit'); db.close(); }, ${ms});
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => { if (String(chunk).includes('locked')) resolve({ done }); });
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
}

describe.skipIf(onPostgres)('the SQLite store', () => {
  let server: TestServer;
  let file: string;
  beforeEach(async () => {
    server = await startTestServer();
    file = sqliteFileOf(server.ctx.config.databaseUrl);
  });
  afterEach(async () => { await server?.close(); });

  it('writes wait for another process\'s write lock instead of failing (BEGIN IMMEDIATE, busy_timeout)', async () => {
    // The token's last use is recorded now, so that the request below writes only in its transaction.
    expect((await server.api('GET', '/api/v1/users/me')).status).toBe(200);
    const lock = await holdWriteLock(file, 700);
    // A transaction that reads before it writes: with a deferred BEGIN it fails as soon as the lock is released.
    const created = await server.api('POST', '/api/v1/groups', { profile: { name: 'Waited for the lock' } });
    expect(created.status).toBe(200);
    expect(await lock.done).toBe(0);
    const settings = await server.ctx.db.selectFrom('settings').select('value').where('key', '=', 'outside-writer').executeTakeFirst();
    expect(settings?.value).toBe('1');
    expect((await server.api('GET', `/api/v1/groups/${created.body.id}`)).body.profile.name).toBe('Waited for the lock');
  });

  it('a deleted database file: /health answers 503 with the reason, writes fail', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'error', reason: expect.stringContaining('was deleted or replaced while the server was running') });
    const write = await server.api('POST', '/api/v1/groups', { profile: { name: 'Lost at restart' } });
    expect(write.status).toBe(500);
  });
});
