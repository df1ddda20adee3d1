import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { INLINE_HOOK_TYPES } from './hook-types.js';

const SECRET = 'super-secret-value-123';

function hookBody(overrides: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
  return {
    name: `Hook ${Math.random().toString(36).slice(2)}`,
    type: 'com.okta.user.pre-registration',
    version: '1.0.0',
    channel: {
      type: 'HTTP',
      version: '1.0.0',
      config: {
        uri: 'https://hooks.example.com/registration',
        method: 'POST',
        headers: [{ key: 'X-Other-Header', value: 'some-other-value' }],
        authScheme: { type: 'HEADER', key: 'Authorization', value: SECRET },
        ...config,
      },
    },
    ...overrides,
  };
}

describe('/api/v1/inlineHooks', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  async function hookCount(): Promise<number> {
    const rows = await server.ctx.db.selectFrom('inline_hooks').select('id').execute();
    return rows.length;
  }

  async function eventsOf(eventType: string, targetId: string): Promise<number> {
    const rows = await server.ctx.db.selectFrom('system_log').select('uuid')
      .where('event_type', '=', eventType).where('target_ids', 'like', `% ${targetId} %`).execute();
    return rows.length;
  }

  it('creates an ACTIVE hook (200), returns Okta JSON without the secret, stores the secret encrypted', async () => {
    const res = await server.api('POST', '/api/v1/inlineHooks', hookBody({ name: 'My Registration Hook' }));
    expect(res.status).toBe(200);
    const hook = res.body;
    expect(hook.id).toMatch(/^cal[A-Za-z0-9]{17}$/);
    expect(hook).toMatchObject({
      status: 'ACTIVE', name: 'My Registration Hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
      channel: {
        type: 'HTTP', version: '1.0.0',
        config: {
          uri: 'https://hooks.example.com/registration', method: 'POST',
          headers: [{ key: 'X-Other-Header', value: 'some-other-value' }],
          authScheme: { type: 'HEADER', key: 'Authorization' },
        },
      },
    });
    expect(hook.channel.config.authScheme).not.toHaveProperty('value');
    expect(JSON.stringify(hook)).not.toContain(SECRET);
    expect(hook.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const self = `${server.ctx.config.issuer}/api/v1/inlineHooks/${hook.id}`;
    expect(hook._links).toEqual({
      self: { href: self },
      deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ['POST'] } },
      execute: { href: `${self}/execute`, hints: { allow: ['POST'] } },
    });

    const row = await server.ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', hook.id).executeTakeFirstOrThrow();
    expect(row.secret_encrypted).toBeTruthy();
    expect(row.secret_encrypted).not.toContain(SECRET);
    expect(row.channel).not.toContain(SECRET);
    expect(server.ctx.secrets.decrypt(row.secret_encrypted!)).toBe(SECRET);
    expect(await eventsOf('inline_hook.created', hook.id)).toBe(1);

    const got = await server.api('GET', `/api/v1/inlineHooks/${hook.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(hook);
    const all = await server.api('GET', '/api/v1/inlineHooks');
    expect(JSON.stringify(all.body)).not.toContain(SECRET);
  });

  it('accepts lower-case "header" as the authScheme type and returns HEADER', async () => {
    const res = await server.api('POST', '/api/v1/inlineHooks', hookBody({}, { authScheme: { type: 'header', key: 'x-hook-key', value: 'k' } }));
    expect(res.status).toBe(200);
    expect(res.body.channel.config.authScheme).toEqual({ type: 'HEADER', key: 'x-hook-key' });
  });

  it('accepts all six hook types and filters the list with ?type=', async () => {
    const created: Record<string, string> = {};
    for (const type of INLINE_HOOK_TYPES) {
      if (type === 'com.okta.telephony.provider') continue; // one active per org: covered below
      const res = await server.api('POST', '/api/v1/inlineHooks', hookBody({ type }));
      expect(res.status, type).toBe(200);
      expect(res.body.type).toBe(type);
      created[type] = res.body.id;
    }
    const res = await server.api('GET', '/api/v1/inlineHooks?type=com.okta.saml.tokens.transform');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body.every((h: { type: string }) => h.type === 'com.okta.saml.tokens.transform')).toBe(true);
    expect(res.body.map((h: { id: string }) => h.id)).toContain(created['com.okta.saml.tokens.transform']);

    const bad = await server.api('GET', '/api/v1/inlineHooks?type=com.okta.nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000001');
  });

  it.each([
    ['missing name', { name: '' }, {}, 'name'],
    ['name too long', { name: 'x'.repeat(256) }, {}, 'name'],
    ['unknown type', { type: 'com.okta.unknown' }, {}, 'type'],
    ['unsupported version', { version: '2.0.0' }, {}, 'version'],
    ['http URI on a public host', {}, { uri: 'http://hooks.example.com/x' }, 'channel.config.uri'],
    ['URI with whitespace', {}, { uri: 'https://hooks.example.com/a b' }, 'channel.config.uri'],
    ['URI over 1024 characters', {}, { uri: 'https://hooks.example.com/' + 'a'.repeat(1024) }, 'channel.config.uri'],
    ['URI on a private address', {}, { uri: 'https://10.1.2.3/hook' }, 'channel.config.uri'],
    ['URI on a link-local address', {}, { uri: 'https://169.254.169.254/latest' }, 'channel.config.uri'],
    ['not a URL', {}, { uri: 'hooks.example.com' }, 'channel.config.uri'],
    ['reserved header Accept', {}, { headers: [{ key: 'Accept', value: 'text/html' }] }, 'channel.config.headers[0].key'],
    ['reserved header Content-Type', {}, { headers: [{ key: 'content-type', value: 'text/plain' }] }, 'channel.config.headers[0].key'],
    ['header clashing with the auth header', {}, { headers: [{ key: 'authorization', value: 'x' }] }, 'channel.config.headers[0].key'],
    ['header value with a newline', {}, { headers: [{ key: 'X-A', value: 'a\r\nX-B: b' }] }, 'channel.config.headers[0].value'],
    ['unsupported authScheme type', {}, { authScheme: { type: 'BASIC', key: 'Authorization', value: 'x' } }, 'channel.config.authScheme.type'],
    ['authScheme without a value', {}, { authScheme: { type: 'HEADER', key: 'Authorization' } }, 'channel.config.authScheme.value'],
    ['method other than POST', {}, { method: 'GET' }, 'channel.config.method'],
  ])('refuses %s with E0000001 and changes nothing', async (_label, overrides, config, field) => {
    const before = await hookCount();
    const res = await server.api('POST', '/api/v1/inlineHooks', hookBody(overrides, config));
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary.split(':')[0])).toContain(field);
    expect(await hookCount()).toBe(before);
  });

  it('refuses an unknown channel type and a missing channel', async () => {
    const a = await server.api('POST', '/api/v1/inlineHooks', { ...hookBody(), channel: { type: 'SMTP', version: '1.0.0', config: {} } });
    expect(a.status).toBe(400);
    expect(a.body.errorCauses[0].errorSummary).toMatch(/^channel\.type:/);
    const b = await server.api('POST', '/api/v1/inlineHooks', { name: 'no channel', type: 'com.okta.user.pre-registration' });
    expect(b.status).toBe(400);
    expect(b.body.errorCauses[0].errorSummary).toMatch(/^channel:/);
  });

  it('accepts http:// only on loopback hosts', async () => {
    for (const uri of ['http://localhost:9999/hook', 'http://127.0.0.1:9999/hook', 'http://[::1]:9999/hook']) {
      const res = await server.api('POST', '/api/v1/inlineHooks', hookBody({}, { uri }));
      expect(res.status, uri).toBe(200);
      expect(res.body.channel.config.uri).toBe(uri);
    }
  });

  it('keeps names unique', async () => {
    const first = await server.api('POST', '/api/v1/inlineHooks', hookBody({ name: 'Unique name' }));
    expect(first.status).toBe(200);
    const second = await server.api('POST', '/api/v1/inlineHooks', hookBody({ name: 'Unique name' }));
    expect(second.status).toBe(400);
    expect(second.body.errorCauses[0].errorSummary).toMatch(/^name: /);
  });

  it('runs the lifecycle: deactivate, activate, and deletes only INACTIVE hooks', async () => {
    const { body: hook } = await server.api('POST', '/api/v1/inlineHooks', hookBody());
    const self = `${server.ctx.config.issuer}/api/v1/inlineHooks/${hook.id}`;

    const refused = await server.api('DELETE', `/api/v1/inlineHooks/${hook.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body.errorCode).toBe('E0000001');
    expect(refused.body.errorSummary).toMatch(/Cannot delete an ACTIVE inline hook/);
    expect((await server.api('GET', `/api/v1/inlineHooks/${hook.id}`)).status).toBe(200);

    const off = await server.api('POST', `/api/v1/inlineHooks/${hook.id}/lifecycle/deactivate`);
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('INACTIVE');
    expect(off.body._links).toEqual({
      self: { href: self },
      activate: { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } },
      delete: { href: self, hints: { allow: ['DELETE'] } },
      execute: { href: `${self}/execute`, hints: { allow: ['POST'] } },
    });
    expect(await eventsOf('inline_hook.deactivated', hook.id)).toBe(1);

    const on = await server.api('POST', `/api/v1/inlineHooks/${hook.id}/lifecycle/activate`);
    expect(on.body.status).toBe('ACTIVE');
    expect(await eventsOf('inline_hook.activated', hook.id)).toBe(1);

    await server.api('POST', `/api/v1/inlineHooks/${hook.id}/lifecycle/deactivate`);
    const del = await server.api('DELETE', `/api/v1/inlineHooks/${hook.id}`);
    expect(del.status).toBe(204);
    expect(del.body).toBeUndefined();
    expect(await eventsOf('inline_hook.deleted', hook.id)).toBe(1);
    const gone = await server.api('GET', `/api/v1/inlineHooks/${hook.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.errorCode).toBe('E0000007');
  });

  it('answers 404 E0000007 for unknown hooks on every route', async () => {
    for (const [method, path] of [
      ['GET', ''], ['POST', ''], ['PUT', ''], ['DELETE', ''], ['POST', '/lifecycle/activate'], ['POST', '/lifecycle/deactivate'], ['POST', '/execute'],
    ] as const) {
      const body = method === 'POST' || method === 'PUT' ? (path === '' ? hookBody() : {}) : undefined;
      const res = await server.api(method, `/api/v1/inlineHooks/calNOPE0000000000000${path}`, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.errorCode).toBe('E0000007');
    }
  });

  it('replaces with PUT: type immutable, secret kept when the value is left out, changed when given', async () => {
    const { body: hook } = await server.api('POST', '/api/v1/inlineHooks', hookBody());
    const changedType = await server.api('PUT', `/api/v1/inlineHooks/${hook.id}`, { ...hook, type: 'com.okta.oauth2.tokens.transform' });
    expect(changedType.status).toBe(400);
    expect(changedType.body.errorCauses[0].errorSummary).toMatch(/^type: /);

    // The SDK round trip: GET → change the name → PUT the whole object (authScheme without value).
    const replaced = await server.api('PUT', `/api/v1/inlineHooks/${hook.id}`, { ...hook, name: 'Renamed hook' });
    expect(replaced.status).toBe(200);
    expect(replaced.body.name).toBe('Renamed hook');
    expect(replaced.body.type).toBe(hook.type);
    let row = await server.ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', hook.id).executeTakeFirstOrThrow();
    expect(server.ctx.secrets.decrypt(row.secret_encrypted!)).toBe(SECRET);

    const newSecret = await server.api('PUT', `/api/v1/inlineHooks/${hook.id}`, {
      name: 'Renamed hook', channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/v2', authScheme: { type: 'HEADER', key: 'X-Key', value: 'another' } } },
    });
    expect(newSecret.status).toBe(200);
    expect(newSecret.body.channel.config).toEqual({ uri: 'https://hooks.example.com/v2', method: 'POST', headers: [], authScheme: { type: 'HEADER', key: 'X-Key' } });
    row = await server.ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', hook.id).executeTakeFirstOrThrow();
    expect(server.ctx.secrets.decrypt(row.secret_encrypted!)).toBe('another');
    expect(await eventsOf('inline_hook.updated', hook.id)).toBe(2);

    const missingName = await server.api('PUT', `/api/v1/inlineHooks/${hook.id}`, { channel: hook.channel });
    expect(missingName.status).toBe(400);
    expect((await server.api('GET', `/api/v1/inlineHooks/${hook.id}`)).body.name).toBe('Renamed hook');
  });

  it('updates with POST: members left out keep their values', async () => {
    const { body: hook } = await server.api('POST', '/api/v1/inlineHooks', hookBody());
    const res = await server.api('POST', `/api/v1/inlineHooks/${hook.id}`, { channel: { config: { uri: 'https://hooks.example.com/moved' } } });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe(hook.name);
    expect(res.body.channel.config).toEqual({ ...hook.channel.config, uri: 'https://hooks.example.com/moved' });
    const renamed = await server.api('POST', `/api/v1/inlineHooks/${hook.id}`, { name: 'Posted name' });
    expect(renamed.body.name).toBe('Posted name');
    expect(renamed.body.channel.config.uri).toBe('https://hooks.example.com/moved');
    const bad = await server.api('POST', `/api/v1/inlineHooks/${hook.id}`, { channel: { config: { uri: 'ftp://x' } } });
    expect(bad.status).toBe(400);
    expect((await server.api('GET', `/api/v1/inlineHooks/${hook.id}`)).body.channel.config.uri).toBe('https://hooks.example.com/moved');
  });

  it('stores an OAUTH channel: client secret encrypted and never returned; shapes checked', async () => {
    const body = {
      name: 'OAuth token hook', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0',
      channel: { type: 'OAUTH', version: '1.0.0', config: {
        authType: 'client_secret_post', clientId: '0oaclient', clientSecret: 'oauth-client-secret', scope: 'hooks',
        uri: 'https://hooks.example.com/token', tokenUrl: 'https://idp.example.com/oauth2/v1/token', headers: [{ key: 'x-any-key', value: 'v' }],
      } },
    };
    const res = await server.api('POST', '/api/v1/inlineHooks', body);
    expect(res.status).toBe(200);
    expect(res.body.channel).toEqual({ type: 'OAUTH', version: '1.0.0', config: {
      uri: 'https://hooks.example.com/token', method: 'POST', headers: [{ key: 'x-any-key', value: 'v' }], authType: 'client_secret_post',
      clientId: '0oaclient', tokenUrl: 'https://idp.example.com/oauth2/v1/token', scope: 'hooks', hookKeyId: null, authScheme: null,
    } });
    expect(JSON.stringify(res.body)).not.toContain('oauth-client-secret');
    const row = await server.ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    expect(server.ctx.secrets.decrypt(row.secret_encrypted!)).toBe('oauth-client-secret');

    const pkj = await server.api('POST', '/api/v1/inlineHooks', { ...body, name: 'OAuth pkj', channel: { ...body.channel, config: {
      ...body.channel.config, authType: 'private_key_jwt', clientSecret: undefined, hookKeyId: 'HKYj4ft1a3fjmwZg05e6',
    } } });
    expect(pkj.status).toBe(200);
    expect(pkj.body.channel.config.hookKeyId).toBe('HKYj4ft1a3fjmwZg05e6');

    for (const [config, field] of [
      [{ clientSecret: undefined }, 'channel.config.clientSecret'],
      [{ hookKeyId: 'HKY1' }, 'channel.config.hookKeyId'],
      [{ authType: 'client_secret_jwt' }, 'channel.config.authType'],
      [{ tokenUrl: 'http://idp.example.com/token' }, 'channel.config.tokenUrl'],
      [{ clientId: '' }, 'channel.config.clientId'],
      [{ authScheme: { type: 'HEADER', key: 'Authorization', value: 'x' } }, 'channel.config.authScheme'],
      [{ headers: [{ key: 'Authorization', value: 'x' }] }, 'channel.config.headers[0].key'],
    ] as const) {
      const bad = await server.api('POST', '/api/v1/inlineHooks', { ...body, name: 'OAuth bad', channel: { ...body.channel, config: { ...body.channel.config, ...config } } });
      expect(bad.status, field).toBe(400);
      expect(bad.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary.split(':')[0])).toContain(field);
    }
  });

  it('allows one password import hook per org', async () => {
    const type = 'com.okta.user.credential.password.import';
    const existing = await server.api('GET', `/api/v1/inlineHooks?type=${type}`);
    if (existing.body.length === 0) expect((await server.api('POST', '/api/v1/inlineHooks', hookBody({ type }))).status).toBe(200);
    const second = await server.api('POST', '/api/v1/inlineHooks', hookBody({ type }));
    expect(second.status).toBe(400);
    expect(second.body.errorCode).toBe('E0000001');
    expect(second.body.errorSummary).toMatch(/only one password import inline hook/);
  });

  it('allows one ACTIVE telephony hook; requires its authScheme', async () => {
    const type = 'com.okta.telephony.provider';
    const noAuth = await server.api('POST', '/api/v1/inlineHooks', hookBody({ type }, { authScheme: null }));
    expect(noAuth.status).toBe(400);
    expect(noAuth.body.errorCauses[0].errorSummary).toMatch(/^channel\.config\.authScheme:/);

    const first = await server.api('POST', '/api/v1/inlineHooks', hookBody({ type }, { authScheme: { type: 'HEADER', key: 'x-telephony-key', value: 's' } }));
    expect(first.status).toBe(200);
    const second = await server.api('POST', '/api/v1/inlineHooks', hookBody({ type }));
    expect(second.status).toBe(400);
    expect(second.body.errorSummary).toMatch(/one telephony inline hook can be active/);

    await server.api('POST', `/api/v1/inlineHooks/${first.body.id}/lifecycle/deactivate`);
    const third = await server.api('POST', '/api/v1/inlineHooks', hookBody({ type }));
    expect(third.status).toBe(200);
    const reactivate = await server.api('POST', `/api/v1/inlineHooks/${first.body.id}/lifecycle/activate`);
    expect(reactivate.status).toBe(400);
    expect((await server.api('GET', `/api/v1/inlineHooks/${first.body.id}`)).body.status).toBe('INACTIVE');
  });

  it('refuses the 101st inline hook', async () => {
    const count = await hookCount();
    for (let i = count; i < 100; i++) {
      const res = await server.api('POST', '/api/v1/inlineHooks', hookBody({ name: `Filler ${i}`, type: 'com.okta.import.transform' }));
      expect(res.status).toBe(200);
    }
    const res = await server.api('POST', '/api/v1/inlineHooks', hookBody({ name: 'One too many' }));
    expect(res.status).toBe(400);
    expect(res.body.errorSummary).toMatch(/at most 100 inline hooks/);
    expect(await hookCount()).toBe(100);
  });
});
