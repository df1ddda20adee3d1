/** Okta's rules for authorization server policies and rules, checked before anything is written. */
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { tokenHookType } from '../../hooks/inline/token.inline-hook.js';
import { listScopeRows } from './scopes.service.js';

export interface PolicyInput {
  type?: string;
  name?: string;
  description?: string | null;
  status?: string;
  priority?: number;
  conditions?: { clients?: { include?: unknown } } | null;
}

export interface RuleInput {
  type?: string;
  name?: string;
  status?: string;
  priority?: number;
  conditions?: {
    people?: { users?: { include?: unknown; exclude?: unknown }; groups?: { include?: unknown; exclude?: unknown } };
    grantTypes?: { include?: unknown };
    scopes?: { include?: unknown };
  } | null;
  actions?: { token?: { accessTokenLifetimeMinutes?: number; refreshTokenLifetimeMinutes?: number; refreshTokenWindowMinutes?: number; inlineHook?: { id?: unknown } | null } } | null;
}

export interface TokenActions {
  accessTokenLifetimeMinutes: number;
  refreshTokenLifetimeMinutes: number;
  refreshTokenWindowMinutes: number;
  inlineHook?: { id: string };
}

export interface RuleConditions {
  people: { users: { include: string[]; exclude: string[] }; groups: { include: string[]; exclude: string[] } };
  grantTypes: { include: string[] };
  scopes: { include: string[] };
}

/** Grant types a rule may name (Okta's GrantTypePolicyRuleCondition values). */
export const RULE_GRANT_TYPES = [
  'authorization_code', 'implicit', 'client_credentials', 'password', 'interaction_code',
  'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:token-exchange',
  'urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:grant-type:saml2-bearer', 'urn:openid:params:grant-type:ciba',
];

function stringList(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function fail(causes: string[]): never {
  throw errors.validation(causes[0].split(':')[0], causes);
}

function validStatus(status: string | undefined, fallback: string, causes: string[]): string {
  const s = status ?? fallback;
  if (s !== 'ACTIVE' && s !== 'INACTIVE') causes.push('status: Must be ACTIVE or INACTIVE');
  return s;
}

function validPriority(priority: unknown, causes: string[]): void {
  if (priority !== undefined && priority !== null && (!Number.isInteger(priority) || (priority as number) < 1)) causes.push('priority: Must be a positive integer');
}

export function validatePolicyInput(input: PolicyInput, currentStatus = 'ACTIVE') {
  const causes: string[] = [];
  if (input.type !== undefined && input.type !== 'OAUTH_AUTHORIZATION_POLICY') causes.push('type: Must be OAUTH_AUTHORIZATION_POLICY');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) causes.push('name: The field cannot be left blank');
  else if (name.length > 100) causes.push('name: The name must be at most 100 characters');
  const description = typeof input.description === 'string' ? input.description.trim() : '';
  if (!description) causes.push('description: The field cannot be left blank');
  else if (description.length > 255) causes.push('description: The description must be at most 255 characters');
  const clients = stringList(input.conditions?.clients?.include);
  if (!clients || clients.length === 0) causes.push("conditions.clients.include: Name 'ALL_CLIENTS' or at least one client id");
  validPriority(input.priority, causes);
  const status = validStatus(input.status, currentStatus, causes);
  if (causes.length) fail(causes);
  return { name, description, status, conditions: { clients: { include: clients! } } };
}

function minutes(value: unknown, fallback: number): number | undefined {
  if (value === undefined || value === null) return fallback;
  return Number.isInteger(value) ? (value as number) : undefined;
}

