import { lifecycleCard } from './lifecycle.js';

/** Okta connector Unsuspend User: POST /api/v1/users/{id}/lifecycle/unsuspend (SUSPENDED users only, as Okta). */
export default lifecycleCard({ key: 'unsuspendUser', title: 'Unsuspend User', description: 'Unsuspend a suspended user.', operation: 'unsuspend' });
