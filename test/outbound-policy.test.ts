import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/*
 * Issue 13, item 5 over real HTTP: loopback hook URLs are refused unless TOLLGATE_ALLOWED_HOSTS allows them
 * (host:port, or `loopback`), in every spelling; the server's own invoke URLs are allowed without it.
 */

function inlineHook(uri: string) {
  return {
    name: 'Policy check', type: 'com.okta.user.pre-registration', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: { uri, method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: 'secret-1' } } },
  };
}

describe('outbound URL policy', () => {
  let endpoint: HookServer;
  let port: string;
  beforeAll(async () => {
    endpoint = await startHookServer((_req, res) => json(res, 200, { commands: [] }));
    port = new URL(endpoint.url).port;
  });
  afterAll(async () => { await endpoint?.close(); });

  describe('with nothing allowed', () => {
    let server: TestServer;
    beforeAll(async () => { server = await startTestServer({ env: { TOLLGATE_ALLOWED_HOSTS: '' } }); });
    afterAll(async () => { await server?.close(); });

    it('refuses loopback hooks in every spelling, and the cloud metadata address', async () => {
      for (const host of ['127.0.0.1', 'localhost', '2130706433', '0x7f.1', '[::ffff:127.0.0.1]', '[::1]', 'api.localhost']) {
        const res = await server.api('POST', '/api/v1/inlineHooks', inlineHook(`http://${host}:${port}/hook`));
        expect(res.status, host).toBe(400);
        expect(res.body.errorCauses[0].errorSummary, host).toMatch(/loopback host/);
      }
      for (const uri of ['https://[64:ff9b::7f00:1]/hook', 'https://[2002:7f00:1::1]/hook', 'https://[::127.0.0.1]/hook', 'https://[fec0::1]/hook']) {
        const res = await server.api('POST', '/api/v1/inlineHooks', inlineHook(uri));
        expect(res.status, uri).toBe(400);
        expect(res.body.errorCauses[0].errorSummary, uri).toMatch(/private or reserved/);
      }
      const metadata = await server.api('POST', '/api/v1/inlineHooks', inlineHook('http://169.254.169.254/latest/meta-data'));
      expect(metadata.body.errorCauses[0].errorSummary).toMatch(/cloud metadata address/);
      expect((await server.api('GET', '/api/v1/inlineHooks')).body).toEqual([]);
    });

    it('allows the server\'s own flow invoke URLs, and nothing else on its origin', async () => {
      const own = new URL(server.ctx.config.issuer);
      const invoke = await server.api('POST', '/api/v1/inlineHooks', inlineHook(`${own.origin}/api/flo/0123456789abcdef0123456789abcdef/invoke`));
      expect(invoke.status).toBe(200);
      const api = await server.api('POST', '/api/v1/inlineHooks', inlineHook(`${own.origin}/api/v1/users`));
      expect(api.status).toBe(400);
    });
  });

  describe('with one loopback host:port allowed', () => {
    let server: TestServer;
    beforeAll(async () => { server = await startTestServer({ env: { TOLLGATE_ALLOWED_HOSTS: `127.0.0.1:${port}` } }); });
    afterAll(async () => { await server?.close(); });

    it('accepts and calls that endpoint, in any spelling of the address, and refuses another port', async () => {
      const created = await server.api('POST', '/api/v1/inlineHooks', inlineHook(`http://2130706433:${port}/hook`));
      expect(created.status).toBe(200);
      const before = endpoint.requests.length;
      const executed = await server.api('POST', `/api/v1/inlineHooks/${created.body.id}/execute`, {
        data: { userProfile: { email: 'a@example.com' } },
      });
      expect(executed.status).toBe(200);
      expect(endpoint.requests.length).toBe(before + 1);
      const other = await server.api('POST', '/api/v1/inlineHooks', inlineHook(`http://127.0.0.1:${Number(port) + 1}/hook`));
      expect(other.status).toBe(400);
      const byName = await server.api('POST', '/api/v1/inlineHooks', inlineHook(`http://localhost:${port}/hook`));
      expect(byName.status).toBe(400);
    });
  });

  it('refuses a malformed TOLLGATE_ALLOWED_HOSTS entry at start', async () => {
    await expect(startTestServer({ env: { TOLLGATE_ALLOWED_HOSTS: 'loopback, http://x' } })).rejects.toThrow(/TOLLGATE_ALLOWED_HOSTS: not a host.*http:\/\/x/);
  });
});
