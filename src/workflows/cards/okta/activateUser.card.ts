import { lifecycleCard } from './lifecycle.js';

/** Okta connector Activate User: POST /api/v1/users/{id}/lifecycle/activate?sendEmail=… */
export default lifecycleCard({
  key: 'activateUser',
  title: 'Activate User',
  description: 'Activate a staged or deactivated user.',
  operation: 'activate',
  sendEmail: true,
});
