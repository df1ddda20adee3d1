import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { DEFAULT_PASSWORD_SETTINGS } from '../org-defaults.js';

export type PasswordComplexity = typeof DEFAULT_PASSWORD_SETTINGS.password.complexity;

/** The complexity rules of the active PASSWORD policy with the highest priority (Okta's default policy). */
export async function activePasswordComplexity(_ctx: AppContext, db: Executor): Promise<PasswordComplexity> {
  const row = await db.selectFrom('policies').select('settings')
    .where('type', '=', 'PASSWORD').where('status', '=', 'ACTIVE')
    .orderBy('priority', 'asc').executeTakeFirst();
  const settings = row?.settings ? JSON.parse(row.settings) : DEFAULT_PASSWORD_SETTINGS;
  return { ...DEFAULT_PASSWORD_SETTINGS.password.complexity, ...settings?.password?.complexity };
}

/**
 * What a password fails of the complexity rules, as Okta words it (empty when it passes). `profile` is
 * used for `excludeUsername` and `excludeAttributes`.
 */
export function passwordProblems(password: string, rules: PasswordComplexity, profile: Record<string, unknown> = {}): string[] {
  const problems: string[] = [];
  const count = (re: RegExp) => (password.match(re) ?? []).length;
  if (password.length < (rules.minLength ?? 0)) problems.push(`at least ${rules.minLength} characters`);
  if (count(/[a-z]/g) < (rules.minLowerCase ?? 0)) problems.push('a lowercase letter');
  if (count(/[A-Z]/g) < (rules.minUpperCase ?? 0)) problems.push('an uppercase letter');
  if (count(/[0-9]/g) < (rules.minNumber ?? 0)) problems.push('a number');
  if (count(/[^A-Za-z0-9]/g) < (rules.minSymbol ?? 0)) problems.push('a symbol');
  const lower = password.toLowerCase();
  const login = typeof profile.login === 'string' ? profile.login.toLowerCase() : '';
  const username = login.split('@')[0];
  if (rules.excludeUsername && username && lower.includes(username)) problems.push('no parts of your username');
  for (const attr of rules.excludeAttributes ?? []) {
    const v = profile[attr];
    if (typeof v === 'string' && v.length > 0 && lower.includes(v.toLowerCase())) problems.push(`does not include your ${attr}`);
  }
  if (problems.length === 0) return [];
  return [`Password requirements were not met. Password requirements: ${problems.join(', ')}.`];
}

/** Checks a password against the active policy; returns Okta's messages, empty when it passes. */
export async function checkPassword(ctx: AppContext, db: Executor, password: string, profile: Record<string, unknown>): Promise<string[]> {
  return passwordProblems(password, await activePasswordComplexity(ctx, db), profile);
}
