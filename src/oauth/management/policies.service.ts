/**
 * Access policies of an authorization server (`OAUTH_AUTHORIZATION_POLICY`) and their `RESOURCE_ACCESS` rules:
 * which clients, people, grant types and scopes get tokens, their lifetimes, and the token inline hook.
 */
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { OAuthPoliciesTable, OAuthPolicyRulesTable } from '../../platform/db/tables/oauth.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext, LogTarget } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { reprioritize } from '../../identity/policies/priority.js';
import { newOAuthId } from '../oauth-ids.js';
import { getServerOrThrow } from './servers.service.js';
import { validatePolicyInput, validateRuleInput, type PolicyInput, type RuleInput } from './policy-validation.js';

export type OAuthPolicyRow = Selectable<OAuthPoliciesTable>;
export type OAuthRuleRow = Selectable<OAuthPolicyRulesTable>;
export type { PolicyInput, RuleInput };

function policyTarget(row: Pick<OAuthPolicyRow, 'id' | 'name'>): LogTarget {
  return { id: row.id, type: 'PolicyEntity', alternateId: 'unknown', displayName: row.name };
}

function ruleTarget(row: Pick<OAuthRuleRow, 'id' | 'name'>): LogTarget {
  return { id: row.id, type: 'PolicyRule', alternateId: 'unknown', displayName: row.name };
}

function lifecycleLinks(self: string, status: string) {
  return status === 'ACTIVE'
    ? { deactivate: { href: `${self}/lifecycle/deactivate`, hints: { allow: ['POST'] } } }
    : { activate: { href: `${self}/lifecycle/activate`, hints: { allow: ['POST'] } } };
}

export function toOktaPolicy(ctx: AppContext, row: OAuthPolicyRow): Record<string, unknown> {
  const self = `${ctx.config.issuer}/api/v1/authorizationServers/${row.server_id}/policies/${row.id}`;
  return {
    type: 'OAUTH_AUTHORIZATION_POLICY',
    id: row.id,
    status: row.status,
    name: row.name,
    description: row.description,
    priority: row.priority,
    system: row.system === 1,
    conditions: JSON.parse(row.conditions),
    created: row.created,
    lastUpdated: row.last_updated,
    _links: {
      self: { href: self, hints: { allow: ['GET', 'PUT', 'DELETE'] } },
      ...lifecycleLinks(self, row.status),
      rules: { href: `${self}/rules`, hints: { allow: ['GET'] } },
    },
  };
}

export function toOktaRule(ctx: AppContext, row: OAuthRuleRow): Record<string, unknown> {
  const self = `${ctx.config.issuer}/api/v1/authorizationServers/${row.server_id}/policies/${row.policy_id}/rules/${row.id}`;
  return {
    type: 'RESOURCE_ACCESS',
    id: row.id,
    status: row.status,
    name: row.name,
    priority: row.priority,
    created: row.created,
    lastUpdated: row.last_updated,
    system: row.system === 1,
    conditions: JSON.parse(row.conditions),
    actions: JSON.parse(row.actions),
    _links: { self: { href: self, hints: { allow: ['GET', 'PUT', 'DELETE'] } }, ...lifecycleLinks(self, row.status) },
  };
}

export async function listPolicyRows(db: Executor, serverId: string): Promise<OAuthPolicyRow[]> {
  return db.selectFrom('oauth_policies').selectAll().where('server_id', '=', serverId).orderBy('priority').orderBy('created').execute();
}

export async function listRuleRows(db: Executor, policyId: string): Promise<OAuthRuleRow[]> {
  return db.selectFrom('oauth_policy_rules').selectAll().where('policy_id', '=', policyId).orderBy('priority').orderBy('created').execute();
}

export async function getPolicyOrThrow(db: Executor, serverId: string, policyId: string): Promise<OAuthPolicyRow> {
  const row = await db.selectFrom('oauth_policies').selectAll().where('server_id', '=', serverId).where('id', '=', policyId).executeTakeFirst();
  if (!row) throw errors.notFound('Policy', policyId);
  return row;
}