export async function validateRuleInput(ctx: AppContext, serverId: string, input: RuleInput, currentStatus = 'ACTIVE'): Promise<{ name: string; status: string; conditions: RuleConditions; actions: { token: TokenActions } }> {
  const causes: string[] = [];
  if (input.type !== undefined && input.type !== 'RESOURCE_ACCESS') causes.push('type: Must be RESOURCE_ACCESS');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) causes.push('name: The field cannot be left blank');
  else if (name.length > 100) causes.push('name: The name must be at most 100 characters');
  if (!input.conditions) causes.push('conditions: The field cannot be left blank');
  const c = input.conditions ?? {};

  const grantTypes = stringList(c.grantTypes?.include);
  if (!grantTypes || grantTypes.length === 0) causes.push('conditions.grantTypes.include: Name at least one grant type');
  else {
    const unknown = grantTypes.filter((g) => !RULE_GRANT_TYPES.includes(g));
    if (unknown.length) causes.push(`conditions.grantTypes.include: Unknown grant type ${unknown.join(', ')}`);
  }

  const userIn = stringList(c.people?.users?.include);
  const userOut = stringList(c.people?.users?.exclude);
  const groupIn = stringList(c.people?.groups?.include);
  const groupOut = stringList(c.people?.groups?.exclude);
  if (!userIn || !userOut || !groupIn || !groupOut) causes.push('conditions.people: users and groups include/exclude must be arrays of ids');
  else {
    const groupIds = [...groupIn, ...groupOut].filter((g) => g !== 'EVERYONE');
    if (groupIds.length) {
      const found = new Set((await ctx.db.selectFrom('groups').select('id').where('id', 'in', groupIds).execute()).map((r) => r.id));
      const missing = groupIds.filter((g) => !found.has(g));
      if (missing.length) causes.push(`conditions.people.groups: Unknown group ${missing.join(', ')}`);
    }
    const userIds = [...userIn, ...userOut];
    if (userIds.length) {
      const found = new Set((await ctx.db.selectFrom('users').select('id').where('id', 'in', userIds).execute()).map((r) => r.id));
      const missing = userIds.filter((u) => !found.has(u));
      if (missing.length) causes.push(`conditions.people.users: Unknown user ${missing.join(', ')}`);
    }
  }

  const scopes = stringList(c.scopes?.include);
  if (!scopes || scopes.length === 0) causes.push("conditions.scopes.include: Name '*' or at least one scope");
  else if (!scopes.includes('*')) {
    const known = new Set((await listScopeRows(ctx.db, serverId)).map((s) => s.name));
    const unknown = scopes.filter((s) => !known.has(s));
    if (unknown.length) causes.push(`conditions.scopes.include: Unknown scope ${unknown.join(', ')}`);
  }

  const t = input.actions?.token ?? {};
  const access = minutes(t.accessTokenLifetimeMinutes, 60);
  const refresh = minutes(t.refreshTokenLifetimeMinutes, 0);
  const window = minutes(t.refreshTokenWindowMinutes, 10080);
  if (access === undefined || access < 5 || access > 1440) causes.push('actions.token.accessTokenLifetimeMinutes: Must be between 5 minutes and 1 day (1440)');
  if (refresh === undefined || refresh < 0 || refresh > 2628000 || (refresh !== 0 && access !== undefined && refresh < access)) {
    causes.push('actions.token.refreshTokenLifetimeMinutes: Must be 0 (unlimited) or at least the access token lifetime, at most 5 years');
  }
  if (window === undefined || window < 10 || window > 2628000 || (refresh && window > refresh)) {
    causes.push('actions.token.refreshTokenWindowMinutes: Must be between 10 minutes and 5 years, and within the refresh token lifetime');
  }
  let inlineHook: { id: string } | undefined;
  if (t.inlineHook) {
    const hookId = t.inlineHook.id;
    const hook = typeof hookId === 'string' ? await ctx.db.selectFrom('inline_hooks').select(['id', 'type']).where('id', '=', hookId).executeTakeFirst() : undefined;
    if (!hook) causes.push(`actions.token.inlineHook.id: Inline hook ${JSON.stringify(hookId ?? null)} not found`);
    else if (hook.type !== tokenHookType.type) causes.push(`actions.token.inlineHook.id: The inline hook must be of type ${tokenHookType.type}`);
    else inlineHook = { id: hook.id };
  }
  validPriority(input.priority, causes);
  const status = validStatus(input.status, currentStatus, causes);
  if (causes.length) fail(causes);
  return {
    name,
    status,
    conditions: {
      people: { users: { include: userIn!, exclude: userOut! }, groups: { include: groupIn!, exclude: groupOut! } },
      grantTypes: { include: grantTypes! },
      scopes: { include: scopes! },
    },
    actions: {
      token: {
        accessTokenLifetimeMinutes: access!, refreshTokenLifetimeMinutes: refresh!, refreshTokenWindowMinutes: window!,
        ...(inlineHook ? { inlineHook } : {}),
      },
    },
  };
}
