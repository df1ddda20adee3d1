/**
 * What goes into tokens besides what oidc-provider sets: the OIDC standard claims from the user's Okta
 * profile, Okta's own claims (`ver`, `idp`, `cid`, `uid`, `scp`), and the server's custom claims.
 */
import { createHash } from 'node:crypto';
import type { AppContext } from '../platform/context.js';
import type { UsersTable } from '../platform/db/schema.js';
import { evaluateClaimExpression, filterGroups, parseClaimExpression } from './claim-expression.js';
import type { ClaimRow } from './management/claims.service.js';

type UserRow = UsersTable;

/** The scope each OIDC standard claim belongs to (OpenID Connect Core §5.4). */
export const STANDARD_CLAIMS: Record<string, string[]> = {
  openid: ['sub', 'ver', 'idp', 'jti', 'amr'],
  profile: ['name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'zoneinfo', 'locale', 'updated_at'],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number'],
};

/** Okta's `idp` for users it authenticates itself is the org's id: one stable id per Tollgate base URL. */
export function orgIdOf(ctx: AppContext): string {
  const digest = createHash('sha256').update(ctx.config.issuer).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return '00o' + [...digest.subarray(0, 17)].map((b) => alphabet[b % 62]).join('');
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The user's OIDC standard claims from the Okta profile (absent attributes are left out). */
export function standardClaims(ctx: AppContext, user: UserRow): Record<string, unknown> {
  const p = JSON.parse(user.profile) as Record<string, unknown>;
  const name = str(p.displayName) ?? ([str(p.firstName), str(p.lastName)].filter(Boolean).join(' ') || undefined);
  const address = {
    street_address: str(p.streetAddress), locality: str(p.city), region: str(p.state), postal_code: str(p.zipCode), country: str(p.countryCode),
  };
  const claims: Record<string, unknown> = {
    sub: user.id,
    ver: 1,
    idp: orgIdOf(ctx),
    name,
    given_name: str(p.firstName),
    family_name: str(p.lastName),
    middle_name: str(p.middleName),
    nickname: str(p.nickName),
    preferred_username: user.login,
    profile: str(p.profileUrl),
    zoneinfo: str(p.timezone),
    locale: str(p.locale),
    updated_at: Math.floor(Date.parse(user.last_updated) / 1000),
    email: str(p.email),
    email_verified: str(p.email) ? true : undefined,
    phone_number: str(p.mobilePhone) ?? str(p.primaryPhone),
    address: Object.values(address).some(Boolean) ? address : undefined,
  };
  for (const k of Object.keys(claims)) if (claims[k] === undefined) delete claims[k];
  return claims;
}

export async function groupNamesOf(ctx: AppContext, userId: string): Promise<string[]> {
  const rows = await ctx.db.selectFrom('group_members').innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select('groups.name').where('group_members.user_id', '=', userId).execute();
  return ['Everyone', ...rows.map((r) => r.name).filter((n) => n !== 'Everyone')];
}

/** Whether a custom claim applies to a token with these scopes (no scope condition: always). */
export function claimAppliesTo(claim: ClaimRow, scopes: Set<string>): boolean {
  const wanted = (JSON.parse(claim.conditions) as { scopes?: string[] }).scopes ?? [];
  return wanted.length === 0 || wanted.some((s) => scopes.has(s));
}

/**
 * Values of the server's ACTIVE custom claims of one type for a token. A claim that evaluates to nothing is
 * left out, as Okta does; GROUPS claims list the matching group names.
 */
export async function customClaimValues(
  ctx: AppContext, claims: ClaimRow[], input: { user?: UserRow; clientId: string; scopes: Set<string>; includeAll: boolean },
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  let groups: string[] | undefined;
  for (const claim of claims) {
    if (claim.status !== 'ACTIVE' || !claimAppliesTo(claim, input.scopes)) continue;
    if (!input.includeAll && claim.always_include_in_token !== 1) continue;
    if (claim.value_type === 'GROUPS') {
      if (!input.user) continue;
      groups ??= await groupNamesOf(ctx, input.user.id);
      out[claim.name] = filterGroups(groups, claim.group_filter_type, claim.value);
      continue;
    }
    const terms = parseClaimExpression(claim.value);
    if ('error' in terms) continue;
    if (input.user && terms.some((t) => t.kind === 'memberOf')) groups ??= await groupNamesOf(ctx, input.user.id);
    const value = evaluateClaimExpression(terms, {
      profile: input.user ? JSON.parse(input.user.profile) as Record<string, unknown> : null,
      userId: input.user?.id ?? null,
      clientId: input.clientId,
      groupNames: groups ?? [],
    });
    if (value !== undefined && value !== null) out[claim.name] = value;
  }
  return out;
}
