import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { startServer, type ContextOptions, type RunningServer } from '../../src/server.js';
import { randomBase62 } from '../../src/platform/ids.js';

export interface TestServer extends RunningServer {
  /** The admin's API token. */
  token: string;
  adminPassword: string;
  /** fetch against the server with the admin token; JSON in and out. */
  api(method: string, pathname: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
}

/**
 * Starts a real Tollgate on a free loopback port with a fresh store: a SQLite file in a temp dir, or, when
 * TOLLGATE_TEST_DATABASE_URL is set (postgres://…/any), a new PostgreSQL database created for this server.
 */
export async function startTestServer(options: {
  demo?: boolean; env?: Record<string, string>; outbox?: ContextOptions['outbox']; inlineHookTypes?: ContextOptions['inlineHookTypes'];
} = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-test-'));
  const token = '00' + randomBase62(40);
  const adminPassword = 'Admin-' + randomBase62(12);
  const dropDatabase = await freshDatabaseUrl();
  const config = loadConfig({ port: 0, host: '127.0.0.1', data: dataDir, demo: options.demo ?? false, databaseUrl: dropDatabase?.url }, {
    TOLLGATE_ADMIN_TOKEN: token,
    TOLLGATE_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // As an operator running hook endpoints on the same machine would: the test endpoints listen on loopback.
    TOLLGATE_ALLOWED_HOSTS: 'loopback',
    ...options.env,
  });
  const server = await startServer(config, { outbox: options.outbox, inlineHookTypes: options.inlineHookTypes });
  const url = server.url;
  return {
    ...server,
    token,
    adminPassword,
    async api(method, pathname, body, headers = {}) {
      const res = await fetch(url + pathname, {
        method,
        headers: {
          authorization: `SSWS ${token}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async close() {
      await server.close();
      await dropDatabase?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const base = process.env.TOLLGATE_TEST_DATABASE_URL;
  if (!base) return undefined;
  const name = `tollgate_test_${randomBase62(10).toLowerCase()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = '/' + name;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
