import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { hashToken } from '../platform/crypto.js';
import { newId, randomBase62 } from '../platform/ids.js';
import { hashPassword } from '../platform/password.js';
import { createApiToken } from './api-tokens/api-tokens.service.js';

export const ADMIN_LOGIN = 'admin@localhost';
export const EVERYONE_GROUP_NAME = 'Everyone';

/** Okta's default password complexity (the "Default Policy" of a new org). */
export const DEFAULT_PASSWORD_SETTINGS = {
  password: {
    complexity: {
      minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0,
      excludeUsername: true, excludeAttributes: [] as string[], dictionary: { common: { exclude: false } },
    },
    age: { maxAgeDays: 0, expireWarnDays: 0, minAgeMinutes: 0, historyCount: 0 },
    // Okta's default never auto-unlocks (0); ours unlocks after 15 minutes so that anyone who can type a
    // login cannot keep that account (the admin's included) locked out for good. Set 0 to unlock by hand only.
    lockout: { maxAttempts: 10, autoUnlockMinutes: 15, showLockoutFailures: false, userLockoutNotificationChannels: [] as string[] },
  },
  recovery: { factors: { recovery_question: { status: 'ACTIVE', properties: { complexity: { minLength: 4 } } } } },
  delegation: { options: { skipUnlock: false } },
};

/**
 * Okta's sign-up form of a new org: Email, First name and Last name, all required (the default user schema
 * requires all three, so a form without the names could register nobody).
 */
export const DEFAULT_PROFILE_ATTRIBUTES = [
  { name: 'email', label: 'Email', required: true },
  { name: 'firstName', label: 'First name', required: true },
  { name: 'lastName', label: 'Last name', required: true },
];

/**
 * Okta's default user profile policy rule: self-service registration denied (`unknownUserAction: DENY`)
 * until an admin allows it (Admin Console "Sign-up: Allowed", i.e. `unknownUserAction: REGISTER`).
 */
export const DEFAULT_PROFILE_ENROLLMENT_ACTION = {
  access: 'ALLOW',
  preRegistrationInlineHooks: null,
  profileAttributes: DEFAULT_PROFILE_ATTRIBUTES,
  targetGroupIds: null,
  unknownUserAction: 'DENY',
  activationRequirements: { emailVerification: true },
  progressiveProfilingAction: 'DISABLED',
  enrollAuthenticatorTypes: ['password'],
  allowedIdentifiers: ['login'],
};

/**
 * Creates what every org has from its first start: the default user type and schema, the Everyone group,
 * the default password and user profile policies. Idempotent.
 */
export async function ensureOrgDefaults(ctx: AppContext): Promise<void> {
  const existing = await ctx.db.selectFrom('user_types').select('id').where('is_default', '=', 1).executeTakeFirst();
  if (existing) return;
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('user_types').values({
      id: newId('userType'), name: 'user', display_name: 'User', description: 'Okta user profile template with default permission settings',
      is_default: 1, created: now, last_updated: now, created_by: null, last_updated_by: null,
    }).execute();
    await trx.insertInto('user_schemas').values({ id: 'default', custom: JSON.stringify({ id: '#custom', type: 'object', properties: {}, required: [] }), base_overrides: '{}', created: now, last_updated: now }).execute();
    const everyone = newId('group');
    await trx.insertInto('groups').values({
      id: everyone, type: 'BUILT_IN', name: EVERYONE_GROUP_NAME, name_lower: EVERYONE_GROUP_NAME.toLowerCase(),
      description: 'All users in your organization', profile: JSON.stringify({ name: EVERYONE_GROUP_NAME, description: 'All users in your organization' }),
      created: now, last_updated: now, last_membership_updated: now,
    }).execute();
    await insertPolicy(trx, now, {
      type: 'PASSWORD', name: 'Default Policy', description: 'The default policy applies in all situations if no other policy applies.',
      conditions: { people: { groups: { include: [everyone] } }, authProvider: { provider: 'OKTA' } },
      settings: DEFAULT_PASSWORD_SETTINGS,
      rule: { name: 'Default Rule', type: 'PASSWORD', conditions: { people: { users: { exclude: [] } }, network: { connection: 'ANYWHERE' } },
        actions: { passwordChange: { access: 'ALLOW' }, selfServicePasswordReset: { access: 'ALLOW' }, selfServiceUnlock: { access: 'DENY' } } },
    });
    await insertPolicy(trx, now, {
      type: 'PROFILE_ENROLLMENT', name: 'Default Policy', description: null, conditions: null, settings: null,
      rule: { name: 'Catch-all Rule', type: 'PROFILE_ENROLLMENT', conditions: null, actions: { profileEnrollment: DEFAULT_PROFILE_ENROLLMENT_ACTION } },
    });
  });
}

