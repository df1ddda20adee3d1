import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectSweep, sweepFamily, unsupportedIds } from './sweep.js';

describe('Okta Node SDK sweep: users', { timeout: 120_000 }, () => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer();
    userId = (await server.api('POST', '/api/v1/users?activate=true', {
      profile: { login: 'sweep.user@example.com', email: 'sweep.user@example.com', firstName: 'Sweep', lastName: 'User' },
      credentials: { password: { value: 'Sunny-Day-42' } },
    })).body.id;
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented user operation as the spec says or with Okta\'s 501', async () => {
    const outcomes = await sweepFamily(server, 'users', {
      ids: { userId, id: userId, idOrLogin: userId },
      bodies: { createUser: { profile: { login: 'sweep.new@example.com', email: 'sweep.new@example.com', firstName: 'New', lastName: 'Sweep' } } },
    });
    await expectSweep(server, outcomes, ['listUsers', 'getUser', 'createUser', 'updateUser', 'replaceUser', 'listUserGroups']);
    expect(unsupportedIds(outcomes)).toContain('listUserBlocks');
  });
});
