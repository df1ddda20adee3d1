import { defineCard } from '../../engine/card.js';
import { oktaCall, oktaCardExport, requiredText } from './okta-connector.js';
import { APPLICATION_INPUTS, SESSION_ID_INPUT, SESSION_OUTPUTS, identitySourceIdOf, sessionOutputs, sessionsPath } from './import-sessions.js';

/**
 * Okta connector Trigger Import Session: POST …/sessions/{sessionId}/start-import once the users are
 * uploaded; outputs the session (TRIGGERED: Okta imports in the background).
 */
export default defineCard({
  type: 'okta:triggerImportSession',
  title: 'Trigger Import Session',
  description: 'Trigger an import session in Okta that is ready for processing.',
  kind: 'function',
  okta: oktaCardExport('triggerImportSession'),
  inputs: [SESSION_ID_INPUT, ...APPLICATION_INPUTS],
  outputs: SESSION_OUTPUTS,
  async run(ctx) {
    const sessionId = requiredText(ctx, 'sessionId', 'Application', 'Session ID');
    const response = await oktaCall(ctx, 'POST', `${sessionsPath(identitySourceIdOf(ctx), sessionId)}/start-import`);
    return { outputs: sessionOutputs(ctx, response.body) };
  },
});
