import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectSweep, sweepFamily, type SweepInput } from './sweep.js';

describe('Okta Node SDK sweep: user-types', { timeout: 120_000 }, () => {
  let server: TestServer;
  let input: SweepInput;
  beforeAll(async () => {
    server = await startTestServer();
    const typeId = (await server.api('POST', '/api/v1/meta/types/user', { name: 'sweeper', displayName: 'Sweeper', description: 'Sweep type' })).body.id;
    input = { ids: { typeId }, bodies: {
      createUserType: { name: 'sweepnew', displayName: 'Sweep new', description: 'x' },
      updateUserType: { displayName: 'Sweeper 2' },
    }, params: { replaceUserType: { userType: { name: 'sweeper', displayName: 'Sweeper 3', description: 'y' } } } };
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented operation as the spec says or with Okta\'s 501 E0000060', async () => {
    await expectSweep(server, await sweepFamily(server, 'user-types', input), ['listUserTypes', 'getUserType', 'createUserType', 'updateUserType', 'replaceUserType', 'deleteUserType']);
  });
});
