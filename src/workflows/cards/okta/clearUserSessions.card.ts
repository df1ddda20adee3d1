import { defineCard } from '../../engine/card.js';
import { booleanInput } from '../shared/inputs.js';
import { oktaCall, oktaCardExport, outputsBy, requiredText, segment } from './okta-connector.js';

/**
 * Okta connector Clear User Sessions: DELETE /api/v1/users/{id}/sessions?oauthTokens=… ends every
 * session of the user (and revokes OAuth tokens when asked); the output is Okta's 204.
 */
export default defineCard({
  type: 'okta:clearUserSessions',
  title: 'Clear User Sessions',
  description: "End all of a user's sessions, and optionally revoke their OAuth tokens.",
  kind: 'function',
  okta: oktaCardExport('clearUserSessions'),
  inputs: [
    { key: 'ID', type: 'string', group: 'User' },
    { key: 'Revoke oauthTokens?', type: 'boolean', group: 'User', value: false },
  ],
  outputs: [{ key: 'Status Code', type: 'number', group: 'Output' }],
  async run(ctx) {
    const id = requiredText(ctx, 'ID', 'User');
    const oauthTokens = booleanInput(ctx, 'Revoke oauthTokens?', false);
    const response = await oktaCall(ctx, 'DELETE', `/api/v1/users/${segment(id)}/sessions?oauthTokens=${oauthTokens}`);
    return { outputs: outputsBy(ctx, (field) => (field.key === 'Status Code' ? response.statusCode : undefined)) };
  },
});
