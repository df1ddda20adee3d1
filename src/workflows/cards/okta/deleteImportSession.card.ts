import { defineCard } from '../../engine/card.js';
import { oktaCall, oktaCardExport, outputsBy, requiredText } from './okta-connector.js';
import { APPLICATION_INPUTS, SESSION_ID_INPUT, identitySourceIdOf, sessionsPath } from './import-sessions.js';

/**
 * Okta connector Delete Import Session: DELETE …/sessions/{sessionId} (cancels an open session and drops
 * its uploaded data); the output is Okta's status code (204).
 */
export default defineCard({
  type: 'okta:deleteImportSession',
  title: 'Delete Import Session',
  description: 'Delete an open import session of a Custom Identity Source app.',
  kind: 'function',
  okta: oktaCardExport('deleteImportSession'),
  inputs: [SESSION_ID_INPUT, ...APPLICATION_INPUTS],
  outputs: [{ key: 'statusCode', type: 'number', group: 'Response', label: 'Status Code' }],
  async run(ctx) {
    const sessionId = requiredText(ctx, 'sessionId', 'Application', 'Session ID');
    const response = await oktaCall(ctx, 'DELETE', sessionsPath(identitySourceIdOf(ctx), sessionId));
    return { outputs: outputsBy(ctx, (field) => (field.key === 'statusCode' ? response.statusCode : undefined)) };
  },
});
