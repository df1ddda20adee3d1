import { sql, type SqlBool } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors, type OktaError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { DEFAULT_PROFILE_ENROLLMENT_ACTION } from '../org-defaults.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { policyTarget, ruleTarget, RULE_TYPE_OF, type PolicyRow } from './policy-json.js';
import {
  Causes, checkNameAndDescription, isObject, NEW_PROFILE_ENROLLMENT_ACTION, passwordPolicyConditions, passwordPolicySettings,
} from './policy-validation.js';
import { applyPriorities, reprioritize } from './priority.js';

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

// ---- Policies API ----

/** The body of a policy create or replace, as sent by API callers and the Okta SDK. */
export type PolicyInput = Record<string, unknown>;

function invalid(causes: Causes): OktaError {
  return errors.validation(causes.firstField, causes.list);
}

export async function getPolicyOrThrow(db: Executor, id: string): Promise<PolicyRow> {
  const row = await db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('Policy', id);
  return row;
}

async function everyoneGroupId(db: Executor): Promise<string> {
  const row = await db.selectFrom('groups').select('id').where('type', '=', 'BUILT_IN').executeTakeFirstOrThrow();
  return row.id;
}

async function assertPolicyNameFree(db: Executor, type: string, name: string, exceptId?: string): Promise<void> {
  let q = db.selectFrom('policies').select('id').where('type', '=', type).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw errors.validation('name', ['name: Policy name already in use']);
}

/** Validates the type-specific parts of a policy body; returns what to store. */
async function policyContent(causes: Causes, db: Executor, type: string, body: PolicyInput): Promise<{ conditions: unknown; settings: unknown }> {
  switch (type) {
    case 'PASSWORD':
      return {
        conditions: await passwordPolicyConditions(causes, db, body.conditions, await everyoneGroupId(db)),
        settings: passwordPolicySettings(causes, body.settings),
      };
    case 'PROFILE_ENROLLMENT':
      if (body.conditions !== undefined && body.conditions !== null) causes.add('conditions', "Policy conditions aren't supported for this policy type");
      return { conditions: null, settings: null };
    default: {
      // Stored as given: Tollgate does not evaluate these policy types.
      if (body.conditions !== undefined && body.conditions !== null && !isObject(body.conditions)) causes.add('conditions', 'The field must be an object');
      if (body.settings !== undefined && body.settings !== null && !isObject(body.settings)) causes.add('settings', 'The field must be an object');
      return { conditions: body.conditions ?? null, settings: body.settings ?? null };
    }
  }
}

function typeCauses(causes: Causes, type: unknown): type is string {
  if (type === undefined || type === null || type === '') {
    causes.add('type', 'The field cannot be left blank');
    return false;
  }
  if (typeof type !== 'string' || !RULE_TYPE_OF[type]) {
    causes.add('type', `Creating a policy of type ${String(type)} is not supported; supported types: ${Object.keys(RULE_TYPE_OF).join(', ')}`);
    return false;
  }
  return true;
}

function json(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

export interface PolicyListQuery {
  type: string;
  status?: string;
  q?: string;
  limit: number;
  after?: string;
}

/** Policies of one type by priority, `limit + 1` of them so the caller can tell whether a next page exists. */
export async function listPolicyRows(ctx: AppContext, query: PolicyListQuery): Promise<PolicyRow[]> {
  let q = ctx.db.selectFrom('policies').selectAll().where('type', '=', query.type);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q) q = q.where(sql<SqlBool>`lower(name) like ${query.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%'} escape '\\'`);
  if (query.after) {
    const c = decodePolicyCursor(query.after);
    q = q.where((eb) => eb.or([eb('priority', '>', c.priority), eb.and([eb('priority', '=', c.priority), eb('id', '>', c.id)])]));
  }
  return q.orderBy('priority', 'asc').orderBy('id', 'asc').limit(query.limit + 1).execute();
}

export function policyCursor(row: { priority: number; id: string }): string {
  return Buffer.from(`${row.priority}|${row.id}`, 'utf8').toString('base64url');
}

