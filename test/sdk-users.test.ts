import okta from '@okta/okta-sdk-nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { all, sdkClient, sdkError } from './helpers/okta-sdk.js';


const PASSWORD = 'Tr0ub4dor&3-long';

describe('official Okta Node SDK against the Users, Schema and User Types APIs', () => {
  let server: TestServer;
  let client: okta.Client;

  beforeAll(async () => {
    server = await startTestServer();
    client = sdkClient(server);
  });
  afterAll(async () => { await server?.close(); });

  const profileOf = (name: string) => ({ firstName: name, lastName: 'Sdk', email: `${name}@example.com`, login: `${name}@example.com` });

  it('creates users with and without credentials', async () => {
    const active = await client.userApi.createUser({ body: { profile: profileOf('ann'), credentials: { password: { value: PASSWORD } } }, activate: true });
    expect(active.id).toMatch(/^00u/);
    expect(active.status).toBe('ACTIVE');
    expect(active.profile?.login).toBe('ann@example.com');
    expect(active.credentials?.provider).toMatchObject({ type: 'OKTA', name: 'OKTA' });
    expect(active._links?.self?.href).toContain(`/api/v1/users/${active.id}`);

    const staged = await client.userApi.createUser({ body: { profile: profileOf('ben') }, activate: false });
    expect(staged.status).toBe('STAGED');
    const token = await client.userApi.activateUser({ userId: staged.id!, sendEmail: false });
    expect(token.activationToken).toBeTruthy();
    expect(token.activationUrl).toContain(`/tokens/${token.activationToken}/verify`);
    expect((await client.userApi.getUser({ userId: staged.id! })).status).toBe('PROVISIONED');

    const failure = await sdkError(client.userApi.createUser({ body: { profile: profileOf('ann') }, activate: true }));
    expect(failure.status).toBe(400);
    expect(failure.errorCode).toBe('E0000001');
    expect(failure.errorCauses[0].errorSummary).toBe('login: An object with this field already exists in the current organization');
  });

  it('lists users across several pages, and searches', async () => {
    for (let i = 0; i < 9; i++) {
      await client.userApi.createUser({ body: { profile: { ...profileOf(`page${i}`), department: i % 2 ? 'Odd' : 'Even' } }, activate: true });
    }
    const listed = await all(await client.userApi.listUsers({ limit: 3 }));
    const expected = await server.ctx.db.selectFrom('users').select('id').where('status', '<>', 'DEPROVISIONED').orderBy('id').execute();
    expect(listed.map((u) => u.id)).toEqual(expected.map((r) => r.id));
    expect(listed.length).toBeGreaterThan(9);

    const odd = await all(await client.userApi.listUsers({ search: 'profile.department eq "Odd"', limit: 2 }));
    expect(odd.map((u) => u.profile?.login).sort()).toEqual(['page1@example.com', 'page3@example.com', 'page5@example.com', 'page7@example.com']);

    const byEach: string[] = [];
    await (await client.userApi.listUsers({ filter: 'status eq "ACTIVE"', limit: 4 })).each((u) => { byEach.push(u.id!); });
    const active = await server.ctx.db.selectFrom('users').select('id').where('status', '=', 'ACTIVE').orderBy('id').execute();
    expect(byEach).toEqual(active.map((r) => r.id));

    const q = await all(await client.userApi.listUsers({ q: 'page' }));
    expect(q).toHaveLength(9);
  });

  it('updates (partial) and replaces users', async () => {
    const user = await client.userApi.createUser({ body: { profile: { ...profileOf('cat'), city: 'Lyon' } }, activate: true });
    const updated = await client.userApi.updateUser({ userId: user.id!, user: { profile: { nickName: 'Kitty' } } });
    expect(updated.profile).toMatchObject({ nickName: 'Kitty', city: 'Lyon', login: 'cat@example.com' });

    const replaced = await client.userApi.replaceUser({ userId: user.id!, user: { profile: { ...profileOf('cat'), title: 'Chief' } } });
    expect(replaced.profile?.title).toBe('Chief');
    expect(replaced.profile?.city).toBeUndefined();
    expect(replaced.profile?.nickName).toBeUndefined();

    const fetched = await client.userApi.getUser({ userId: 'cat@example.com' });
    expect(fetched.id).toBe(user.id);
    expect(fetched.profile?.title).toBe('Chief');

    const bad = await sdkError(client.userApi.updateUser({ userId: user.id!, user: { profile: { email: 'not-an-email' } } }));
    expect(bad.errorCauses[0].errorSummary).toBe('email: Does not match required pattern');
  });

  it('suspends, deactivates and deletes users', async () => {
    const user = await client.userApi.createUser({ body: { profile: profileOf('dee'), credentials: { password: { value: PASSWORD } } }, activate: true });
    await client.userApi.suspendUser({ userId: user.id! });
    expect((await client.userApi.getUser({ userId: user.id! })).status).toBe('SUSPENDED');
    await client.userApi.unsuspendUser({ userId: user.id! });
    await client.userApi.deactivateUser({ userId: user.id! });
    expect((await client.userApi.getUser({ userId: user.id! })).status).toBe('DEPROVISIONED');
    await client.userApi.deleteUser({ userId: user.id! });
    const gone = await sdkError(client.userApi.getUser({ userId: user.id! }));
    expect(gone.status).toBe(404);
    expect(gone.errorCode).toBe('E0000007');

    // A first DELETE deactivates, a second deletes.
    const other = await client.userApi.createUser({ body: { profile: profileOf('eve') }, activate: true });
    await client.userApi.deleteUser({ userId: other.id! });
    expect((await client.userApi.getUser({ userId: other.id! })).status).toBe('DEPROVISIONED');
    await client.userApi.deleteUser({ userId: other.id! });
    expect((await sdkError(client.userApi.getUser({ userId: other.id! }))).status).toBe(404);
  });

  it('lists a user\'s groups', async () => {
    const user = await client.userApi.createUser({ body: { profile: profileOf('fox') }, activate: true });
    const groups = await all(await client.userApi.listUserGroups({ userId: user.id! }));
    expect(groups.map((g) => g.profile?.name)).toEqual(['Everyone']);
    expect(groups[0].type).toBe('BUILT_IN');
  });

  it('reads and extends the profile schema, and manages user types', async () => {
    const schema = await client.schemaApi.getUserSchema({ schemaId: 'default' });
    expect(schema.definitions?.base?.required).toEqual(['login', 'firstName', 'lastName', 'email']);
    const updated = await client.schemaApi.updateUserProfile({
      schemaId: 'default',
      userSchema: { definitions: { custom: { id: '#custom', type: 'object', properties: { favoriteColor: { title: 'Favorite color', type: 'string', maxLength: 20 } } } } },
    });
    expect(updated.definitions?.custom?.properties?.favoriteColor).toMatchObject({ title: 'Favorite color', type: 'string', maxLength: 20 });
    const user = await client.userApi.createUser({ body: { profile: { ...profileOf('gus'), favoriteColor: 'teal' } }, activate: false });
    expect(user.profile?.favoriteColor).toBe('teal');

    const type = await client.userTypeApi.createUserType({ userType: { name: 'sdkType', displayName: 'SDK type', description: 'Made by the SDK' } });
    expect(type.id).toMatch(/^oty/);
    expect(type._default).toBe(false);
    const types = await all(await client.userTypeApi.listUserTypes());
    expect(types.map((t) => t.name)).toEqual(['user', 'sdkType']);
    const renamed = await client.userTypeApi.updateUserType({ typeId: type.id!, userType: { displayName: 'SDK type 2' } });
    expect(renamed.displayName).toBe('SDK type 2');
    await client.userTypeApi.deleteUserType({ typeId: type.id! });
    expect((await sdkError(client.userTypeApi.getUserType({ typeId: type.id! }))).status).toBe(404);
  });
});
