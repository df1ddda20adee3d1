import { defineCard } from '../../engine/card.js';
import { APP_USER_SYSTEM_TYPE, appUserOutputs, applicationIdOf, oktaCall, oktaCardExport, requiredText, segment } from './okta-connector.js';

/**
 * Okta connector Get Assigned User for Application: GET /api/v1/apps/{appId}/users/{userId}; the app user's
 * System Properties by Okta name (User ID, Scope, Sync State, …) and app profile attributes by key.
 */
export default defineCard({
  type: 'okta:getAssignedUserForApplication',
  title: 'Get Assigned User for Application',
  description: "Read a user's assignment to an application: its scope, status, credentials and app profile.",
  kind: 'function',
  okta: oktaCardExport('getAssignedUserForApplication'),
  inputs: [
    { key: 'id', type: 'string', group: 'User', label: 'User ID' },
    { key: 'application', type: 'string', group: 'parameters', label: 'Application', value: '-- Enter Application ID --' },
    { key: 'applicationID', type: 'string', group: 'Application', label: 'ID' },
  ],
  outputs: Object.entries(APP_USER_SYSTEM_TYPE).map(([key, spec]) => ({ key, type: spec.type, group: 'System Properties' })),
  async run(ctx) {
    const userId = requiredText(ctx, 'id', 'User', 'User ID');
    const response = await oktaCall(ctx, 'GET', `/api/v1/apps/${segment(applicationIdOf(ctx))}/users/${segment(userId)}`);
    return { outputs: appUserOutputs(ctx, response.body) };
  },
});
