import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as oidc from 'openid-client';
import { loadConfig } from '../../src/platform/config.js';
import { startServer } from '../../src/server.js';
import { authorizeUrl, setUpOidcOrg, signInThroughHostedPages, webClient, type OidcOrg } from '../oidc-kit.js';
import { Browser } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/*
 * What Tollgate keeps on disk (issue 13 item 9): the data directory is 0700 and the database files 0600;
 * oidc-provider's codes, refresh tokens and session ids are stored as SHA-256 keys with the values sealed,
 * so reading the database after an OIDC flow shows no token.
 */

const mode = (file: string) => fs.statSync(file).mode & 0o777;

describe('file modes', () => {
  test('a new data directory is 0700; tollgate.db, its -wal and -shm, secret-key and admin-token are 0600', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-modes-'));
    const dataDir = path.join(root, 'new', 'data');
    const config = loadConfig({ port: 0, host: '127.0.0.1', data: dataDir, demo: false }, {
      TOLLGATE_ADMIN_PASSWORD: 'Admin-Modes-1234', LOG_LEVEL: 'silent', TOLLGATE_ALLOWED_HOSTS: '',
    });
    const server = await startServer(config);
    try {
      await fetch(`${server.url}/health`);
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(path.join(root, 'new'))).toBe(0o700);
      const files = fs.readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['tollgate.db', 'tollgate.db-wal', 'tollgate.db-shm', 'secret-key']));
      for (const file of files) expect([file, mode(path.join(dataDir, file))]).toEqual([file, 0o600]);
    } finally {
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('an existing world-readable database file is made 0600 when opened', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-modes-'));
    const db = path.join(dataDir, 'tollgate.db');
    fs.writeFileSync(db, '', { mode: 0o644 });
    fs.chmodSync(db, 0o644);
    const config = loadConfig({ port: 0, host: '127.0.0.1', data: dataDir, demo: false }, {
      TOLLGATE_ADMIN_PASSWORD: 'Admin-Modes-1234', LOG_LEVEL: 'silent', TOLLGATE_ALLOWED_HOSTS: '',
    });
    const server = await startServer(config);
    try {
      expect(mode(db)).toBe(0o600);
      expect(mode(`${db}-wal`)).toBe(0o600);
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('oidc-provider storage', () => {
  let server: TestServer;
  let org: OidcOrg;

  beforeAll(async () => {
    server = await startTestServer();
    org = await setUpOidcOrg(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  test('after a code flow and a refresh, no code, refresh token or session id appears in the database', async () => {
    const config = await webClient(org);
    const { url, checks } = await authorizeUrl(config, 'openid profile email offline_access');
    const browser = new Browser(server.url);
    const callback = await signInThroughHostedPages(server, url, org.user.login, browser);
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();
    const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: checks.verifier, expectedState: checks.state, expectedNonce: checks.nonce });
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    // oidc-provider's session and interaction cookies are keys into its store too, and Tollgate's session cookie is a secret.
    const cookies = ['_tg_oidc_session_default', '_tg_oidc_interaction', 'tg_session'].map((name) => browser.cookies.get(name));
    expect(cookies.every(Boolean)).toBe(true);
    const secrets = [code, tokens.refresh_token!, refreshed.refresh_token!, ...cookies as string[]];

    // The stored values still work: introspection finds the refresh token, revocation ends it.
    expect((await oidc.tokenIntrospection(config, refreshed.refresh_token!)).active).toBe(true);

    const rows = await server.ctx.db.selectFrom('oauth_store').selectAll().execute();
    expect(rows.some((r) => r.model === 'RefreshToken')).toBe(true);
    expect(rows.some((r) => r.model === 'Session')).toBe(true);
    const dump = JSON.stringify(rows);
    for (const secret of secrets) expect(dump).not.toContain(secret);
    for (const row of rows.filter((r) => r.model !== 'TollgateAuthorization')) {
      expect(row.id).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(row.payload).jti).toMatchObject({ sealed: expect.stringMatching(/^v1\./) });
    }
    if (!process.env.TOLLGATE_TEST_DATABASE_URL) {
      const file = path.join(server.ctx.config.dataDir, 'tollgate.db');
      const bytes = Buffer.concat([fs.readFileSync(file), ...(fs.existsSync(`${file}-wal`) ? [fs.readFileSync(`${file}-wal`)] : [])]).toString('latin1');
      for (const secret of secrets) expect(bytes.includes(secret), `secret #${secrets.indexOf(secret)} is in the database file`).toBe(false);
    }

    await oidc.tokenRevocation(config, refreshed.refresh_token!);
    expect((await oidc.tokenIntrospection(config, refreshed.refresh_token!)).active).toBe(false);
    await expect(oidc.refreshTokenGrant(config, refreshed.refresh_token!)).rejects.toThrow();
  });
});
