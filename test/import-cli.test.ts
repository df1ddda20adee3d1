/**
 * Bulk loads from the command line: `tollgate users import` (CSV into a CSV-import app) and `tollgate
 * identity-source import` (sessions, bulk-upsert, start-import), against the store of a running server.
 * With stderr a pipe they print one summary line and no escape codes; on a terminal, a progress bar.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { importUsersFile } from '../src/imports/import-cli.js';
import { cliStore } from '../src/cli-store.js';
import type { ProgressStream } from '../src/platform/progress.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { runTollgate, type CliResult } from './helpers/cli.js';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await startTestServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-import-cli-'));
});
afterAll(async () => {
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI on the test server's store; stderr is a pipe. */
function tollgate(...args: string[]): Promise<CliResult> {
  const store = ['--data', server.ctx.config.dataDir, '--database-url', server.ctx.config.databaseUrl];
  return runTollgate([...args, ...store], { cwd: dir });
}

async function newApp(signOnMode: string, label: string): Promise<string> {
  const res = await server.api('POST', '/api/v1/apps', { label, signOnMode, settings: { app: {} } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id;
}

function csvOf(prefix: string, n: number): string {
  const lines = ['userName,email,firstName,lastName'];
  for (let i = 1; i <= n; i++) lines.push(`${prefix}${i}@example.com,${prefix}${i}@example.com,${prefix},Number${i}`);
  return lines.join('\n') + '\n';
}

async function userExists(login: string): Promise<boolean> {
  return (await server.api('GET', `/api/v1/users/${encodeURIComponent(login)}`)).status === 200;
}

describe('tollgate users import', () => {
  it('imports a CSV into the app, prints the job with its counts, and one summary line on a pipe', async () => {
    const appId = await newApp('CSV_IMPORT', 'HR export');
    fs.writeFileSync(path.join(dir, 'people.csv'), csvOf('csv', 30));
    const res = await tollgate('users', 'import', 'people.csv', '--app', appId);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ type: 'import:users', status: 'COMPLETED', appId, summary: { total: 30, created: 30 } });
    expect(res.stderr).toBe('Importing users: 30 rows (30 created)\n');
    expect(await userExists('csv30@example.com')).toBe(true);
  });

  it('refuses a bad file whole: exit 1, the problems on stderr, no job', async () => {
    const appId = await newApp('CSV_IMPORT', 'HR export, bad file');
    fs.writeFileSync(path.join(dir, 'bad.csv'), 'email\nx@example.com\n');
    const res = await tollgate('users', 'import', 'bad.csv', '--app', appId);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^tollgate: bad.csv was not imported: Api validation failed: csv\n {2}csv: The header must have a userName column/);
    expect((await server.api('GET', `/api/v1/apps/${appId}/imports`)).body).toEqual([]);
  });

  it('draws a progress bar when stderr is a terminal', async () => {
    const appId = await newApp('CSV_IMPORT', 'HR export, terminal');
    fs.writeFileSync(path.join(dir, 'tty.csv'), csvOf('tty', 20));
    const chunks: string[] = [];
    const tty: ProgressStream = { isTTY: true, columns: 120, write: (c: string) => { chunks.push(c); return true; } };
    const config = loadConfig({ data: server.ctx.config.dataDir, databaseUrl: server.ctx.config.databaseUrl }, { LOG_LEVEL: 'silent' });
    const job = await importUsersFile(cliStore(config), path.join(dir, 'tty.csv'), appId, tty);
    expect(job).toMatchObject({ status: 'COMPLETED', summary: { total: 20, created: 20 } });
    const text = chunks.join('');
    expect(text).toContain('\u001b[');
    expect(text).toMatch(/Importing users .*20\/20 \(100%\)/);
    expect(text.endsWith('Importing users: 20 rows (20 created)\n')).toBe(true);
  });
});

describe('tollgate identity-source import', () => {
  it('uploads the profiles in requests of 200, imports them, and prints the session', async () => {
    const sourceId = await newApp('CUSTOM_IDENTITY_SOURCE', 'HR source');
    const profiles = Array.from({ length: 450 }, (_, i) => ({
      externalId: `ext-${i + 1}`, profile: { userName: `src${i + 1}@example.com`, email: `src${i + 1}@example.com`, firstName: 'Source', lastName: `Number${i + 1}` },
    }));
    fs.writeFileSync(path.join(dir, 'source.json'), JSON.stringify({ entityType: 'USERS', profiles }));
    const res = await tollgate('identity-source', 'import', sourceId, 'source.json');
    expect(res.code, res.stderr).toBe(0);
    const session = JSON.parse(res.stdout);
    expect(session).toMatchObject({ identitySourceId: sourceId, status: 'COMPLETED', summary: { total: 450, created: 450 } });
    expect(res.stderr).toBe(`Uploaded 450 profiles to session ${session.id}\nImporting users: 450 rows (450 created)\n`);
    const uploads = await server.ctx.db.selectFrom('system_log').select('body').where('event_type', '=', 'system.identity_sources.bulk_upsert').execute();
    expect(uploads.map((u) => JSON.parse(u.body).debugContext.debugData.profiles).sort((a: number, b: number) => b - a)).toEqual([200, 200, 50]);
    expect(await userExists('src450@example.com')).toBe(true);
  });

  it('checks the whole file first: a duplicate external id in the third request opens no session', async () => {
    const sourceId = await newApp('CUSTOM_IDENTITY_SOURCE', 'HR source, bad file');
    const profiles = Array.from({ length: 401 }, (_, i) => ({ externalId: `dup-${i}`, profile: { userName: `dup${i}@example.com`, email: `dup${i}@example.com` } }));
    profiles[400].externalId = 'dup-3';
    fs.writeFileSync(path.join(dir, 'dup.json'), JSON.stringify(profiles));
    const res = await tollgate('identity-source', 'import', sourceId, 'dup.json');
    expect(res.code).toBe(1);
    expect(res.stderr).toBe("tollgate: dup.json was not loaded: Api validation failed: profiles\n  profiles[400].externalId: 'dup-3' is also profiles[3].externalId\n");
    expect((await server.api('GET', `/api/v1/identity-sources/${sourceId}/sessions`)).body).toEqual([]);
  });
});
