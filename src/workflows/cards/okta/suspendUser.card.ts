import { lifecycleCard } from './lifecycle.js';

/** Okta connector Suspend User: POST /api/v1/users/{id}/lifecycle/suspend (ACTIVE users only, as Okta). */
export default lifecycleCard({ key: 'suspendUser', title: 'Suspend User', description: 'Suspend an active user.', operation: 'suspend' });
