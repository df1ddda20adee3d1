import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

describe('User types API', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  const typeCount = async () => (await server.ctx.db.selectFrom('user_types').select('id').execute()).length;

  it('lists the default type in Okta\'s JSON', async () => {
    const res = await server.api('GET', '/api/v1/meta/types/user');
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const type = res.body[0];
    expect(type).toMatchObject({ name: 'user', displayName: 'User', description: 'Okta user profile template with default permission settings', default: true });
    expect(type.id).toMatch(/^oty/);
    expect(type._links).toEqual({
      self: { href: `${server.ctx.config.issuer}/api/v1/meta/types/user/${type.id}` },
      schema: { href: `${server.ctx.config.issuer}/api/v1/meta/schemas/user/osc${type.id.slice(3)}` },
    });
    expect(Object.keys(type)).toEqual(['id', 'displayName', 'name', 'description', 'createdBy', 'lastUpdatedBy', 'created', 'lastUpdated', 'default', '_links']);
  });

  it('creates, gets, updates (POST partial, PUT whole) and deletes a type', async () => {
    const admin = (await server.api('GET', '/api/v1/users/admin@localhost')).body;
    const created = await server.api('POST', '/api/v1/meta/types/user', { name: 'contractor', displayName: 'Contractor', description: 'Temporary staff' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'contractor', displayName: 'Contractor', description: 'Temporary staff', default: false, createdBy: admin.id, lastUpdatedBy: admin.id });
    const id = created.body.id;
    expect((await server.api('GET', `/api/v1/meta/types/user/${id}`)).body).toEqual(created.body);

    const partial = await server.api('POST', `/api/v1/meta/types/user/${id}`, { displayName: 'Contractors' });
    expect(partial.body).toMatchObject({ name: 'contractor', displayName: 'Contractors', description: 'Temporary staff' });
    const replaced = await server.api('PUT', `/api/v1/meta/types/user/${id}`, { name: 'contractor', displayName: 'External' });
    expect(replaced.body).toMatchObject({ displayName: 'External', description: null });
    expect((await server.api('GET', '/api/v1/meta/types/user')).body.map((t: { name: string }) => t.name)).toEqual(['user', 'contractor']);

    const deleted = await server.api('DELETE', `/api/v1/meta/types/user/${id}`);
    expect(deleted.status).toBe(204);
    expect((await server.api('GET', `/api/v1/meta/types/user/${id}`)).status).toBe(404);
    expect(await server.ctx.db.selectFrom('user_schemas').select('id').where('id', '=', `osc${id.slice(3)}`).executeTakeFirst()).toBeUndefined();
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await typeCount();
    const attempts: Array<[string, string, unknown]> = [
      ['POST', '/api/v1/meta/types/user', { displayName: 'No name' }],
      ['POST', '/api/v1/meta/types/user', { name: '1bad', displayName: 'Bad' }],
      ['POST', '/api/v1/meta/types/user', { name: 'has-dash', displayName: 'Bad' }],
      ['POST', '/api/v1/meta/types/user', { name: 'noDisplay' }],
      ['POST', '/api/v1/meta/types/user', { name: 'USER', displayName: 'Duplicate' }],
      ['POST', '/api/v1/meta/types/user', { name: 42, displayName: 'Number' }],
    ];
    for (const [method, path, body] of attempts) {
      const res = await server.api(method, path, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
    }
    expect(await typeCount()).toBe(before);

    const type = (await server.api('POST', '/api/v1/meta/types/user', { name: 'vendor', displayName: 'Vendor' })).body;
    expect((await server.api('POST', `/api/v1/meta/types/user/${type.id}`, { name: 'renamed' })).status).toBe(400);
    expect((await server.api('PUT', `/api/v1/meta/types/user/${type.id}`, { displayName: 'Missing name' })).status).toBe(400);
    expect((await server.api('PUT', `/api/v1/meta/types/user/${type.id}`, { name: 'vendor', displayName: '' })).status).toBe(400);
    expect((await server.api('GET', `/api/v1/meta/types/user/${type.id}`)).body).toEqual(type);

    const defaultType = (await server.api('GET', '/api/v1/meta/types/user')).body.find((t: { default: boolean }) => t.default);
    expect((await server.api('DELETE', `/api/v1/meta/types/user/${defaultType.id}`)).status).toBe(400);
    const user = await server.api('POST', '/api/v1/users', {
      profile: { firstName: 'Vee', lastName: 'Endor', email: 'vee@example.com', login: 'vee@example.com' }, type: { id: type.id },
    });
    expect(user.body.type.id).toBe(type.id);
    expect((await server.api('DELETE', `/api/v1/meta/types/user/${type.id}`)).status).toBe(400);
    expect((await server.api('GET', `/api/v1/meta/types/user/${type.id}`)).status).toBe(200);
    for (const method of ['GET', 'DELETE']) expect((await server.api(method, '/api/v1/meta/types/user/otyNoSuchType0000000')).body.errorCode).toBe('E0000007');
  });

  it('allows at most ten types', async () => {
    const existing = await typeCount();
    for (let i = existing; i < 10; i++) {
      expect((await server.api('POST', '/api/v1/meta/types/user', { name: `extra${i}`, displayName: `Extra ${i}` })).status).toBe(200);
    }
    const over = await server.api('POST', '/api/v1/meta/types/user', { name: 'oneTooMany', displayName: 'Too many' });
    expect(over.status).toBe(400);
    expect(await typeCount()).toBe(10);
  });
});
