import { defineCard } from '../../engine/card.js';
import { oktaCall, oktaCardExport, outputsBy } from './okta-connector.js';
import { APPLICATION_INPUTS, SESSION_TYPE, identitySourceIdOf, sessionRecord, sessionsPath } from './import-sessions.js';

/** Okta connector List Import Sessions: GET /api/v1/identity-sources/{appId}/sessions as the Sessions list. */
export default defineCard({
  type: 'okta:listImportSessions',
  title: 'List Import Sessions',
  description: 'List the import sessions of a Custom Identity Source app.',
  kind: 'function',
  okta: oktaCardExport('listImportSessions'),
  inputs: APPLICATION_INPUTS,
  outputs: [{ key: 'Sessions', type: SESSION_TYPE, list: true, group: 'Result' }],
  async run(ctx) {
    const response = await oktaCall(ctx, 'GET', sessionsPath(identitySourceIdOf(ctx)));
    const sessions = Array.isArray(response.body) ? response.body.map(sessionRecord) : [];
    return { outputs: outputsBy(ctx, (field) => (field.key === 'Sessions' ? sessions : undefined)) };
  },
});
