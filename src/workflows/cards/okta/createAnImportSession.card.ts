import { defineCard } from '../../engine/card.js';
import { oktaCall, oktaCardExport } from './okta-connector.js';
import { APPLICATION_INPUTS, SESSION_OUTPUTS, identitySourceIdOf, sessionOutputs, sessionsPath } from './import-sessions.js';

/**
 * Okta connector Create an Import Session: POST /api/v1/identity-sources/{appId}/sessions for a Custom
 * Identity Source app; outputs the new session (Okta refuses a second open session of the same source).
 */
export default defineCard({
  type: 'okta:createAnImportSession',
  title: 'Create an Import Session',
  description: 'Create an import session in Okta for a Custom Identity Source app.',
  kind: 'function',
  okta: oktaCardExport('createAnImportSession'),
  inputs: APPLICATION_INPUTS,
  outputs: SESSION_OUTPUTS,
  async run(ctx) {
    const response = await oktaCall(ctx, 'POST', sessionsPath(identitySourceIdOf(ctx)));
    return { outputs: sessionOutputs(ctx, response.body) };
  },
});
