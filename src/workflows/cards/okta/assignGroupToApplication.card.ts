import { defineCard } from '../../engine/card.js';
import { appGroupRecord, applicationIdOf, oktaCall, oktaCardExport, outputsBy, requiredText, segment } from './okta-connector.js';

/**
 * Okta connector Assign Group to Application: PUT /api/v1/apps/{appId}/groups/{groupId}; the group's members
 * become app users. Outputs the assignment (ID, Last Updated, Priority, Links, Profile) in the Group group.
 */
export default defineCard({
  type: 'okta:assignGroupToApplication',
  title: 'Assign Group to Application',
  description: 'Assign a group to an application, so that its members are assigned to it.',
  kind: 'function',
  okta: oktaCardExport('assignGroupToApplication'),
  inputs: [
    { key: 'groupID', type: 'string', group: 'Group', label: 'ID' },
    { key: 'applicationID', type: 'string', group: 'Application', label: 'ID' },
    { key: 'application', type: 'string', group: 'parameters', label: 'Application', value: '-- Enter Application ID --' },
  ],
  outputs: [
    { key: 'ID', type: 'string', group: 'Group' },
    { key: 'Last Updated', type: 'Date', group: 'Group' },
    { key: 'Priority', type: 'number', group: 'Group' },
    { key: 'Links', type: 'object', group: 'Group' },
    { key: 'Profile', type: 'object', group: 'Group' },
  ],
  async run(ctx) {
    const groupId = requiredText(ctx, 'groupID', 'Group', 'Group ID');
    const response = await oktaCall(ctx, 'PUT', `/api/v1/apps/${segment(applicationIdOf(ctx))}/groups/${segment(groupId)}`, {});
    const record = appGroupRecord(response.body);
    return { outputs: outputsBy(ctx, (field) => (Object.hasOwn(record, field.key) ? record[field.key] : undefined)) };
  },
});
