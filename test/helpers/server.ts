import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/platform/config.js';
import { startServer, type ContextOptions, type RunningServer } from '../../src/server.js';
import { randomBase62 } from '../../src/platform/ids.js';

/** What `api()` answers: the status, the headers and the body parsed as JSON (the text when it is not JSON). */
export interface ApiReply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestServer extends RunningServer {
  /** The admin's API token. */
  token: string;
  adminPassword: string;
  /**
   * A request with the admin token; JSON in and out. `T` types the parsed body for a test that wants it
   * (nothing checks it at run time); without it the body stays `any`, as the older tests read it.
   */
  api<T = any>(method: string, pathname: string, body?: unknown, headers?: Record<string, string>): Promise<ApiReply<T>>;
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
    async api<T>(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiReply<T>> {
      const requestHeaders: Record<string, string> = {
        authorization: `SSWS ${token}`,
        accept: 'application/json',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      };
      const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
      const { status, headers: responseHeaders, text } = viaSocket
        ? await fetchOverSocket(url + pathname, method, requestHeaders, payload)
        : await injected(server, url, method, pathname, requestHeaders, payload);
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON: keep the text */ }
      return { status, headers: responseHeaders, body: parsed as T };
    },
    async close() {
      await server.close();
      await dropDatabase?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * How `api()` reaches the server: Fastify's inject (the whole request pipeline, hooks, parsers and
 * serializers, without a socket), unless TOLLGATE_TEST_TRANSPORT=http asks for real loopback HTTP. Tests of
 * what needs a socket (hooks the server calls, browsers, SDKs, TLS-less proxies) make their own requests.
 */
const viaSocket = process.env.TOLLGATE_TEST_TRANSPORT === 'http';

interface RawReply { status: number; headers: Headers; text: string }

async function fetchOverSocket(target: string, method: string, headers: Record<string, string>, body: string | undefined): Promise<RawReply> {
  const res = await fetch(target, { method, headers, body });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function injected(server: RunningServer, base: string, method: string, pathname: string, headers: Record<string, string>, payload: string | undefined): Promise<RawReply> {
  // The Host a client of the listening server would send, so issuer and origin checks see the same.
  const res = await server.app.inject({ method: method as 'GET', url: pathname, headers: { host: new URL(base).host, ...headers }, payload, remoteAddress: '127.0.0.1' });
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, String(one));
  }
  return { status: res.statusCode, headers: responseHeaders, text: res.body };
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
