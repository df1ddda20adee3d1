import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('server start', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server?.close(); });

  it('answers health', async () => {
    const res = await fetch(server.url + '/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('refuses the management API without a token, with Okta E0000011', async () => {
    const res = await fetch(server.url + '/api/v1/users');
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorCauses: [] });
    expect(body.errorId).toMatch(/^oae/);
  });

  it('refuses a wrong token', async () => {
    const res = await fetch(server.url + '/api/v1/users', { headers: { authorization: 'SSWS 00wrongwrongwrong' } });
    expect(res.status).toBe(401);
    expect((await res.json()).errorCode).toBe('E0000011');
  });

  it('answers unknown API paths with E0000007', async () => {
    const res = await server.api('GET', '/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.errorCode).toBe('E0000007');
  });
});
