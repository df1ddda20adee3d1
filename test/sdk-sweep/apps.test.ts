import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { newUser } from './fixtures.js';
import { expectSweep, sweepFamily, type SweepInput } from './sweep.js';

describe('Okta Node SDK sweep: apps', { timeout: 120_000 }, () => {
  let server: TestServer;
  let input: SweepInput;
  beforeAll(async () => {
    server = await startTestServer();
    const appId = (await server.api('POST', '/api/v1/apps', {
      label: 'Sweep web', signOnMode: 'OPENID_CONNECT',
      settings: { oauthClient: { redirect_uris: ['https://rp.example.com/cb'], grant_types: ['authorization_code'], application_type: 'web' } },
    })).body.id;
    const userId = (await newUser(server)).id;
    const groupId = (await server.api('POST', '/api/v1/groups', { profile: { name: 'Sweep app group' } })).body.id;
    input = { ids: { appId, userId, groupId }, bodies: {
      createApplication: { label: 'Sweep bookmark', signOnMode: 'BOOKMARK', name: 'bookmark', settings: { app: { url: 'https://example.com/' } } },
      assignUserToApplication: { id: userId }, assignGroupToApplication: { priority: 0 },
    } };
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented operation as the spec says or with Okta\'s 501 E0000060', async () => {
    await expectSweep(server, await sweepFamily(server, 'apps', input), ['listApplications', 'getApplication', 'createApplication', 'listApplicationUsers', 'assignUserToApplication', 'getApplicationUser', 'listApplicationGroupAssignments', 'assignGroupToApplication', 'getApplicationGroupAssignment', 'activateApplication']);
  });
});
