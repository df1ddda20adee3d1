import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectSweep, sweepFamily, type SweepInput } from './sweep.js';

describe('Okta Node SDK sweep: authorization-servers', { timeout: 120_000 }, () => {
  let server: TestServer;
  let input: SweepInput;
  beforeAll(async () => {
    server = await startTestServer();
    const authServerId = 'default';
    const policyId = (await server.api('GET', '/api/v1/authorizationServers/default/policies')).body[0].id;
    const ruleId = (await server.api('GET', `/api/v1/authorizationServers/default/policies/${policyId}/rules`)).body[0].id;
    const scopeId = (await server.api('POST', '/api/v1/authorizationServers/default/scopes', { name: 'sweep:read' })).body.id;
    const claimId = (await server.api('POST', '/api/v1/authorizationServers/default/claims', { name: 'sweep', status: 'ACTIVE', claimType: 'RESOURCE', valueType: 'EXPRESSION', value: '"x"', conditions: { scopes: [] } })).body.id;
    const keyId = (await server.api('GET', '/api/v1/authorizationServers/default/credentials/keys')).body[0].kid;
    input = { ids: { authServerId, policyId, ruleId, scopeId, claimId, keyId }, bodies: {
      createAuthorizationServer: { name: 'Sweep AS', description: 'x', audiences: ['api://sweep'] },
      createOAuth2Scope: { name: 'sweep:write' },
    } };
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented operation as the spec says or with Okta\'s 501 E0000060', async () => {
    await expectSweep(server, await sweepFamily(server, 'authorization-servers', input), ['listAuthorizationServers', 'getAuthorizationServer', 'createAuthorizationServer', 'listOAuth2Scopes', 'getOAuth2Scope', 'createOAuth2Scope', 'listOAuth2Claims', 'getOAuth2Claim', 'listAuthorizationServerPolicies', 'getAuthorizationServerPolicy', 'listAuthorizationServerPolicyRules', 'getAuthorizationServerPolicyRule', 'listAuthorizationServerKeys']);
  });
});
