import { compactVerify, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { hookSigningKey, MAX_HOOK_KEYS } from './hook-keys.service.js';

describe('/api/v1/hook-keys', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  async function logEvents(eventType: string) {
    const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "${eventType}"`)}&limit=100`);
    return res.body as Array<{ target: Array<{ id: string; type: string }> }>;
  }

  it('creates an RSA key: Okta\'s DetailedHookKeyInstance with the public JWK, never the private parts', async () => {
    const res = await server.api('POST', '/api/v1/hook-keys', { name: 'My new key' });
    expect(res.status).toBe(200);
    const key = res.body;
    expect(key.id).toMatch(/^HKY[A-Za-z0-9]{17}$/);
    expect(key.keyId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(key).toMatchObject({ name: 'My new key', isUsed: 'false' });
    expect(Date.parse(key.created)).not.toBeNaN();
    expect(key.lastUpdated).toBe(key.created);
    expect(key._embedded).toMatchObject({ kty: 'RSA', alg: 'RS256', kid: key.keyId, use: null, e: 'AQAB' });
    expect(Buffer.from(key._embedded.n, 'base64url').length).toBe(256);
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(key._embedded[secret]).toBeUndefined();

    // The private key is stored encrypted, and it signs what the public key verifies.
    const row = await server.ctx.db.selectFrom('hook_keys').selectAll().where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(row.private_jwk_encrypted).toMatch(/^v1\./);
    expect(row.private_jwk_encrypted).not.toContain(key._embedded.n);
    const signing = await hookSigningKey(server.ctx, key.id);
    const jws = await new SignJWT({ hello: 'hook' }).setProtectedHeader({ alg: 'RS256', kid: signing!.kid }).sign(signing!.key);
    const verified = await compactVerify(jws, await importJWK({ kty: 'RSA', n: key._embedded.n, e: key._embedded.e }, 'RS256'));
    expect(verified.protectedHeader.kid).toBe(key.keyId);

    const events = await logEvents('system.hook.key.created');
    expect(events.some((e) => e.target[0].id === key.id && e.target[0].type === 'HookKey')).toBe(true);
  });

  it('lists keys without public material; gets one, with the public key only on ?expand=publickey; public key by keyId', async () => {
    const created = (await server.api('POST', '/api/v1/hook-keys', { name: 'Listed key' })).body;
    const list = await server.api('GET', '/api/v1/hook-keys');
    expect(list.status).toBe(200);
    const listed = list.body.find((k: { id: string }) => k.id === created.id);
    expect(listed).toEqual({ id: created.id, keyId: created.keyId, name: 'Listed key', created: created.created, lastUpdated: created.lastUpdated, isUsed: 'false' });

    const plain = await server.api('GET', `/api/v1/hook-keys/${created.id}`);
    expect(plain.body).toEqual(listed);
    const expanded = await server.api('GET', `/api/v1/hook-keys/${created.id}?expand=publickey`);
    expect(expanded.body._embedded).toEqual(created._embedded);
    const badExpand = await server.api('GET', `/api/v1/hook-keys/${created.id}?expand=privatekey`);
    expect(badExpand.status).toBe(400);

    const pub = await server.api('GET', `/api/v1/hook-keys/public/${created.keyId}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual({ _embedded: created._embedded });
  });

  it('answers E0000007 for unknown ids and keyIds', async () => {
    for (const path of ['/api/v1/hook-keys/HKYnope0000000000000', '/api/v1/hook-keys/public/nope']) {
      const res = await server.api('GET', path);
      expect(res.status).toBe(404);
      expect(res.body.errorCode).toBe('E0000007');
    }
    expect((await server.api('PUT', '/api/v1/hook-keys/HKYnope0000000000000', { name: 'x' })).status).toBe(404);
    expect((await server.api('DELETE', '/api/v1/hook-keys/HKYnope0000000000000')).status).toBe(404);
  });

  it('validates the name: required, at most 255 characters, unique; a bad request changes nothing', async () => {
    const before = (await server.api('GET', '/api/v1/hook-keys')).body.length;
    for (const body of [{}, { name: '' }, { name: '   ' }, { name: 7 }, { name: 'x'.repeat(256) }]) {
      const res = await server.api('POST', '/api/v1/hook-keys', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses[0].errorSummary).toMatch(/^name: /);
    }
    await server.api('POST', '/api/v1/hook-keys', { name: 'Unique name' });
    const dup = await server.api('POST', '/api/v1/hook-keys', { name: 'Unique name' });
    expect(dup.status).toBe(400);
    expect(dup.body.errorCauses).toEqual([{ errorSummary: 'name: A key with this name already exists' }]);
    expect((await server.api('GET', '/api/v1/hook-keys')).body.length).toBe(before + 1);
  });

  it('PUT changes only the name (keyId and key material stay), with system.hook.key.updated', async () => {
    const created = (await server.api('POST', '/api/v1/hook-keys', { name: 'Old name' })).body;
    const res = await server.api('PUT', `/api/v1/hook-keys/${created.id}`, { name: 'New name', keyId: 'ignored', id: 'ignored' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, keyId: created.keyId, name: 'New name', isUsed: 'false', created: created.created });
    const pub = await server.api('GET', `/api/v1/hook-keys/public/${created.keyId}`);
    expect(pub.body._embedded.n).toBe(created._embedded.n);
    const clash = await server.api('PUT', `/api/v1/hook-keys/${created.id}`, { name: 'Unique name' });
    expect(clash.status).toBe(400);
    const blank = await server.api('PUT', `/api/v1/hook-keys/${created.id}`, { name: '' });
    expect(blank.status).toBe(400);
    expect((await server.api('GET', `/api/v1/hook-keys/${created.id}`)).body.name).toBe('New name');
    expect((await logEvents('system.hook.key.updated')).some((e) => e.target[0].id === created.id)).toBe(true);
  });

  it('DELETE removes an unused key (204, system.hook.key.deleted); it is gone afterwards', async () => {
    const created = (await server.api('POST', '/api/v1/hook-keys', { name: 'To delete' })).body;
    const res = await server.api('DELETE', `/api/v1/hook-keys/${created.id}`);
    expect(res.status).toBe(204);
    expect((await server.api('GET', `/api/v1/hook-keys/${created.id}`)).status).toBe(404);
    expect((await server.api('GET', `/api/v1/hook-keys/public/${created.keyId}`)).status).toBe(404);
    expect((await logEvents('system.hook.key.deleted')).some((e) => e.target[0].id === created.id)).toBe(true);
  });

  it('needs an API token', async () => {
    const res = await fetch(`${server.url}/api/v1/hook-keys`);
    expect(res.status).toBe(401);
  });

  it(`refuses more than ${MAX_HOOK_KEYS} keys`, async () => {
    const count = (await server.api('GET', '/api/v1/hook-keys')).body.length;
    for (let i = count; i < MAX_HOOK_KEYS; i += 1) {
      expect((await server.api('POST', '/api/v1/hook-keys', { name: `Filler ${i}` })).status).toBe(200);
    }
    const res = await server.api('POST', '/api/v1/hook-keys', { name: 'One too many' });
    expect(res.status).toBe(400);
    expect(res.body.errorCauses[0].errorSummary).toBe(`An org can have at most ${MAX_HOOK_KEYS} hook keys`);
  }, 60_000);
});
