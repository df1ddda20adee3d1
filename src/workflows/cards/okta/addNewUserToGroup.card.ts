import { membershipCard } from './membership.js';

/** Okta connector Add User to Group: PUT /api/v1/groups/{groupId}/users/{userId}; Status is Okta's 204. */
export default membershipCard({
  key: 'addNewUserToGroup',
  title: 'Add User to Group',
  description: 'Add a user to a group (Okta groups only).',
  method: 'PUT',
});
