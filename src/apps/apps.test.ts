import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/server.js';

const bookmark = (label: string, url = 'https://example.com/') => ({ label, signOnMode: 'BOOKMARK', settings: { app: { url } } });

describe('Applications API', () => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const user = await server.api('POST', '/api/v1/users?activate=true', { profile: { login: 'app.user@example.com', email: 'app.user@example.com', firstName: 'App', lastName: 'User' } });
    expect(user.status).toBe(200);
    userId = user.body.id;
  });
  afterAll(async () => { await server?.close(); });

  it('creates a bookmark app in Okta\'s shape and logs it', async () => {
    const res = await server.api('POST', '/api/v1/apps', bookmark('Intranet'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'bookmark', label: 'Intranet', status: 'ACTIVE', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com/' } } });
    expect(res.body.id).toMatch(/^0oa/);
    expect(res.body._links.deactivate.href).toContain(`/api/v1/apps/${res.body.id}/lifecycle/deactivate`);
    const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`target.id eq "${res.body.id}"`)}`);
    expect(logs.body.map((e: any) => e.eventType)).toEqual(['application.lifecycle.create', 'application.lifecycle.activate']);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await server.api('GET', '/api/v1/apps?limit=200');
    for (const body of [bookmark(''), bookmark('Bad URL', 'not a url'), { label: 'x', signOnMode: 'TELEPATHY' }, { label: 'x' }]) {
      const res = await server.api('POST', '/api/v1/apps', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses.length).toBeGreaterThan(0);
    }
    const after = await server.api('GET', '/api/v1/apps?limit=200');
    expect(after.body.length).toBe(before.body.length);
  });

  it('lists with q and pages with Link rel="next"', async () => {
    for (const n of [1, 2, 3]) await server.api('POST', '/api/v1/apps', bookmark(`Paged ${n}`));
    const labels: string[] = [];
    let next: string | undefined = '/api/v1/apps?q=paged&limit=2';
    while (next) {
      const res = await server.api('GET', next);
      labels.push(...res.body.map((a: any) => a.label));
      const m = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '');
      next = m ? new URL(m[1]).pathname + new URL(m[1]).search : undefined;
    }
    expect(labels).toEqual(['Paged 1', 'Paged 2', 'Paged 3']);
  });

  it('replaces, deactivates and deletes only an inactive app', async () => {
    const { body: created } = await server.api('POST', '/api/v1/apps', bookmark('To delete'));
    const replaced = await server.api('PUT', `/api/v1/apps/${created.id}`, { ...bookmark('Renamed', 'https://example.org/x'), signOnMode: 'BOOKMARK' });
    expect(replaced.body).toMatchObject({ label: 'Renamed', settings: { app: { url: 'https://example.org/x' } } });
    const mode = await server.api('PUT', `/api/v1/apps/${created.id}`, { label: 'Renamed', signOnMode: 'SAML_2_0' });
    expect(mode.status).toBe(400);
    const refused = await server.api('DELETE', `/api/v1/apps/${created.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.errorCode).toBe('E0000056');
    expect((await server.api('POST', `/api/v1/apps/${created.id}/lifecycle/deactivate`)).status).toBe(200);
    expect((await server.api('GET', `/api/v1/apps/${created.id}`)).body.status).toBe('INACTIVE');
    expect((await server.api('DELETE', `/api/v1/apps/${created.id}`)).status).toBe(204);
    expect((await server.api('GET', `/api/v1/apps/${created.id}`)).body.errorCode).toBe('E0000007');
  });

  it('assigns and unassigns users', async () => {
    const { body: created } = await server.api('POST', '/api/v1/apps', bookmark('Assigned'));
    const assigned = await server.api('POST', `/api/v1/apps/${created.id}/users`, { id: userId, scope: 'USER' });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ id: userId, scope: 'USER', status: 'ACTIVE', credentials: { userName: 'app.user@example.com' } });
    expect((await server.api('GET', `/api/v1/apps/${created.id}/users`)).body.map((u: any) => u.id)).toEqual([userId]);
    const unknown = await server.api('POST', `/api/v1/apps/${created.id}/users`, { id: '00unope' });
    expect(unknown.status).toBe(404);
    expect((await server.api('DELETE', `/api/v1/apps/${created.id}/users/${userId}`)).status).toBe(204);
    expect((await server.api('GET', `/api/v1/apps/${created.id}/users/${userId}`)).status).toBe(404);
  });
});
