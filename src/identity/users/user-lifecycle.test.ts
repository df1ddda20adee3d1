import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { userIdForActivationToken } from './user-lifecycle.service.js';

const PASSWORD = 'Tollgate-Pass-42';
let seq = 0;

describe('Users API: lifecycle', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  async function newUser(query: string, withPassword: boolean): Promise<{ id: string; status: string }> {
    const name = `life${++seq}`;
    const res = await server.api('POST', `/api/v1/users${query}`, {
      profile: { firstName: 'Life', lastName: `Cycle${seq}`, email: `${name}@example.com`, login: `${name}@example.com` },
      ...(withPassword ? { credentials: { password: { value: PASSWORD } } } : {}),
    });
    expect(res.status).toBe(200);
    return res.body;
  }
  const statusOf = async (id: string) => (await server.api('GET', `/api/v1/users/${id}`)).body.status;
  const eventTypes = async (id: string) => (await server.ctx.db.selectFrom('system_log').select('event_type')
    .where('target_ids', 'like', `% ${id} %`).orderBy('published').execute()).map((e) => e.event_type);
  const post = (id: string, op: string) => server.api('POST', `/api/v1/users/${id}/lifecycle/${op}`);

  it('activates a STAGED user without password: PROVISIONED, with an activation link when sendEmail=false', async () => {
    const user = await newUser('?activate=false', false);
    const res = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/activate?sendEmail=false`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['activationToken', 'activationUrl']);
    expect(res.body.activationUrl).toBe(`${server.ctx.config.issuer}/tokens/${res.body.activationToken}/verify`);
    expect(await userIdForActivationToken(server.ctx, server.ctx.db, res.body.activationToken)).toBe(user.id);
    expect(await userIdForActivationToken(server.ctx, server.ctx.db, 'not-a-token')).toBeUndefined();
    expect(await statusOf(user.id)).toBe('PROVISIONED');
    expect(await eventTypes(user.id)).toEqual(['user.lifecycle.create', 'user.lifecycle.activate']);

    const again = await post(user.id, 'activate');
    expect(again.status).toBe(403);
    expect(again.body).toMatchObject({ errorCode: 'E0000016', errorSummary: 'Activation failed because the user is already active' });

    const reactivated = await server.api('POST', `/api/v1/users/${user.id}/lifecycle/reactivate?sendEmail=false`);
    expect(reactivated.body.activationToken).toBeDefined();
    expect(reactivated.body.activationToken).not.toBe(res.body.activationToken);
    // A new token replaces the old one.
    expect(await userIdForActivationToken(server.ctx, server.ctx.db, res.body.activationToken)).toBeUndefined();
    expect(await userIdForActivationToken(server.ctx, server.ctx.db, reactivated.body.activationToken)).toBe(user.id);
    expect((await eventTypes(user.id)).at(-1)).toBe('user.lifecycle.reactivate');
  });

  it('activates a STAGED user with a password straight to ACTIVE, with an empty body (default sendEmail)', async () => {
    const user = await newUser('?activate=false', true);
    const res = await post(user.id, 'activate');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
    const after = (await server.api('GET', `/api/v1/users/${user.id}`)).body;
    expect(after.status).toBe('ACTIVE');
    expect(after.activated).not.toBeNull();
    expect((await post(user.id, 'activate')).body.errorCode).toBe('E0000016');
  });

  it('suspends, unsuspends and deactivates, each with its event, refusing wrong statuses with E0000038', async () => {
    const user = await newUser('', true);
    const suspend = await post(user.id, 'suspend');
    expect(suspend.status).toBe(200);
    expect(suspend.body).toBeUndefined();
    const suspended = (await server.api('GET', `/api/v1/users/${user.id}`)).body;
    expect(suspended.status).toBe('SUSPENDED');
    expect(Object.keys(suspended._links).sort()).toEqual(['deactivate', 'schema', 'self', 'type', 'unsuspend']);

    const suspendAgain = await post(user.id, 'suspend');
    expect(suspendAgain.status).toBe(403);
    expect(suspendAgain.body).toMatchObject({ errorCode: 'E0000038', errorSummary: "This operation is not allowed in the user's current status." });
    expect((await post(user.id, 'unlock')).body.errorCode).toBe('E0000038');
    expect((await post(user.id, 'reactivate')).body.errorCode).toBe('E0000038');

    expect((await post(user.id, 'unsuspend')).status).toBe(200);
    expect(await statusOf(user.id)).toBe('ACTIVE');
    expect((await post(user.id, 'unsuspend')).body.errorCode).toBe('E0000038');

    expect((await post(user.id, 'deactivate')).status).toBe(200);
    expect(await statusOf(user.id)).toBe('DEPROVISIONED');
    expect((await post(user.id, 'deactivate')).body.errorCode).toBe('E0000038');
    expect(await eventTypes(user.id)).toEqual([
      'user.lifecycle.create', 'user.lifecycle.activate', 'user.lifecycle.suspend', 'user.lifecycle.unsuspend', 'user.lifecycle.deactivate',
    ]);
  });

  it('unlocks a LOCKED_OUT user and forgets its failed sign-ins', async () => {
    const user = await newUser('', true);
    await server.ctx.db.updateTable('users').set({ status: 'LOCKED_OUT', failed_logins: 10 }).where('id', '=', user.id).execute();
    const locked = (await server.api('GET', `/api/v1/users/${user.id}`)).body;
    expect(locked._links.unlock.href).toContain('/lifecycle/unlock');
    expect((await post(user.id, 'unlock')).status).toBe(200);
    const row = await server.ctx.db.selectFrom('users').select(['status', 'failed_logins']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'ACTIVE', failed_logins: 0 });
    expect((await eventTypes(user.id)).at(-1)).toBe('user.account.unlock_by_admin');
  });

  it('DELETE deactivates first, then deletes the user with its memberships and sessions', async () => {
    const user = await newUser('', true);
    const now = new Date().toISOString();
    await server.ctx.db.insertInto('groups').values({
      id: '00gLifecycle00000001', type: 'OKTA_GROUP', name: 'Lifecycle', name_lower: 'lifecycle', description: null,
      profile: JSON.stringify({ name: 'Lifecycle', description: null }), created: now, last_updated: now, last_membership_updated: now,
    }).execute();
    await server.ctx.db.insertInto('group_members').values({ group_id: '00gLifecycle00000001', user_id: user.id, created: now }).execute();
    await server.ctx.db.insertInto('sessions').values({
      id: '102session0000000001', token_hash: 'hash-of-a-session', user_id: user.id, status: 'ACTIVE', amr: '["pwd"]',
      ip_address: null, user_agent: null, created: now, expires_at: now, last_password_verification: now, last_factor_verification: null,
    }).execute();

    const first = await server.api('DELETE', `/api/v1/users/${user.id}`);
    expect(first.status).toBe(204);
    expect(await statusOf(user.id)).toBe('DEPROVISIONED');
    // Deactivation ends sessions but keeps memberships.
    expect(await server.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await server.ctx.db.selectFrom('group_members').select('group_id').where('user_id', '=', user.id).execute()).toHaveLength(1);

    const second = await server.api('DELETE', `/api/v1/users/${user.id}`);
    expect(second.status).toBe(204);
    expect((await server.api('GET', `/api/v1/users/${user.id}`)).status).toBe(404);
    expect(await server.ctx.db.selectFrom('group_members').select('group_id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await eventTypes(user.id)).toEqual([
      'user.lifecycle.create', 'user.lifecycle.activate', 'user.lifecycle.deactivate', 'user.lifecycle.delete.initiated', 'user.lifecycle.delete.completed',
    ]);
    const listed = await server.api('GET', `/api/v1/users?search=${encodeURIComponent(`id eq "${user.id}"`)}`);
    expect(listed.body).toEqual([]);
    expect((await server.api('DELETE', `/api/v1/users/${user.id}`)).status).toBe(404);
  });

  it('reactivates a DEPROVISIONED user through activate', async () => {
    const user = await newUser('', true);
    await post(user.id, 'deactivate');
    const res = await post(user.id, 'activate');
    expect(res.status).toBe(200);
    expect(await statusOf(user.id)).toBe('ACTIVE');
  });

  it('refuses to deactivate or delete the calling admin, and answers unknown users with E0000007', async () => {
    const admin = (await server.api('GET', '/api/v1/users/admin@localhost')).body;
    expect((await post(admin.id, 'deactivate')).status).toBe(400);
    expect((await server.api('DELETE', `/api/v1/users/${admin.id}`)).status).toBe(400);
    expect(await statusOf(admin.id)).toBe('ACTIVE');
    for (const op of ['activate', 'deactivate', 'suspend', 'unsuspend', 'unlock', 'reactivate']) {
      const res = await post('00uNobody00000000000', op);
      expect(res.status).toBe(404);
      expect(res.body.errorCode).toBe('E0000007');
    }
  });
});