function decodePolicyCursor(after: string): { priority: number; id: string } {
  const [p, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  const priority = Number(p);
  if (!id || !Number.isInteger(priority)) throw errors.validation('after', ['after: The after cursor is not valid']);
  return { priority, id };
}

/**
 * Creates a policy (ACTIVE unless `activate` is false) and writes `policy.lifecycle.create`. A new
 * PROFILE_ENROLLMENT policy gets its catch-all rule, as in Okta, with self-service registration denied.
 */
export async function createPolicy(ctx: AppContext, audit: AuditContext, body: PolicyInput, opts: { activate: boolean }): Promise<PolicyRow> {
  const causes = new Causes();
  const typeOk = typeCauses(causes, body.type);
  checkNameAndDescription(causes, body, { nameRequired: true, withDescription: true });
  const content = typeOk ? await policyContent(causes, ctx.db, body.type as string, body) : { conditions: null, settings: null };
  if (!causes.empty) throw invalid(causes);
  const type = body.type as string;
  const name = (body.name as string).trim();
  const now = ctx.clock().toISOString();
  const row: PolicyRow = {
    id: newId('policy'), type, name, description: typeof body.description === 'string' ? body.description : null,
    status: opts.activate ? 'ACTIVE' : 'INACTIVE', priority: 1, system: 0,
    conditions: json(content.conditions), settings: json(content.settings), created: now, last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await assertPolicyNameFree(trx, type, name);
    const ordered = await trx.selectFrom('policies').select(['id', 'system', 'priority']).where('type', '=', type).orderBy('priority').orderBy('created').execute();
    const changes = reprioritize(ordered, row, body.priority as number | undefined);
    row.priority = changes.get(row.id) ?? row.priority;
    await applyPriorities(trx, 'policies', changes, row.id);
    await trx.insertInto('policies').values(row).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'policy.lifecycle.create', displayMessage: 'Create policy', target: [policyTarget(row)] });
    if (type === 'PROFILE_ENROLLMENT') {
      const rule = {
        id: newId('policyRule'), policy_id: row.id, name: 'Catch-all Rule', type: 'PROFILE_ENROLLMENT', status: 'ACTIVE', priority: 1, system: 1,
        conditions: null, actions: JSON.stringify({ profileEnrollment: NEW_PROFILE_ENROLLMENT_ACTION }), created: now, last_updated: now,
      };
      await trx.insertInto('policy_rules').values(rule).execute();
      await recordEvent(ctx, trx, audit, { eventType: 'policy.rule.add', displayMessage: 'Add policy rule', target: [policyTarget(row), ruleTarget(rule)] });
    }
  });
  return row;
}

/** Replaces a policy's name, description, priority, conditions and settings; writes `policy.lifecycle.update`. */
export async function replacePolicy(ctx: AppContext, audit: AuditContext, id: string, body: PolicyInput): Promise<PolicyRow> {
  const existing = await getPolicyOrThrow(ctx.db, id);
  const causes = new Causes();
  if (body.type !== undefined && body.type !== existing.type) causes.add('type', 'The policy type cannot be changed');
  checkNameAndDescription(causes, body, { nameRequired: true, withDescription: true });
  const content = await policyContent(causes, ctx.db, existing.type, body);
  if (!causes.empty) throw invalid(causes);
  const now = ctx.clock().toISOString();
  const row: PolicyRow = {
    ...existing, name: (body.name as string).trim(), description: typeof body.description === 'string' ? body.description : null,
    conditions: json(content.conditions), settings: json(content.settings), last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await assertPolicyNameFree(trx, existing.type, row.name, id);
    if (typeof body.priority === 'number' && body.priority !== existing.priority) {
      const ordered = await trx.selectFrom('policies').select(['id', 'system', 'priority']).where('type', '=', existing.type).orderBy('priority').orderBy('created').execute();
      const changes = reprioritize(ordered, existing, body.priority);
      row.priority = changes.get(id) ?? existing.priority;
      await applyPriorities(trx, 'policies', changes, id);
    }
    const res = await trx.updateTable('policies').set({
      name: row.name, description: row.description, priority: row.priority, conditions: row.conditions, settings: row.settings, last_updated: now,
    }).where('id', '=', id).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw errors.notFound('Policy', id);
    await recordEvent(ctx, trx, audit, { eventType: 'policy.lifecycle.update', displayMessage: 'Update policy', target: [policyTarget(row)] });
  });
  return row;
}

/** Deletes a policy and its rules (never a system policy); writes `policy.lifecycle.delete`. */
export async function deletePolicy(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  const existing = await getPolicyOrThrow(ctx.db, id);
  if (existing.system === 1) throw errors.validation('policy', ['policy: The default policy cannot be deleted']);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('policy_rules').where('policy_id', '=', id).execute();
    const res = await trx.deleteFrom('policies').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw errors.notFound('Policy', id);
    const ordered = await trx.selectFrom('policies').select(['id', 'system', 'priority']).where('type', '=', existing.type).orderBy('priority').orderBy('created').execute();
    if (ordered.length) await applyPriorities(trx, 'policies', reprioritize(ordered, ordered[ordered.length - 1], ordered.length));
    await recordEvent(ctx, trx, audit, { eventType: 'policy.lifecycle.delete', displayMessage: 'Delete policy', target: [policyTarget(existing)] });
  });
}

/** Activates or deactivates a policy (a system policy stays active); no change and no event when already so. */
export async function setPolicyStatus(ctx: AppContext, audit: AuditContext, id: string, status: 'ACTIVE' | 'INACTIVE'): Promise<void> {
  const existing = await getPolicyOrThrow(ctx.db, id);
  if (status === 'INACTIVE' && existing.system === 1) throw errors.validation('policy', ['policy: The default policy cannot be deactivated']);
  if (existing.status === status) return;
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('policies').set({ status, last_updated: ctx.clock().toISOString() }).where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: status === 'ACTIVE' ? 'policy.lifecycle.activate' : 'policy.lifecycle.deactivate',
      displayMessage: status === 'ACTIVE' ? 'Activate policy' : 'Deactivate policy',
      target: [policyTarget(existing)],
    });
  });
}