async function insertPolicy(db: Executor, now: string, p: {
  type: string; name: string; description: string | null; conditions: unknown; settings: unknown;
  rule: { name: string; type: string; conditions: unknown; actions: unknown };
}): Promise<void> {
  const policyId = newId('policy');
  await db.insertInto('policies').values({
    id: policyId, type: p.type, name: p.name, description: p.description, status: 'ACTIVE', priority: 1, system: 1,
    conditions: p.conditions === null ? null : JSON.stringify(p.conditions), settings: p.settings === null ? null : JSON.stringify(p.settings),
    created: now, last_updated: now,
  }).execute();
  await db.insertInto('policy_rules').values({
    id: newId('policyRule'), policy_id: policyId, name: p.rule.name, type: p.rule.type, status: 'ACTIVE', priority: 1, system: 1,
    conditions: p.rule.conditions === null ? null : JSON.stringify(p.rule.conditions), actions: JSON.stringify(p.rule.actions),
    created: now, last_updated: now,
  }).execute();
}

export interface AdminCredentials {
  login: string;
  /** Set only when generated at this start (to be printed once). */
  password?: string;
  /** Set only when created at this start. */
  token?: string;
}

/** Creates the first admin (`admin@localhost`) and its API token when they do not exist yet. */
export async function ensureFirstAdmin(ctx: AppContext): Promise<AdminCredentials> {
  const result: AdminCredentials = { login: ADMIN_LOGIN };
  const now = ctx.clock().toISOString();
  let admin = await ctx.db.selectFrom('users').select('id').where('login_lower', '=', ADMIN_LOGIN).executeTakeFirst();
  if (!admin) {
    const password = ctx.config.adminPassword ?? `Tg-${randomBase62(18)}`;
    if (!ctx.config.adminPassword) result.password = password;
    const type = await ctx.db.selectFrom('user_types').select('id').where('is_default', '=', 1).executeTakeFirstOrThrow();
    const id = newId('user');
    const profile = { firstName: 'Tollgate', lastName: 'Admin', email: ADMIN_LOGIN, login: ADMIN_LOGIN, mobilePhone: null, secondEmail: null };
    await ctx.db.insertInto('users').values({
      id, status: 'ACTIVE', transitioning_to_status: null, login_lower: ADMIN_LOGIN, login: ADMIN_LOGIN, email: ADMIN_LOGIN,
      first_name: 'Tollgate', last_name: 'Admin', type_id: type.id, profile: JSON.stringify(profile), password_hash: await hashPassword(password),
      password_hook: 0, recovery_question: null, provider_type: 'OKTA', provider_name: 'OKTA', failed_logins: 0, admin: 1,
      created: now, activated: now, status_changed: now, last_login: null, last_updated: now, password_changed: now,
    }).execute();
    admin = { id };
  }
  const wanted = ctx.config.adminToken;
  if (wanted) {
    const known = await ctx.db.selectFrom('api_tokens').select('id').where('token_hash', '=', hashToken(wanted)).executeTakeFirst();
    if (!known) { await createApiToken(ctx, ctx.db, { name: 'TOLLGATE_ADMIN_TOKEN', userId: admin.id, value: wanted }); result.token = wanted; }
  } else {
    const any = await ctx.db.selectFrom('api_tokens').select('id').where('user_id', '=', admin.id).executeTakeFirst();
    if (!any) result.token = await createApiToken(ctx, ctx.db, { name: 'First admin token', userId: admin.id });
  }
  return result;
}
