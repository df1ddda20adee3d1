import { lifecycleCard } from './lifecycle.js';

/** Okta connector Deactivate User: POST /api/v1/users/{id}/lifecycle/deactivate?sendEmail=… */
export default lifecycleCard({
  key: 'deactivateUser',
  title: 'Deactivate User',
  description: 'Deactivate a user (the user can no longer sign in).',
  operation: 'deactivate',
  sendEmail: false,
});
