/**
 * What Okta does with an imported app user before the user import hook sees it (reference §3.5): map the
 * app user profile to an Okta profile, look for existing Okta users that match under the app's rules, and
 * choose the default action (link to the one match, else create).
 */
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import { jsonMember } from '../platform/db/json.js';
import type { MatchRule } from '../apps/csv-import.app-kind.js';

export type AppUserProfile = Record<string, unknown>;
export type ImportAction = 'CREATE_USER' | 'LINK_USER';

/** App user attributes that map to a differently named Okta attribute; the others map to themselves. */
const RENAMED: Record<string, string> = { userName: 'login' };

/**
 * The Okta profile an app user maps to: `userName` → `login`, and every other column that is an attribute
 * of the Okta user schema to the attribute of the same name. Columns Okta does not know (e.g. `externalId`)
 * stay in the app user profile only.
 */
export function mapToOktaProfile(appUser: AppUserProfile, oktaAttributes: Set<string>): Record<string, unknown> {
  const profile: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(appUser)) {
    if (value === undefined || value === null || value === '') continue;
    const target = RENAMED[name] ?? name;
    if (target === 'login' || oktaAttributes.has(target)) profile[target] = value;
  }
  return profile;
}

export interface MatchResult {
  /** Ids of the Okta users that match (`data.context.matches`): this app's earlier link first, then by rule. */
  matches: string[];
  /** Unique Okta attributes whose planned value belongs to another user than the one linked to. */
  conflicts: string[];
  defaultAction: ImportAction;
  /** The user the default action links to. */
  linkedUserId: string | null;
}

function lowerText(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined;
}

/**
 * Matches under the app's rules (any rule matching is a match; comparisons ignore case; deactivated users
 * never match). An app user this app imported before (same `userName`) matches its linked user first.
 */
export async function matchImportedUser(
  ctx: AppContext, db: Executor, appId: string, appUser: AppUserProfile, profile: Record<string, unknown>, rules: MatchRule[],
): Promise<MatchResult> {
  const found: string[] = [];
  const add = (ids: Array<{ id: string }>) => { for (const { id } of ids) if (!found.includes(id)) found.push(id); };

  if (typeof appUser.userName === 'string') {
    add(await db.selectFrom('app_users').select('user_id as id').where('app_id', '=', appId)
      .where(sql<boolean>`${jsonMember(ctx.dialect, 'credentials', 'userName')} = ${appUser.userName}`).execute());
  }
  const active = db.selectFrom('users').select('id').where('status', '!=', 'DEPROVISIONED').orderBy('created').orderBy('id');
  const login = lowerText(profile.login);
  const email = lowerText(profile.email);
  const first = lowerText(profile.firstName);
  const last = lowerText(profile.lastName);
  if (rules.includes('USERNAME') && login) add(await active.where('login_lower', '=', login).execute());
  if (rules.includes('EMAIL') && email) add(await active.where(sql<boolean>`lower(email) = ${email}`).execute());
  if (rules.includes('FIRST_AND_LAST_NAME') && first && last) {
    add(await active.where(sql<boolean>`lower(first_name) = ${first}`).where(sql<boolean>`lower(last_name) = ${last}`).execute());
  }

  const linkedUserId = found.length === 1 ? found[0] : null;
  return { matches: found, conflicts: await conflictsOf(db, profile, linkedUserId), defaultAction: linkedUserId ? 'LINK_USER' : 'CREATE_USER', linkedUserId };
}

/** `['login']` when the planned login already belongs to a user other than `linkedUserId`. */
export async function conflictsOf(db: Executor, profile: Record<string, unknown>, linkedUserId: string | null): Promise<string[]> {
  const login = lowerText(profile.login);
  if (!login) return [];
  let q = db.selectFrom('users').select('id').where('login_lower', '=', login);
  if (linkedUserId) q = q.where('id', '!=', linkedUserId);
  return (await q.executeTakeFirst()) ? ['login'] : [];
}
