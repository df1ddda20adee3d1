import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { checkFormReachesRequired } from './enrollment-form.js';
import { getPolicyOrThrow } from './policies.service.js';
import { policyTarget, ruleTarget, RULE_TYPE_OF, type PolicyRow, type PolicyRuleRow } from './policy-json.js';
import {
  Causes, checkNameAndDescription, isObject, NEW_PROFILE_ENROLLMENT_ACTION, passwordRuleActions, passwordRuleConditions,
  profileEnrollmentAction, type Json,
} from './policy-validation.js';
import { applyPriorities, reprioritize } from './priority.js';

export type PolicyRuleInput = Record<string, unknown>;

export async function listRuleRows(ctx: AppContext, policyId: string): Promise<PolicyRuleRow[]> {
  await getPolicyOrThrow(ctx.db, policyId);
  return ctx.db.selectFrom('policy_rules').selectAll().where('policy_id', '=', policyId).orderBy('priority').orderBy('created').execute();
}

export async function getRuleOrThrow(db: Executor, policyId: string, ruleId: string): Promise<PolicyRuleRow> {
  await getPolicyOrThrow(db, policyId);
  const row = await db.selectFrom('policy_rules').selectAll().where('policy_id', '=', policyId).where('id', '=', ruleId).executeTakeFirst();
  if (!row) throw errors.notFound('PolicyRule', ruleId);
  return row;
}

async function assertRuleNameFree(db: Executor, policyId: string, name: string, exceptId?: string): Promise<void> {
  let q = db.selectFrom('policy_rules').select('id').where('policy_id', '=', policyId).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw errors.validation('name', ['name: Policy rule name already in use']);
}

function parsed(text: string | null): Json {
  const v: unknown = text === null ? null : JSON.parse(text);
  return isObject(v) ? v : {};
}

/** Validates the type-specific parts of a rule body against its policy; returns what to store. */
async function ruleContent(ctx: AppContext, causes: Causes, db: Executor, policy: PolicyRow, body: PolicyRuleInput, existing?: PolicyRuleRow): Promise<{ conditions: unknown; actions: unknown }> {
  switch (policy.type) {
    case 'PASSWORD':
      return { conditions: passwordRuleConditions(causes, body.conditions), actions: passwordRuleActions(causes, body.actions) };
    case 'PROFILE_ENROLLMENT': {
      if (body.conditions !== undefined && body.conditions !== null) causes.add('conditions', "Policy rule conditions aren't supported for this policy type");
      if (body.actions !== undefined && body.actions !== null && !isObject(body.actions)) {
        causes.add('actions', 'The field must be an object');
        return { conditions: null, actions: {} };
      }
      const current = (existing ? parsed(existing.actions).profileEnrollment : undefined) ?? NEW_PROFILE_ENROLLMENT_ACTION;
      const given = isObject(body.actions) ? body.actions.profileEnrollment : undefined;
      const action = await profileEnrollmentAction(causes, db, given, current as Json);
      const formTouched = isObject(given) && ['profileAttributes', 'unknownUserAction', 'preRegistrationInlineHooks'].some((k) => given[k] !== undefined);
      // Checked once the form itself is valid, so its causes come first and alone.
      if (formTouched && causes.empty && action.unknownUserAction === 'REGISTER') {
        await checkFormReachesRequired(ctx, db, causes, 'actions.profileEnrollment.profileAttributes', action);
      }
      return { conditions: null, actions: { profileEnrollment: action } };
    }
    default:
      if (body.conditions !== undefined && body.conditions !== null && !isObject(body.conditions)) causes.add('conditions', 'The field must be an object');
      if (body.actions !== undefined && body.actions !== null && !isObject(body.actions)) causes.add('actions', 'The field must be an object');
      return { conditions: body.conditions ?? null, actions: body.actions ?? {} };
  }
}

function checkRuleType(causes: Causes, policy: PolicyRow, type: unknown): void {
  const expected = RULE_TYPE_OF[policy.type] ?? policy.type;
  if (type !== undefined && type !== null && type !== expected) causes.add('type', `The rule type must be ${expected} for a ${policy.type} policy`);
}

async function orderedRules(db: Executor, policyId: string) {
  return db.selectFrom('policy_rules').select(['id', 'system', 'priority']).where('policy_id', '=', policyId).orderBy('priority').orderBy('created').execute();
}

