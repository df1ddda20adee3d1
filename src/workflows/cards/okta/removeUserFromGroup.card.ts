import { membershipCard } from './membership.js';

/** Okta connector Remove User from Group: DELETE /api/v1/groups/{groupId}/users/{userId}; Status is Okta's 204. */
export default membershipCard({
  key: 'removeUserFromGroup',
  title: 'Remove User from Group',
  description: 'Remove a user from a group (Okta groups only).',
  method: 'DELETE',
});
