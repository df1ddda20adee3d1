import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { DEFAULT_PROFILE_ENROLLMENT_ACTION } from '../org-defaults.js';

export interface ProfileEnrollmentAction {
  access: 'ALLOW' | 'DENY';
  unknownUserAction: 'REGISTER' | 'DENY';
  profileAttributes: Array<{ name: string; label: string; required: boolean }>;
  targetGroupIds: string[] | null;
  preRegistrationInlineHooks: Array<{ inlineHookId: string }> | null;
  activationRequirements?: { emailVerification: boolean };
  progressiveProfilingAction?: 'ENABLED' | 'DISABLED';
  enrollAuthenticatorTypes?: string[];
  allowedIdentifiers?: string[];
  uiSchemaId?: string;
}

export interface ProfileEnrollment {
  policy: { id: string; name: string };
  rule: { id: string; name: string };
  action: ProfileEnrollmentAction;
}

/**
 * The profile enrollment (user profile) policy that applies to self-service registration: the given policy
 * when `policyId` is set, else the active PROFILE_ENROLLMENT policy with the lowest priority number; with its
 * first active rule's `actions.profileEnrollment`. Undefined when there is no such active policy or rule.
 */
export async function getProfileEnrollment(_ctx: AppContext, db: Executor, policyId?: string): Promise<ProfileEnrollment | undefined> {
  let query = db.selectFrom('policies').select(['id', 'name'])
    .where('type', '=', 'PROFILE_ENROLLMENT').where('status', '=', 'ACTIVE');
  if (policyId !== undefined) query = query.where('id', '=', policyId);
  const policy = await query.orderBy('priority', 'asc').orderBy('created', 'asc').executeTakeFirst();
  if (!policy) return undefined;
  const rule = await db.selectFrom('policy_rules').select(['id', 'name', 'actions'])
    .where('policy_id', '=', policy.id).where('status', '=', 'ACTIVE')
    .orderBy('priority', 'asc').orderBy('created', 'asc').executeTakeFirst();
  if (!rule) return undefined;
  const stored = (JSON.parse(rule.actions) as { profileEnrollment?: Partial<ProfileEnrollmentAction> }).profileEnrollment ?? {};
  const action = { ...DEFAULT_PROFILE_ENROLLMENT_ACTION, ...stored } as ProfileEnrollmentAction;
  return { policy: { id: policy.id, name: policy.name }, rule: { id: rule.id, name: rule.name }, action };
}
