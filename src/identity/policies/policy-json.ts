import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { PoliciesTable, PolicyRulesTable } from '../../platform/db/schema.js';
import type { LogTarget } from '../../events/log-event.js';
import type { Policy, PolicyLink, PolicyRule } from './policy.schema.js';

export type PolicyRow = Selectable<PoliciesTable>;
export type PolicyRuleRow = Selectable<PolicyRulesTable>;

/** Policy types Okta lists (`GET /api/v1/policies?type=`). */
export const LISTABLE_POLICY_TYPES = [
  'OKTA_SIGN_ON', 'PASSWORD', 'MFA_ENROLL', 'IDP_DISCOVERY', 'ACCESS_POLICY', 'DEVICE_SIGNAL_COLLECTION',
  'PROFILE_ENROLLMENT', 'POST_AUTH_SESSION', 'ENTITY_RISK',
] as const;

/**
 * Policy types that can be created here, with the type of their rules. PASSWORD and PROFILE_ENROLLMENT are
 * understood and validated; the others are stored as given (Okta's own validation of them is not reproduced).
 */
export const RULE_TYPE_OF: Record<string, string> = {
  PASSWORD: 'PASSWORD',
  PROFILE_ENROLLMENT: 'PROFILE_ENROLLMENT',
  OKTA_SIGN_ON: 'SIGN_ON',
  ACCESS_POLICY: 'ACCESS_POLICY',
  MFA_ENROLL: 'MFA_ENROLL',
};

type Link = PolicyLink;

/** Okta's Policy and PolicyRule JSON (policy.schema.ts). */
export type OktaPolicy = Policy;
export type OktaPolicyRule = PolicyRule;

function parse(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function lifecycleLinks(base: string, status: string, system: boolean): Record<string, Link> {
  if (system) return {};
  return status === 'ACTIVE'
    ? { deactivate: { href: `${base}/lifecycle/deactivate`, hints: { allow: ['POST'] } } }
    : { activate: { href: `${base}/lifecycle/activate`, hints: { allow: ['POST'] } } };
}

/** A stored policy as Okta's Policy JSON. `settings` is present for the types that have settings. */
export function toOktaPolicy(ctx: AppContext, row: PolicyRow): OktaPolicy {
  const self = `${ctx.config.issuer}/api/v1/policies/${row.id}`;
  const system = row.system === 1;
  const policy: OktaPolicy = {
    id: row.id,
    status: row.status,
    name: row.name,
    description: row.description,
    priority: row.priority,
    system,
    conditions: parse(row.conditions),
    created: row.created,
    lastUpdated: row.last_updated,
    _links: {
      self: { href: self, hints: { allow: system ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'] } },
      rules: { href: `${self}/rules`, hints: { allow: ['POST', 'GET'] } },
      ...lifecycleLinks(self, row.status, system),
    },
    type: row.type,
  };
  if (row.settings !== null) policy.settings = parse(row.settings);
  return policy;
}

/** A stored rule as Okta's PolicyRule JSON. */
export function toOktaPolicyRule(ctx: AppContext, row: PolicyRuleRow): OktaPolicyRule {
  const self = `${ctx.config.issuer}/api/v1/policies/${row.policy_id}/rules/${row.id}`;
  const system = row.system === 1;
  return {
    id: row.id,
    status: row.status,
    name: row.name,
    priority: row.priority,
    created: row.created,
    lastUpdated: row.last_updated,
    system,
    conditions: parse(row.conditions),
    actions: JSON.parse(row.actions) as PolicyRule['actions'],
    _links: {
      self: { href: self, hints: { allow: system ? ['GET', 'PUT'] : ['GET', 'PUT', 'DELETE'] } },
      ...lifecycleLinks(self, row.status, system),
    },
    type: row.type,
  };
}

export function policyTarget(row: Pick<PolicyRow, 'id' | 'name' | 'type'>): LogTarget {
  return { id: row.id, type: 'PolicyEntity', alternateId: 'unknown', displayName: row.name, detailEntry: { policyType: row.type } };
}

export function ruleTarget(row: Pick<PolicyRuleRow, 'id' | 'name' | 'type'>): LogTarget {
  return { id: row.id, type: 'PolicyRule', alternateId: 'unknown', displayName: row.name, detailEntry: { policyRuleType: row.type } };
}
