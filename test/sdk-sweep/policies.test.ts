import { afterAll, beforeAll, describe, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { expectSweep, sweepFamily, type SweepInput } from './sweep.js';

describe('Okta Node SDK sweep: policies', { timeout: 120_000 }, () => {
  let server: TestServer;
  let input: SweepInput;
  beforeAll(async () => {
    server = await startTestServer();
    const policyId = (await server.api('POST', '/api/v1/policies', { type: 'PASSWORD', name: 'Sweep policy' })).body.id;
    const ruleId = (await server.api('POST', `/api/v1/policies/${policyId}/rules`, { type: 'PASSWORD', name: 'Sweep rule' })).body.id;
    input = { ids: { policyId, ruleId }, bodies: {
      createPolicy: { type: 'PASSWORD', name: 'Sweep created' }, createPolicySimulation: [], replacePolicy: { type: 'PASSWORD', name: 'Sweep policy' },
      createPolicyRule: { type: 'PASSWORD', name: 'Sweep rule 2' }, replacePolicyRule: { type: 'PASSWORD', name: 'Sweep rule' },
    } };
  });
  afterAll(async () => { await server?.close(); });

  it('answers every documented operation as the spec says or with Okta\'s 501 E0000060', async () => {
    await expectSweep(server, await sweepFamily(server, 'policies', input), ['getPolicy', 'createPolicy', 'replacePolicy', 'listPolicyRules', 'getPolicyRule', 'createPolicyRule', 'replacePolicyRule', 'activatePolicy', 'activatePolicyRule']);
  });
});