/** Adds a rule to a policy (ACTIVE unless `activate` is false) and writes `policy.rule.add`. */
export async function createRule(ctx: AppContext, audit: AuditContext, policyId: string, body: PolicyRuleInput, opts: { activate: boolean }): Promise<PolicyRuleRow> {
  const policy = await getPolicyOrThrow(ctx.db, policyId);
  if (policy.type === 'PROFILE_ENROLLMENT') {
    throw errors.validation('policy', ["policy: You can't create additional rules for a PROFILE_ENROLLMENT policy; update its rule instead"]);
  }
  const causes = new Causes();
  checkRuleType(causes, policy, body.type);
  checkNameAndDescription(causes, body, { nameRequired: true, withDescription: false });
  const content = await ruleContent(ctx, causes, ctx.db, policy, body);
  if (!causes.empty) throw errors.validation(causes.firstField, causes.list);
  const now = ctx.clock().toISOString();
  const row: PolicyRuleRow = {
    id: newId('policyRule'), policy_id: policyId, name: (body.name as string).trim(), type: RULE_TYPE_OF[policy.type] ?? policy.type,
    status: opts.activate ? 'ACTIVE' : 'INACTIVE', priority: 1, system: 0,
    conditions: content.conditions === null ? null : JSON.stringify(content.conditions), actions: JSON.stringify(content.actions),
    created: now, last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await assertRuleNameFree(trx, policyId, row.name);
    const changes = reprioritize(await orderedRules(trx, policyId), row, body.priority as number | undefined);
    row.priority = changes.get(row.id) ?? row.priority;
    await applyPriorities(trx, 'policy_rules', changes, row.id);
    await trx.insertInto('policy_rules').values(row).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'policy.rule.add', displayMessage: 'Add policy rule', target: [policyTarget(policy), ruleTarget(row)] });
  });
  return row;
}

/** Replaces a rule's name, priority, conditions and actions; writes `policy.rule.update`. */
export async function replaceRule(ctx: AppContext, audit: AuditContext, policyId: string, ruleId: string, body: PolicyRuleInput): Promise<PolicyRuleRow> {
  const existing = await getRuleOrThrow(ctx.db, policyId, ruleId);
  const policy = await getPolicyOrThrow(ctx.db, policyId);
  const causes = new Causes();
  checkRuleType(causes, policy, body.type);
  checkNameAndDescription(causes, body, { nameRequired: false, withDescription: false });
  const content = await ruleContent(ctx, causes, ctx.db, policy, body, existing);
  if (!causes.empty) throw errors.validation(causes.firstField, causes.list);
  const now = ctx.clock().toISOString();
  const row: PolicyRuleRow = {
    ...existing, name: typeof body.name === 'string' ? body.name.trim() : existing.name,
    conditions: content.conditions === null ? null : JSON.stringify(content.conditions), actions: JSON.stringify(content.actions), last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await assertRuleNameFree(trx, policyId, row.name, ruleId);
    if (typeof body.priority === 'number' && body.priority !== existing.priority) {
      const changes = reprioritize(await orderedRules(trx, policyId), existing, body.priority);
      row.priority = changes.get(ruleId) ?? existing.priority;
      await applyPriorities(trx, 'policy_rules', changes, ruleId);
    }
    const res = await trx.updateTable('policy_rules')
      .set({ name: row.name, priority: row.priority, conditions: row.conditions, actions: row.actions, last_updated: now })
      .where('id', '=', ruleId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw errors.notFound('PolicyRule', ruleId);
    await recordEvent(ctx, trx, audit, { eventType: 'policy.rule.update', displayMessage: 'Update policy rule', target: [policyTarget(policy), ruleTarget(row)] });
  });
  return row;
}

/** Deletes a rule (never a system rule) and writes `policy.rule.delete`. */
export async function deleteRule(ctx: AppContext, audit: AuditContext, policyId: string, ruleId: string): Promise<void> {
  const existing = await getRuleOrThrow(ctx.db, policyId, ruleId);
  if (existing.system === 1) throw errors.validation('rule', ['rule: The default rule cannot be deleted']);
  const policy = await getPolicyOrThrow(ctx.db, policyId);
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx.deleteFrom('policy_rules').where('id', '=', ruleId).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw errors.notFound('PolicyRule', ruleId);
    const ordered = await orderedRules(trx, policyId);
    if (ordered.length) await applyPriorities(trx, 'policy_rules', reprioritize(ordered, ordered[ordered.length - 1], ordered.length));
    await recordEvent(ctx, trx, audit, { eventType: 'policy.rule.delete', displayMessage: 'Delete policy rule', target: [policyTarget(policy), ruleTarget(existing)] });
  });
}

/** Activates or deactivates a rule (a system rule stays active); no change and no event when already so. */
export async function setRuleStatus(ctx: AppContext, audit: AuditContext, policyId: string, ruleId: string, status: 'ACTIVE' | 'INACTIVE'): Promise<void> {
  const existing = await getRuleOrThrow(ctx.db, policyId, ruleId);
  if (status === 'INACTIVE' && existing.system === 1) throw errors.validation('rule', ['rule: The default rule cannot be deactivated']);
  if (existing.status === status) return;
  const policy = await getPolicyOrThrow(ctx.db, policyId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('policy_rules').set({ status, last_updated: ctx.clock().toISOString() }).where('id', '=', ruleId).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'policy.rule.activate' : 'policy.rule.deactivate',
      displayMessage: status === 'ACTIVE' ? 'Activate policy rule' : 'Deactivate policy rule',
      target: [policyTarget(policy), ruleTarget(existing)],
    });
  });
}