export async function getRuleOrThrow(db: Executor, serverId: string, policyId: string, ruleId: string): Promise<OAuthRuleRow> {
  await getPolicyOrThrow(db, serverId, policyId);
  const row = await db.selectFrom('oauth_policy_rules').selectAll().where('policy_id', '=', policyId).where('id', '=', ruleId).executeTakeFirst();
  if (!row) throw errors.notFound('PolicyRule', ruleId);
  return row;
}

async function applyPriorities(db: Executor, table: 'oauth_policies' | 'oauth_policy_rules', changes: Map<string, number>, skipId: string): Promise<void> {
  for (const [id, priority] of changes) {
    if (id !== skipId) await db.updateTable(table).set({ priority }).where('id', '=', id).execute();
  }
}

export async function createPolicy(ctx: AppContext, audit: AuditContext, serverId: string, input: PolicyInput): Promise<OAuthPolicyRow> {
  await getServerOrThrow(ctx.db, serverId);
  const v = validatePolicyInput(input);
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const id = newOAuthId('policy');
    const changes = reprioritize(await listPolicyRows(trx, serverId), { id, system: 0 }, input.priority);
    const row: OAuthPolicyRow = {
      id, server_id: serverId, name: v.name, description: v.description, status: v.status, priority: changes.get(id) ?? 1, system: 0,
      conditions: JSON.stringify(v.conditions), created: now, last_updated: now,
    };
    await trx.insertInto('oauth_policies').values(row).execute();
    await applyPriorities(trx, 'oauth_policies', changes, id);
    await recordEvent(ctx, trx, audit, { eventType: 'policy.lifecycle.create', displayMessage: 'Create policy', target: [policyTarget(row)] });
    return row;
  });
}

export async function replacePolicy(ctx: AppContext, audit: AuditContext, serverId: string, policyId: string, input: PolicyInput): Promise<OAuthPolicyRow> {
  const existing = await getPolicyOrThrow(ctx.db, serverId, policyId);
  const v = validatePolicyInput(input, existing.status);
  return ctx.db.transaction().execute(async (trx) => {
    const changes = reprioritize(await listPolicyRows(trx, serverId), { id: policyId, system: existing.system }, input.priority ?? existing.priority);
    const next: OAuthPolicyRow = {
      ...existing, name: v.name, description: v.description, status: v.status, conditions: JSON.stringify(v.conditions),
      priority: changes.get(policyId) ?? existing.priority, last_updated: ctx.clock().toISOString(),
    };
    await trx.updateTable('oauth_policies').set(next).where('id', '=', policyId).execute();
    await applyPriorities(trx, 'oauth_policies', changes, policyId);
    await recordEvent(ctx, trx, audit, { eventType: 'policy.lifecycle.update', displayMessage: 'Update policy', target: [policyTarget(next)] });
    return next;
  });
}

export async function deletePolicy(ctx: AppContext, audit: AuditContext, serverId: string, policyId: string): Promise<void> {
  const row = await getPolicyOrThrow(ctx.db, serverId, policyId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('oauth_policy_rules').where('policy_id', '=', policyId).execute();
    await trx.deleteFrom('oauth_policies').where('id', '=', policyId).execute();
    const rest = await listPolicyRows(trx, serverId);
    await applyPriorities(trx, 'oauth_policies', new Map(rest.map((r, i) => [r.id, i + 1])), '');
    await recordEvent(ctx, trx, audit, { eventType: 'policy.lifecycle.delete', displayMessage: 'Delete policy', target: [policyTarget(row)] });
  });
}

export async function setPolicyStatus(ctx: AppContext, audit: AuditContext, serverId: string, policyId: string, status: 'ACTIVE' | 'INACTIVE'): Promise<void> {
  const row = await getPolicyOrThrow(ctx.db, serverId, policyId);
  if (row.status === status) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('oauth_policies').set({ status, last_updated: ctx.clock().toISOString() }).where('id', '=', policyId).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'policy.lifecycle.activate' : 'policy.lifecycle.deactivate',
      displayMessage: status === 'ACTIVE' ? 'Activate policy' : 'Deactivate policy', target: [policyTarget(row)],
    });
  });
}

