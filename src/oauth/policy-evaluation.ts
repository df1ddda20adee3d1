/**
 * Which access policy rule governs a token request (Okta's evaluation): the first ACTIVE policy, by priority,
 * whose clients condition names the client (or ALL_CLIENTS); then its first ACTIVE rule, by priority, whose
 * grant type, people and scopes conditions all match. No rule: the request is denied.
 */
import type { AppContext } from '../platform/context.js';
import type { OAuthPolicyRow, OAuthRuleRow } from './management/policies.service.js';
import type { RuleConditions, TokenActions } from './management/policy-validation.js';

export interface ResolvedRule {
  policy: OAuthPolicyRow;
  rule: OAuthRuleRow;
  token: TokenActions;
}

export interface TokenRequestFacts {
  clientId: string;
  /** The grant type the rule must allow: for a refresh token, the grant that first issued it. */
  grantType: string;
  /** Undefined for client credentials. */
  userId?: string;
  scopes: string[];
}

/** Okta's message when no rule matches. */
export const POLICY_DENIED = 'Policy evaluation failed for this request, please check the policy configurations.';

function peopleMatch(people: Partial<RuleConditions['people']> | undefined, userId: string, groupIds: Set<string>): boolean {
  const users = { include: people?.users?.include ?? [], exclude: people?.users?.exclude ?? [] };
  const groups = { include: people?.groups?.include ?? [], exclude: people?.groups?.exclude ?? [] };
  if (users.exclude.includes(userId) || groups.exclude.some((g) => groupIds.has(g))) return false;
  return users.include.includes(userId) || groups.include.some((g) => g === 'EVERYONE' || groupIds.has(g));
}

export async function resolveTokenRule(ctx: AppContext, serverId: string, facts: TokenRequestFacts): Promise<ResolvedRule | undefined> {
  const policies = await ctx.db.selectFrom('oauth_policies').selectAll().where('server_id', '=', serverId).where('status', '=', 'ACTIVE')
    .orderBy('priority').orderBy('created').execute();
  const policy = policies.find((p) => {
    const include = (JSON.parse(p.conditions) as { clients?: { include?: string[] } }).clients?.include ?? [];
    return include.includes('ALL_CLIENTS') || include.includes(facts.clientId);
  });
  if (!policy) return undefined;
  const rules = await ctx.db.selectFrom('oauth_policy_rules').selectAll().where('policy_id', '=', policy.id).where('status', '=', 'ACTIVE')
    .orderBy('priority').orderBy('created').execute();
  let groupIds: Set<string> | undefined;
  for (const rule of rules) {
    const c = JSON.parse(rule.conditions) as RuleConditions;
    if (!c.grantTypes.include.includes(facts.grantType)) continue;
    if (!c.scopes.include.includes('*') && !facts.scopes.every((s) => c.scopes.include.includes(s))) continue;
    if (facts.userId) {
      groupIds ??= new Set((await ctx.db.selectFrom('group_members').select('group_id').where('user_id', '=', facts.userId).execute()).map((r) => r.group_id));
      if (!peopleMatch(c.people, facts.userId, groupIds)) continue;
    }
    return { policy, rule, token: (JSON.parse(rule.actions) as { token: TokenActions }).token };
  }
  return undefined;
}
