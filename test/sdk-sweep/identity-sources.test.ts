import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectSweep, sweepFamily, type SweepInput } from './sweep.js';

describe('Okta Node SDK sweep: identity-sources', { timeout: 120_000 }, () => {
  let server: TestServer;
  let input: SweepInput;
  beforeAll(async () => {
    server = await startTestServer();
    const identitySourceId = (await server.api('POST', '/api/v1/apps', { label: 'Sweep HR', signOnMode: 'CUSTOM_IDENTITY_SOURCE', settings: { app: {} } })).body.id;
    const sessionId = (await server.api('POST', `/api/v1/identity-sources/${identitySourceId}/sessions`)).body.id;
    input = { ids: { identitySourceId, sessionId }, bodies: {} };
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented operation as the spec says or with Okta\'s 501 E0000060', async () => {
    await expectSweep(server, await sweepFamily(server, 'identity-sources', input), ['listIdentitySourceSessions', 'getIdentitySourceSession']);
  });
});
