import { defineCard } from '../../engine/card.js';
import { applicationIdOf, oktaCall, oktaCardExport, outputsBy, requiredText, segment, withQuery } from './okta-connector.js';

/**
 * Okta connector Remove User from Application: DELETE /api/v1/apps/{appId}/users/{userId}; Status is Okta's 204.
 * Older versions carry "Send Email?" (Okta's `sendEmail`). A user a group grants the app fails with Okta's E0000046.
 */
export default defineCard({
  type: 'okta:removeUserFromApplication',
  title: 'Remove User from Application',
  description: 'Unassign a user from an application.',
  kind: 'function',
  okta: oktaCardExport('removeUserFromApplication'),
  inputs: [
    { key: 'id', type: 'string', group: 'User', label: 'User ID' },
    { key: 'applicationID', type: 'string', group: 'Application', label: 'ID' },
    { key: 'application', type: 'string', group: 'parameters', label: 'Application', value: '-- Enter Application ID --' },
  ],
  outputs: [{ key: 'status', type: 'number', group: 'Result', label: 'Status' }],
  async run(ctx) {
    const userId = requiredText(ctx, 'id', 'User', 'User ID');
    const sendEmail = ctx.input('Send Email?', 'User') === true ? true : undefined;
    const path = withQuery(`/api/v1/apps/${segment(applicationIdOf(ctx))}/users/${segment(userId)}`, { sendEmail });
    const response = await oktaCall(ctx, 'DELETE', path);
    return { outputs: outputsBy(ctx, (field) => (field.key === 'status' ? response.statusCode : undefined)) };
  },
});
