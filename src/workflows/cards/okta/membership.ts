import { defineCard, type CardDeclaration } from '../../engine/card.js';
import { oktaCall, oktaCardExport, outputsBy, requiredText, segment } from './okta-connector.js';

/** Add User to Group and Remove User from Group: PUT or DELETE /api/v1/groups/{groupId}/users/{userId}. */
export function membershipCard(card: { key: 'addNewUserToGroup' | 'removeUserFromGroup'; title: string; description: string; method: 'PUT' | 'DELETE' }): CardDeclaration {
  return defineCard({
    type: `okta:${card.key}`,
    title: card.title,
    description: card.description,
    kind: 'function',
    okta: oktaCardExport(card.key),
    inputs: [
      { key: 'id', type: 'string', group: 'User', label: 'User ID' },
      { key: 'id', type: 'string', group: 'Group', label: 'Group ID' },
    ],
    outputs: [{ key: 'status', type: 'number', group: 'Result', label: 'Status' }],
    async run(ctx) {
      const userId = requiredText(ctx, 'id', 'User', 'User ID');
      const groupId = requiredText(ctx, 'id', 'Group', 'Group ID');
      const response = await oktaCall(ctx, card.method, `/api/v1/groups/${segment(groupId)}/users/${segment(userId)}`);
      return { outputs: outputsBy(ctx, (field) => (field.key === 'status' ? response.statusCode : undefined)) };
    },
  });
}
