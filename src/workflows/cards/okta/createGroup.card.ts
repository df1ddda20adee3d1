import { defineCard } from '../../engine/card.js';
import { GROUP_PROFILE_TYPE, groupOutputs, oktaCall, oktaCardExport, optionalText, requiredText } from './okta-connector.js';

/** Okta connector Create Group: POST /api/v1/groups with `profile.name` and `profile.description`. */
export default defineCard({
  type: 'okta:createGroup',
  title: 'Create Group',
  description: 'Create an Okta group.',
  kind: 'function',
  okta: oktaCardExport('createGroup'),
  inputs: [
    { key: 'Name', type: 'string', group: 'Group' },
    { key: 'Description', type: 'string', group: 'Group' },
  ],
  outputs: [
    { key: 'ID', type: 'string', group: 'Properties' },
    { key: 'Created', type: 'Date', group: 'Properties' },
    { key: 'Last Updated', type: 'Date', group: 'Properties' },
    { key: 'Type', type: 'string', group: 'Properties' },
    { key: 'Profile', type: GROUP_PROFILE_TYPE, group: 'Properties' },
    { key: 'Links', type: 'object', group: 'Properties' },
  ],
  async run(ctx) {
    const profile: Record<string, unknown> = { name: requiredText(ctx, 'Name', 'Group') };
    const description = optionalText(ctx, 'Description', 'Group');
    if (description !== undefined) profile.description = description;
    const response = await oktaCall(ctx, 'POST', '/api/v1/groups', { profile });
    return { outputs: groupOutputs(ctx, response.body) };
  },
});
