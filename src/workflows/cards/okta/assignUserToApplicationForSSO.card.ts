import { defineCard } from '../../engine/card.js';
import {
  APP_USER_SYSTEM_TYPE, appUserOutputs, applicationIdOf, oktaCall, oktaCardExport, optionalText, requiredText, segment,
} from './okta-connector.js';

/**
 * Okta connector Assign User to Application for SSO: POST /api/v1/apps/{appId}/users with the user's id,
 * Scope (USER by default) and app credentials; outputs the app user as Get Assigned User does.
 */
export default defineCard({
  type: 'okta:assignUserToApplicationForSSO',
  title: 'Assign User to Application for SSO',
  description: 'Assign a user to an application for single sign-on, with an app username and password.',
  kind: 'function',
  okta: oktaCardExport('assignUserToApplicationForSSO'),
  inputs: [
    { key: 'id', type: 'string', group: 'User', label: 'User ID' },
    { key: 'Username', type: 'string', group: 'Credentials' },
    { key: 'Scope', type: 'string', group: 'User', value: 'USER' },
    { key: 'Password', type: 'string', group: 'Credentials' },
    { key: 'application', type: 'string', group: 'parameters', label: 'Application', value: '-- Enter Application ID --' },
    { key: 'applicationID', type: 'string', group: 'Application', label: 'ID' },
  ],
  outputs: Object.entries(APP_USER_SYSTEM_TYPE).map(([key, spec]) => ({ key, type: spec.type, group: 'System Properties' })),
  async run(ctx) {
    const id = requiredText(ctx, 'id', 'User', 'User ID');
    const userName = optionalText(ctx, 'Username', 'Credentials');
    const password = optionalText(ctx, 'Password', 'Credentials');
    const credentials = userName || password ? { ...(userName ? { userName } : {}), ...(password ? { password: { value: password } } : {}) } : undefined;
    const body = { id, scope: optionalText(ctx, 'Scope', 'User') ?? 'USER', ...(credentials ? { credentials } : {}) };
    const response = await oktaCall(ctx, 'POST', `/api/v1/apps/${segment(applicationIdOf(ctx))}/users`, body);
    return { outputs: appUserOutputs(ctx, response.body) };
  },
});