export async function createRule(ctx: AppContext, audit: AuditContext, serverId: string, policyId: string, input: RuleInput): Promise<OAuthRuleRow> {
  const policy = await getPolicyOrThrow(ctx.db, serverId, policyId);
  const v = await validateRuleInput(ctx, serverId, input);
  const now = ctx.clock().toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const id = newOAuthId('rule');
    const changes = reprioritize(await listRuleRows(trx, policyId), { id, system: 0 }, input.priority);
    const row: OAuthRuleRow = {
      id, policy_id: policyId, server_id: serverId, name: v.name, status: v.status, priority: changes.get(id) ?? 1, system: 0,
      conditions: JSON.stringify(v.conditions), actions: JSON.stringify(v.actions), created: now, last_updated: now,
    };
    await trx.insertInto('oauth_policy_rules').values(row).execute();
    await applyPriorities(trx, 'oauth_policy_rules', changes, id);
    await recordEvent(ctx, trx, audit, { eventType: 'policy.rule.add', displayMessage: 'Add policy rule', target: [policyTarget(policy), ruleTarget(row)] });
    return row;
  });
}

export async function replaceRule(ctx: AppContext, audit: AuditContext, serverId: string, policyId: string, ruleId: string, input: RuleInput): Promise<OAuthRuleRow> {
  const existing = await getRuleOrThrow(ctx.db, serverId, policyId, ruleId);
  const policy = await getPolicyOrThrow(ctx.db, serverId, policyId);
  const v = await validateRuleInput(ctx, serverId, input, existing.status);
  return ctx.db.transaction().execute(async (trx) => {
    const changes = reprioritize(await listRuleRows(trx, policyId), { id: ruleId, system: existing.system }, input.priority ?? existing.priority);
    const next: OAuthRuleRow = {
      ...existing, name: v.name, status: v.status, conditions: JSON.stringify(v.conditions), actions: JSON.stringify(v.actions),
      priority: changes.get(ruleId) ?? existing.priority, last_updated: ctx.clock().toISOString(),
    };
    await trx.updateTable('oauth_policy_rules').set(next).where('id', '=', ruleId).execute();
    await applyPriorities(trx, 'oauth_policy_rules', changes, ruleId);
    await recordEvent(ctx, trx, audit, { eventType: 'policy.rule.update', displayMessage: 'Update policy rule', target: [policyTarget(policy), ruleTarget(next)] });
    return next;
  });
}

export async function deleteRule(ctx: AppContext, audit: AuditContext, serverId: string, policyId: string, ruleId: string): Promise<void> {
  const row = await getRuleOrThrow(ctx.db, serverId, policyId, ruleId);
  const policy = await getPolicyOrThrow(ctx.db, serverId, policyId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('oauth_policy_rules').where('id', '=', ruleId).execute();
    const rest = await listRuleRows(trx, policyId);
    await applyPriorities(trx, 'oauth_policy_rules', new Map(rest.map((r, i) => [r.id, i + 1])), '');
    await recordEvent(ctx, trx, audit, { eventType: 'policy.rule.delete', displayMessage: 'Delete policy rule', target: [policyTarget(policy), ruleTarget(row)] });
  });
}

export async function setRuleStatus(ctx: AppContext, audit: AuditContext, serverId: string, policyId: string, ruleId: string, status: 'ACTIVE' | 'INACTIVE'): Promise<void> {
  const row = await getRuleOrThrow(ctx.db, serverId, policyId, ruleId);
  const policy = await getPolicyOrThrow(ctx.db, serverId, policyId);
  if (row.status === status) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('oauth_policy_rules').set({ status, last_updated: ctx.clock().toISOString() }).where('id', '=', ruleId).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'policy.rule.activate' : 'policy.rule.deactivate',
      displayMessage: status === 'ACTIVE' ? 'Activate policy rule' : 'Deactivate policy rule', target: [policyTarget(policy), ruleTarget(row)],
    });
  });
}
