/**
 * Okta's Identity Sources API over real HTTP: a Custom Identity Source app, its sessions (one open at a time),
 * bulk-upsert checked whole against Okta's schema, start-import running through the import machinery (users
 * created, then updated, never duplicated; the user import inline hook asked per user), bulk-delete
 * deactivating, and System Log events for each step.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('Identity Sources API (real HTTP)', () => {
  let server: TestServer;
  let hook: HookServer;
  let hookId: string;

  beforeAll(async () => {
    server = await startTestServer();
    hook = await startHookServer((_req, res) => { res.writeHead(204).end(); });
    const created = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Source import', type: 'com.okta.import.transform', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${hook.url}/import`, authScheme: { type: 'HEADER', key: 'Authorization', value: 'import-secret' } } },
    });
    expect(created.status).toBe(200);
    hookId = created.body.id;
  });
  afterAll(async () => {
    await hook?.close();
    await server?.close();
  });
  beforeEach(() => {
    hook.requests.length = 0;
    hook.handle((_req, res) => { res.writeHead(204).end(); });
  });

  let count = 0;
  async function newSource(settings: Record<string, unknown> = {}): Promise<string> {
    count += 1;
    const res = await server.api('POST', '/api/v1/apps', { label: `HR source ${count}`, signOnMode: 'CUSTOM_IDENTITY_SOURCE', settings: { app: settings } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.name).toBe('custom_identity_source');
    expect(res.body._links.sessions.href).toBe(`${server.ctx.config.issuer}/api/v1/identity-sources/${res.body.id}/sessions`);
    return res.body.id as string;
  }
  const sessions = (sourceId: string) => `/api/v1/identity-sources/${sourceId}/sessions`;

  async function openSession(sourceId: string): Promise<string> {
    const res = await server.api('POST', sessions(sourceId));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.id as string;
  }

  /** Polls the session until its import ended; answers its final JSON. */
  async function waitForImport(sourceId: string, sessionId: string): Promise<any> {
    for (let i = 0; i < 300; i += 1) {
      const res = await server.api('GET', `${sessions(sourceId)}/${sessionId}`);
      if (res.body.status !== 'TRIGGERED') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the import did not end');
  }

  async function importUsers(sourceId: string, profiles: unknown[], deletes: string[] = []): Promise<{ session: any; job: any }> {
    const sessionId = await openSession(sourceId);
    if (profiles.length) {
      const up = await server.api('POST', `${sessions(sourceId)}/${sessionId}/bulk-upsert`, { entityType: 'USERS', profiles });
      expect(up.status, JSON.stringify(up.body)).toBe(202);
    }
    if (deletes.length) {
      const del = await server.api('POST', `${sessions(sourceId)}/${sessionId}/bulk-delete`, { entityType: 'USERS', profiles: deletes.map((externalId) => ({ externalId })) });
      expect(del.status, JSON.stringify(del.body)).toBe(202);
    }
    const started = await server.api('POST', `${sessions(sourceId)}/${sessionId}/start-import`);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({ id: sessionId, identitySourceId: sourceId, status: 'TRIGGERED', importType: 'INCREMENTAL' });
    const session = await waitForImport(sourceId, sessionId);
    const jobs = await server.api('GET', `/api/v1/apps/${sourceId}/imports`);
    const job = await server.api('GET', `/api/v1/apps/${sourceId}/imports/${jobs.body[0].id}`);
    return { session, job: job.body };
  }

  async function userByLogin(login: string): Promise<any> {
    const res = await server.api('GET', `/api/v1/users?search=${encodeURIComponent(`profile.login eq "${login}"`)}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  async function events(eventType: string, targetId: string): Promise<any[]> {
    const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "${eventType}"`)}&limit=1000`);
    return (res.body as any[]).filter((e) => e.target?.some((t: { id: string }) => t.id === targetId));
  }

  const person = (n: string, extra: Record<string, string | null> = {}) => ({
    externalId: `EXT-${n}`,
    profile: { userName: `${n}@hr.example.com`, email: `${n}@hr.example.com`, firstName: 'Ada', lastName: `Lovelace ${n}`, ...extra },
  });

  it('session lifecycle: create, get, list, delete (CLOSED), Okta JSON and System Log', async () => {
    const sourceId = await newSource();
    const created = await server.api('POST', sessions(sourceId));
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^aps[A-Za-z0-9]{17}$/), identitySourceId: sourceId, status: 'CREATED', importType: 'INCREMENTAL',
      created: expect.any(String), lastUpdated: expect.any(String),
    });
    const id = created.body.id;
    expect((await server.api('GET', `${sessions(sourceId)}/${id}`)).body).toEqual(created.body);
    expect((await server.api('GET', sessions(sourceId))).body.map((s: any) => s.id)).toEqual([id]);
    expect(await events('system.import.session.created', id)).toHaveLength(1);

    const deleted = await server.api('DELETE', `${sessions(sourceId)}/${id}`);
    expect(deleted.status).toBe(204);
    expect((await server.api('GET', `${sessions(sourceId)}/${id}`)).body.status).toBe('CLOSED');
    expect(await events('system.import.session.cancelled', id)).toHaveLength(1);
    // A closed session takes no data and cannot be deleted again.
    const again = await server.api('DELETE', `${sessions(sourceId)}/${id}`);
    expect(again.status).toBe(400);
    expect(again.body.errorCode).toBe('E0000001');
    const late = await server.api('POST', `${sessions(sourceId)}/${id}/bulk-upsert`, { entityType: 'USERS', profiles: [person('late')] });
    expect(late.status).toBe(400);

    // Unknown sources, sessions and non-identity-source apps are Okta's 404.
    const bookmark = await server.api('POST', '/api/v1/apps', { label: 'Not a source', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } });
    for (const path of [sessions('0oanosuchsource00000'), sessions(bookmark.body.id), `${sessions(sourceId)}/apsnosuchsession00000`]) {
      const res = await server.api('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.body.errorCode).toBe('E0000007');
    }
  });

  it('one open session per source: a second create is refused until the first is triggered or deleted', async () => {
    const sourceId = await newSource();
    const first = await openSession(sourceId);
    const second = await server.api('POST', sessions(sourceId));
    expect(second.status).toBe(400);
    expect(second.body.errorCode).toBe('E0000001');
    expect(second.body.errorCauses[0].errorSummary).toContain(first);
    // Still refused while data is being uploaded (IN_PROGRESS).
    await server.api('POST', `${sessions(sourceId)}/${first}/bulk-upsert`, { entityType: 'USERS', profiles: [person('open1')] });
    expect((await server.api('GET', `${sessions(sourceId)}/${first}`)).body.status).toBe('IN_PROGRESS');
    expect((await server.api('POST', sessions(sourceId))).status).toBe(400);
    expect((await server.api('DELETE', `${sessions(sourceId)}/${first}`)).status).toBe(204);
    const third = await openSession(sourceId);
    expect(third).not.toBe(first);
    expect((await server.api('GET', sessions(sourceId))).body.map((s: any) => [s.id, s.status])).toEqual([[first, 'CLOSED'], [third, 'CREATED']]);
    // The deleted session's data is gone: nobody was imported.
    expect(await userByLogin('open1@hr.example.com')).toEqual([]);
  });

  it('an open session idle for 24 hours expires', async () => {
    const sourceId = await newSource();
    const id = await openSession(sourceId);
    await server.ctx.db.updateTable('identity_source_sessions').set({ last_updated: new Date(Date.now() - 25 * 3600_000).toISOString() }).where('id', '=', id).execute();
    expect((await server.api('GET', `${sessions(sourceId)}/${id}`)).body.status).toBe('EXPIRED');
    expect(await events('system.import.session.expired', id)).toHaveLength(1);
    await openSession(sourceId);
  });

  it("bulk-upsert validation: Okta's E0000001 with every problem, and nothing stored", async () => {
    const sourceId = await newSource();
    const id = await openSession(sourceId);
    const url = `${sessions(sourceId)}/${id}/bulk-upsert`;
    const bad = await server.api('POST', url, {
      entityType: 'GROUPS',
      profiles: [
        { profile: { userName: 'a@x.com', email: 'a@x.com' } },
        { externalId: 'E1', profile: { userName: 'b@x.com', email: 'not-an-email', firstName: '', mobilePhone: 5551234 } },
        { externalId: 'E1', profile: { email: 'c@x.com' } },
        { externalId: 'x'.repeat(513), profile: { userName: 'd@x.com', email: 'd@x.com', lastName: 'L'.repeat(51) } },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCode).toBe('E0000001');
    expect(bad.body.errorSummary).toBe('Api validation failed: profiles');
    expect(bad.body.errorCauses.map((c: any) => c.errorSummary)).toEqual([
      'entityType: Does not match required enum value USERS: "GROUPS"',
      'profiles[0].externalId: The field cannot be left blank',
      'profiles[1].profile.email: Does not match required pattern: not a valid email address',
      'profiles[1].profile.firstName: The value must be at least 1 characters',
      'profiles[1].profile.mobilePhone: Profile attributes can only be of the string type',
      "profiles[2].externalId: 'E1' is also profiles[1].externalId",
      'profiles[2].profile.userName: The field cannot be left blank',
      'profiles[3].externalId: The value must be at most 512 characters',
      'profiles[3].profile.lastName: The value must be at most 50 characters',
    ]);
    const tooMany = await server.api('POST', url, { entityType: 'USERS', profiles: Array.from({ length: 201 }, (_, i) => person(`many${i}`)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errorCauses[0].errorSummary).toBe('profiles: At most 200 profiles can be sent in one request; the request has 201');
    for (const body of [{ profiles: [person('x')] }, { entityType: 'USERS' }, { entityType: 'USERS', profiles: [] }]) {
      const res = await server.api('POST', url, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
    }
    // Nothing was stored: the session is still CREATED, holds no data, and cannot be started.
    expect((await server.api('GET', `${sessions(sourceId)}/${id}`)).body.status).toBe('CREATED');
    const rows = await server.ctx.db.selectFrom('identity_source_session_items').select('seq').where('session_id', '=', id).execute();
    expect(rows).toEqual([]);
    expect(await events('system.identity_sources.bulk_upsert', id)).toEqual([]);
    const start = await server.api('POST', `${sessions(sourceId)}/${id}/start-import`);
    expect(start.status).toBe(400);
    expect(start.body.errorCauses[0].errorSummary).toContain(`Session=${id} should be in IN_PROGRESS status in order to be processed`);
    // 200 profiles exactly are fine.
    expect((await server.api('POST', url, { entityType: 'USERS', profiles: Array.from({ length: 200 }, (_, i) => person(`ok${i}`)) })).status).toBe(202);
    expect(await events('system.identity_sources.bulk_upsert', id)).toHaveLength(1);
  });

  it('start-import creates the users; a second import updates them instead of duplicating', async () => {
    const sourceId = await newSource({ activateUsers: true });
    const first = await importUsers(sourceId, [person('grace', { mobilePhone: '555-0100', homeAddress: '1 Main St' }), person('alan')]);
    expect(first.session.status).toBe('COMPLETED');
    expect(first.job.status).toBe('COMPLETED');
    expect(first.job.summary).toMatchObject({ total: 2, created: 2, failed: 0 });
    const [grace] = await userByLogin('grace@hr.example.com');
    expect(grace.status).toBe('PROVISIONED');
    expect(grace.profile).toMatchObject({ login: 'grace@hr.example.com', email: 'grace@hr.example.com', firstName: 'Ada', lastName: 'Lovelace grace', mobilePhone: '555-0100' });
    // The app user carries the source's externalId (and the attributes Okta's profile has no place for).
    const appUser = await server.api('GET', `/api/v1/apps/${sourceId}/users/${grace.id}`);
    expect(appUser.body.profile).toMatchObject({ externalId: 'EXT-grace', homeAddress: '1 Main St' });
    expect(await events('system.import.user.create', grace.id)).toHaveLength(1);
    expect(await events('system.import.session.triggered', first.session.id)).toHaveLength(1);
    expect(await events('system.import.complete', first.session.id)).toHaveLength(1);

    // Same externalId, a new last name and userName: the same user is updated, nobody new is created.
    const second = await importUsers(sourceId, [person('grace', { userName: 'grace.h@hr.example.com', lastName: 'Hopper' })]);
    expect(second.session.status).toBe('COMPLETED');
    expect(second.job.summary).toMatchObject({ total: 1, created: 0, linked: 1, failed: 0 });
    const updated = await server.api('GET', `/api/v1/users/${grace.id}`);
    expect(updated.body.profile).toMatchObject({ login: 'grace.h@hr.example.com', lastName: 'Hopper', mobilePhone: '555-0100' });
    expect(await userByLogin('grace@hr.example.com')).toEqual([]);
    const all = await server.api('GET', `/api/v1/users?search=${encodeURIComponent('profile.email eq "grace@hr.example.com"')}`);
    expect(all.body.map((u: any) => u.id)).toEqual([grace.id]);
    expect(await events('system.import.user.update', grace.id)).toHaveLength(1);
  });

  it('start-import matches existing Okta users under the rules and asks the user import hook', async () => {
    const existing = await server.api('POST', '/api/v1/users?activate=false', { profile: { login: 'linus@corp.example.com', email: 'linus@hr.example.com', firstName: 'Linus', lastName: 'T' } });
    const sourceId = await newSource({ userImportInlineHookId: hookId, matchRules: ['EMAIL'] });
    hook.handle((req, res) => {
      const userName = req.body?.data?.appUser?.profile?.userName;
      if (userName === 'renamed@hr.example.com') {
        return json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { login: 'renamed.by.hook@hr.example.com' } }] });
      }
      res.writeHead(204).end();
    });
    const { job } = await importUsers(sourceId, [
      { externalId: 'EXT-linus', profile: { userName: 'linus@hr.example.com', email: 'linus@hr.example.com', firstName: 'Linus', lastName: 'Torvalds' } },
      person('renamed'),
    ]);
    expect(job.summary).toMatchObject({ total: 2, linked: 1, created: 1, failed: 0 });
    expect(hook.requests.length).toBe(2);
    expect(hook.requests[0].body.data.appUser.profile).toMatchObject({ userName: 'linus@hr.example.com', externalId: 'EXT-linus' });
    expect(hook.requests[0].body.data.context.matches).toEqual([existing.body.id]);
    // Linked by email, then mastered by the source: its profile follows the source's.
    const linus = await server.api('GET', `/api/v1/users/${existing.body.id}`);
    expect(linus.body.profile).toMatchObject({ login: 'linus@hr.example.com', lastName: 'Torvalds' });
    expect(await userByLogin('renamed.by.hook@hr.example.com')).toHaveLength(1);
  });

  it('bulk-delete deactivates the users of the external ids the source imported, and ignores the others', async () => {
    const sourceId = await newSource({ activateUsers: true });
    await importUsers(sourceId, [person('leaver'), person('stayer')]);
    const [leaver] = await userByLogin('leaver@hr.example.com');
    const [stayer] = await userByLogin('stayer@hr.example.com');

    // A bulk-delete naming no user of this source keeps the session CREATED (Okta), so it cannot be started.
    const idle = await openSession(sourceId);
    expect((await server.api('POST', `${sessions(sourceId)}/${idle}/bulk-delete`, { entityType: 'USERS', profiles: [{ externalId: 'EXT-nobody' }] })).status).toBe(202);
    expect((await server.api('GET', `${sessions(sourceId)}/${idle}`)).body.status).toBe('CREATED');
    const badDelete = await server.api('POST', `${sessions(sourceId)}/${idle}/bulk-delete`, { entityType: 'USERS', profiles: [{ externalId: '' }] });
    expect(badDelete.status).toBe(400);
    expect(badDelete.body.errorCauses[0].errorSummary).toBe('profiles[0].externalId: The field cannot be left blank');
    expect((await server.api('DELETE', `${sessions(sourceId)}/${idle}`)).status).toBe(204);

    const { session, job } = await importUsers(sourceId, [], ['EXT-leaver', 'EXT-nobody']);
    expect(session.status).toBe('COMPLETED');
    expect(job.users.map((u: any) => [u.status, u.user.id])).toEqual([['DEACTIVATED', leaver.id]]);
    expect((await server.api('GET', `/api/v1/users/${leaver.id}`)).body.status).toBe('DEPROVISIONED');
    expect((await server.api('GET', `/api/v1/users/${stayer.id}`)).body.status).toBe('PROVISIONED');
    expect(await events('user.lifecycle.deactivate', leaver.id)).toHaveLength(1);
    expect(await events('system.import.user.update_user_lifecycle_from_master', leaver.id)).toHaveLength(1);
    expect(await events('system.identity_sources.bulk_delete', session.id)).toHaveLength(1);

    // Upserted again, the user comes back (reactivated), still one user.
    await importUsers(sourceId, [person('leaver', { firstName: 'Back' })]);
    const back = await server.api('GET', `/api/v1/users/${leaver.id}`);
    expect(back.body.status).not.toBe('DEPROVISIONED');
    expect(back.body.profile.firstName).toBe('Back');
  });

  it('a row the Okta schema refuses fails alone; the session still completes', async () => {
    const sourceId = await newSource();
    const { session, job } = await importUsers(sourceId, [
      person('good'),
      { externalId: 'EXT-nameless', profile: { userName: 'nameless@hr.example.com', email: 'nameless@hr.example.com' } },
    ]);
    expect(session.status).toBe('COMPLETED');
    expect(job.summary).toMatchObject({ created: 1, failed: 1 });
    expect(job.users[1].errorCauses.map((c: any) => c.errorSummary).join(' ')).toContain('firstName');
    expect(await userByLogin('good@hr.example.com')).toHaveLength(1);
  });
});
