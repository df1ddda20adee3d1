import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { newUser } from './fixtures.js';
import { expectSweep, sweepFamily, type SweepInput } from './sweep.js';

describe('Okta Node SDK sweep: groups', { timeout: 120_000 }, () => {
  let server: TestServer;
  let input: SweepInput;
  beforeAll(async () => {
    server = await startTestServer();
    const groupId = (await server.api('POST', '/api/v1/groups', { profile: { name: 'Sweep group' } })).body.id;
    const userId = (await newUser(server)).id;
    input = { ids: { groupId, userId }, bodies: { createGroup: { profile: { name: 'Sweep created' } }, replaceGroup: { profile: { name: 'Sweep renamed' } } } };
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented operation as the spec says or with Okta\'s 501 E0000060', async () => {
    await expectSweep(server, await sweepFamily(server, 'groups', input), ['listGroups', 'getGroup', 'createGroup', 'replaceGroup', 'listGroupUsers', 'assignUserToGroup', 'unassignUserFromGroup', 'listAssignedApplicationsForGroup', 'deleteGroup']);
  });
});
