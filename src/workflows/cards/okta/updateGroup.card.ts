import { defineCard } from '../../engine/card.js';
import { isPlainObject } from '../../engine/values/types.js';
import { groupOutputs, oktaCall, oktaCardExport, optionalText, requiredText, segment } from './okta-connector.js';

/**
 * Okta connector Update Group: PUT /api/v1/groups/{id}. Okta's PUT replaces the whole profile, so the
 * card starts from the group's current profile and changes the inputs that hold a value (Name,
 * Description, custom properties by key).
 */
export default defineCard({
  type: 'okta:updateGroup',
  title: 'Update Group',
  description: "Update a group's name, description or custom properties.",
  kind: 'function',
  okta: oktaCardExport('updateGroup'),
  inputs: [
    { key: 'ID', type: 'string', group: 'Group' },
    { key: 'Name', type: 'string', group: 'Group' },
    { key: 'Description', type: 'string', group: 'Group' },
  ],
  outputs: [
    { key: 'ID', type: 'string', group: 'Properties' },
    { key: 'Created', type: 'Date', group: 'Properties' },
    { key: 'Last Updated', type: 'Date', group: 'Properties' },
  ],
  async run(ctx) {
    const id = requiredText(ctx, 'ID', 'Group');
    const current = await oktaCall(ctx, 'GET', `/api/v1/groups/${segment(id)}`);
    const profile: Record<string, unknown> = isPlainObject(current.body) && isPlainObject(current.body.profile) ? { ...current.body.profile } : {};
    const name = optionalText(ctx, 'Name', 'Group');
    const description = optionalText(ctx, 'Description', 'Group');
    if (name !== undefined) profile.name = name;
    if (description !== undefined) profile.description = description;
    for (const { field, value } of ctx.inputs) if (field.group === 'Custom Properties' && value !== null && value !== '') profile[field.key] = value;
    const response = await oktaCall(ctx, 'PUT', `/api/v1/groups/${segment(id)}`, { profile });
    return { outputs: groupOutputs(ctx, response.body) };
  },
});
