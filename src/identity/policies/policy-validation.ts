import type { Executor } from '../../platform/db/index.js';
import type { ErrorCause } from '../../platform/errors.js';
import { DEFAULT_PASSWORD_SETTINGS, DEFAULT_PROFILE_ENROLLMENT_ACTION } from '../org-defaults.js';

/**
 * Checks of policy and rule bodies, as Okta's API makes them. Each function collects every problem as an
 * Okta error cause ("field: message") and returns the normalized value to store; callers throw E0000001
 * when any cause is found, before writing anything.
 */
export type Json = Record<string, unknown>;

export const REGISTRATION_HOOK_TYPE = 'com.okta.user.pre-registration';
const PROFILE_ATTRIBUTES_MAX = 10;
const NAME_MAX = 255;
const DESCRIPTION_MAX = 1024;

export class Causes {
  readonly list: ErrorCause[] = [];
  add(field: string, message: string): void {
    this.list.push({ errorSummary: `${field}: ${message}` });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
  /** The field of the first cause, for Okta's summary "Api validation failed: <field>". */
  get firstField(): string {
    return this.list[0]?.errorSummary.split(':')[0] ?? 'body';
  }
}

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Defaults filled in below what was given: objects merge, everything else given wins. */
export function withDefaults(defaults: unknown, given: unknown): unknown {
  if (given === undefined) return structuredClone(defaults);
  if (!isObject(defaults) || !isObject(given)) return given;
  const out: Json = { ...given };
  for (const [k, v] of Object.entries(defaults)) out[k] = withDefaults(v, given[k]);
  return out;
}

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function checkInteger(causes: Causes, field: string, v: unknown, min: number, max = Number.MAX_SAFE_INTEGER, nullable = false): void {
  if (v === undefined || (nullable && v === null)) return;
  if (typeof v !== 'number' || !Number.isInteger(v)) causes.add(field, 'The field must be an integer');
  else if (v < min || v > max) causes.add(field, max === Number.MAX_SAFE_INTEGER ? `The value must be at least ${min}` : `The value must be between ${min} and ${max}`);
}

function checkBoolean(causes: Causes, field: string, v: unknown): void {
  if (v !== undefined && typeof v !== 'boolean') causes.add(field, 'The field must be a boolean');
}

function checkEnum(causes: Causes, field: string, v: unknown, allowed: readonly string[], required = false): void {
  if (v === undefined || v === null) {
    if (required) causes.add(field, 'The field cannot be left blank');
    return;
  }
  if (typeof v !== 'string' || !allowed.includes(v)) causes.add(field, `'${String(v)}' is not a valid value; expected one of ${allowed.join(', ')}`);
}

function checkObject(causes: Causes, field: string, v: unknown, nullable = true): void {
  if (v === undefined || (nullable && v === null)) return;
  if (!isObject(v)) causes.add(field, 'The field must be an object');
}

function checkStringArray(causes: Causes, field: string, v: unknown): v is string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    causes.add(field, 'The field must be an array of strings');
    return false;
  }
  return true;
}

/** Name and description, common to policies and rules. */
export function checkNameAndDescription(causes: Causes, body: Json, opts: { nameRequired: boolean; withDescription: boolean }): void {
  const { name, description } = body;
  if (name === undefined || name === null || (typeof name === 'string' && name.trim() === '')) {
    if (opts.nameRequired) causes.add('name', 'The field cannot be left blank');
  } else if (typeof name !== 'string') causes.add('name', 'The field must be a string');
  else if (name.length > NAME_MAX) causes.add('name', `The field cannot exceed ${NAME_MAX} characters`);
  if (opts.withDescription && description !== undefined && description !== null) {
    if (typeof description !== 'string') causes.add('description', 'The field must be a string');
    else if (description.length > DESCRIPTION_MAX) causes.add('description', `The field cannot exceed ${DESCRIPTION_MAX} characters`);
  }
  checkInteger(causes, 'priority', body.priority, 1, Number.MAX_SAFE_INTEGER, true);
}

async function checkGroupsExist(causes: Causes, db: Executor, field: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.selectFrom('groups').select(['id', 'type']).where('id', 'in', ids).execute();
  const known = new Set(found.map((g) => g.id));
  for (const id of ids) if (!known.has(id)) causes.add(field, `Group ${id} does not exist`);
}

// ---- PASSWORD ----

const PASSWORD_PROVIDERS = ['OKTA', 'ACTIVE_DIRECTORY', 'LDAP', 'ANY'] as const;
const EXCLUDABLE_ATTRIBUTES = ['firstName', 'lastName'] as const;

/** `conditions` of a PASSWORD policy; defaults to everyone signing in with Okta. */
export async function passwordPolicyConditions(causes: Causes, db: Executor, given: unknown, everyoneGroupId: string): Promise<Json> {
  const conditions = withDefaults({ people: { groups: { include: [everyoneGroupId] } }, authProvider: { provider: 'OKTA' } }, given ?? undefined);
  if (!isObject(conditions)) {
    causes.add('conditions', 'The field must be an object');
    return {};
  }
  const include = at(conditions, 'people.groups.include');
  if (include !== undefined && checkStringArray(causes, 'conditions.people.groups.include', include)) {
    await checkGroupsExist(causes, db, 'conditions.people.groups.include', include);
  }
  const exclude = at(conditions, 'people.groups.exclude');
  if (exclude !== undefined && checkStringArray(causes, 'conditions.people.groups.exclude', exclude)) {
    await checkGroupsExist(causes, db, 'conditions.people.groups.exclude', exclude);
  }
  checkEnum(causes, 'conditions.authProvider.provider', at(conditions, 'authProvider.provider'), PASSWORD_PROVIDERS);
  return conditions;
}

/** `settings` of a PASSWORD policy: Okta's defaults below what was given, then range checks. */
export function passwordPolicySettings(causes: Causes, given: unknown): Json {
  if (given !== undefined && given !== null && !isObject(given)) {
    causes.add('settings', 'The field must be an object');
    return {};
  }
  const settings = withDefaults(DEFAULT_PASSWORD_SETTINGS, given ?? undefined) as Json;
  const c = 'settings.password.complexity';
  const complexity = at(settings, 'password.complexity');
  checkObject(causes, c, complexity, false);
  if (isObject(complexity)) {
    checkInteger(causes, `${c}.minLength`, complexity.minLength, 4, 30);
    for (const k of ['minLowerCase', 'minUpperCase', 'minNumber', 'minSymbol']) checkInteger(causes, `${c}.${k}`, complexity[k], 0, 30, true);
    checkBoolean(causes, `${c}.excludeUsername`, complexity.excludeUsername);
    checkInteger(causes, `${c}.maxConsecutiveCharacters`, complexity.maxConsecutiveCharacters, 1, 72, true);
    if (complexity.excludeAttributes !== undefined && checkStringArray(causes, `${c}.excludeAttributes`, complexity.excludeAttributes)) {
      for (const a of complexity.excludeAttributes) {
        if (!(EXCLUDABLE_ATTRIBUTES as readonly string[]).includes(a)) causes.add(`${c}.excludeAttributes`, `'${a}' cannot be excluded; only firstName and lastName are supported`);
      }
    }
    checkBoolean(causes, `${c}.dictionary.common.exclude`, at(complexity, 'dictionary.common.exclude'));
  }
  const age = at(settings, 'password.age');
  checkObject(causes, 'settings.password.age', age, false);
  if (isObject(age)) {
    for (const k of ['maxAgeDays', 'expireWarnDays', 'minAgeMinutes']) checkInteger(causes, `settings.password.age.${k}`, age[k], 0);
    checkInteger(causes, 'settings.password.age.historyCount', age.historyCount, 0, 24);
  }
  const lockout = at(settings, 'password.lockout');
  checkObject(causes, 'settings.password.lockout', lockout, false);
  if (isObject(lockout)) {
    checkInteger(causes, 'settings.password.lockout.maxAttempts', lockout.maxAttempts, 0, Number.MAX_SAFE_INTEGER, true);
    checkInteger(causes, 'settings.password.lockout.autoUnlockMinutes', lockout.autoUnlockMinutes, 0, Number.MAX_SAFE_INTEGER, true);
    checkBoolean(causes, 'settings.password.lockout.showLockoutFailures', lockout.showLockoutFailures);
    const channels = lockout.userLockoutNotificationChannels;
    if (channels !== undefined && checkStringArray(causes, 'settings.password.lockout.userLockoutNotificationChannels', channels)) {
      if (channels.some((ch) => ch !== 'EMAIL')) causes.add('settings.password.lockout.userLockoutNotificationChannels', "The only acceptable values are [] and ['EMAIL']");
    }
  }
  checkObject(causes, 'settings.recovery', settings.recovery);
  checkObject(causes, 'settings.delegation', settings.delegation);
  checkBoolean(causes, 'settings.delegation.options.skipUnlock', at(settings, 'delegation.options.skipUnlock'));
  return settings;
}

const PASSWORD_RULE_DEFAULTS = {
  conditions: { people: { users: { exclude: [] as string[] } }, network: { connection: 'ANYWHERE' } },
  actions: { passwordChange: { access: 'ALLOW' }, selfServicePasswordReset: { access: 'ALLOW' }, selfServiceUnlock: { access: 'DENY' } },
};

export function passwordRuleConditions(causes: Causes, given: unknown): Json {
  if (given !== undefined && given !== null && !isObject(given)) {
    causes.add('conditions', 'The field must be an object');
    return {};
  }
  const conditions = withDefaults(PASSWORD_RULE_DEFAULTS.conditions, given ?? undefined) as Json;
  const exclude = at(conditions, 'people.users.exclude');
  if (exclude !== undefined) checkStringArray(causes, 'conditions.people.users.exclude', exclude);
  checkEnum(causes, 'conditions.network.connection', at(conditions, 'network.connection'), ['ANYWHERE', 'ZONE']);
  return conditions;
}

export function passwordRuleActions(causes: Causes, given: unknown): Json {
  if (given !== undefined && given !== null && !isObject(given)) {
    causes.add('actions', 'The field must be an object');
    return {};
  }
  const actions = withDefaults(PASSWORD_RULE_DEFAULTS.actions, given ?? undefined) as Json;
  for (const k of ['passwordChange', 'selfServicePasswordReset', 'selfServiceUnlock']) {
    checkEnum(causes, `actions.${k}.access`, at(actions, `${k}.access`), ['ALLOW', 'DENY'], true);
  }
  return actions;
}

// ---- PROFILE_ENROLLMENT ----

/** The rule action a new user profile policy starts with (Okta: first name, last name and email). */
export const NEW_PROFILE_ENROLLMENT_ACTION = DEFAULT_PROFILE_ENROLLMENT_ACTION;

/**
 * `actions.profileEnrollment` of a PROFILE_ENROLLMENT rule. Fields left out keep their current value
 * (`current`); `null` clears the optional lists. Checks Okta's limits and that referenced groups and
 * registration inline hooks exist.
 */
export async function profileEnrollmentAction(causes: Causes, db: Executor, given: unknown, current: Json): Promise<Json> {
  const f = 'actions.profileEnrollment';
  if (given === undefined || given === null) return current;
  if (!isObject(given)) {
    causes.add(f, 'The field must be an object');
    return current;
  }
  const action: Json = { ...current };
  for (const [k, v] of Object.entries(given)) if (v !== undefined) action[k] = v;

  checkEnum(causes, `${f}.access`, action.access, ['ALLOW', 'DENY'], true);
  if (action.access === 'DENY' && current.access !== 'DENY') causes.add(`${f}.access`, 'The access property cannot be set to DENY');
  checkEnum(causes, `${f}.unknownUserAction`, action.unknownUserAction, ['REGISTER', 'DENY'], true);
  checkEnum(causes, `${f}.progressiveProfilingAction`, action.progressiveProfilingAction, ['ENABLED', 'DISABLED']);

  checkProfileAttributes(causes, `${f}.profileAttributes`, action.profileAttributes);
  if (Array.isArray(action.profileAttributes)) {
    action.profileAttributes = action.profileAttributes.map((a: Json) => ({ name: a.name, label: a.label, required: a.required ?? false }));
  }

  const groups = action.targetGroupIds;
  if (groups !== null && groups !== undefined && checkStringArray(causes, `${f}.targetGroupIds`, groups)) {
    if (groups.length > 1) causes.add(`${f}.targetGroupIds`, 'At most one group can be specified');
    else if (groups.length === 1) {
      const group = await db.selectFrom('groups').select('type').where('id', '=', groups[0]).executeTakeFirst();
      if (!group) causes.add(`${f}.targetGroupIds`, `Group ${groups[0]} does not exist`);
      else if (group.type !== 'OKTA_GROUP') causes.add(`${f}.targetGroupIds`, 'Users can be added only to groups of type OKTA_GROUP');
    }
  }

  const hooks = action.preRegistrationInlineHooks;
  if (hooks !== null && hooks !== undefined) {
    if (!Array.isArray(hooks) || hooks.some((h) => !isObject(h) || typeof h.inlineHookId !== 'string')) {
      causes.add(`${f}.preRegistrationInlineHooks`, 'The field must be an array of {"inlineHookId": "..."}');
    } else if (hooks.length > 1) causes.add(`${f}.preRegistrationInlineHooks`, 'At most one inline hook can be specified');
    else if (hooks.length === 1) {
      const id = (hooks[0] as { inlineHookId: string }).inlineHookId;
      const hook = await db.selectFrom('inline_hooks').select('type').where('id', '=', id).executeTakeFirst();
      if (!hook) causes.add(`${f}.preRegistrationInlineHooks`, `Inline hook ${id} does not exist`);
      else if (hook.type !== REGISTRATION_HOOK_TYPE) causes.add(`${f}.preRegistrationInlineHooks`, `Inline hook ${id} is not of type ${REGISTRATION_HOOK_TYPE}`);
      else action.preRegistrationInlineHooks = [{ inlineHookId: id }];
    }
  }

  const activation = action.activationRequirements;
  if (activation !== undefined && activation !== null) {
    if (!isObject(activation)) causes.add(`${f}.activationRequirements`, 'The field must be an object');
    else if (typeof activation.emailVerification !== 'boolean') causes.add(`${f}.activationRequirements.emailVerification`, 'The field must be a boolean');
  }
  const authenticators = action.enrollAuthenticatorTypes;
  if (authenticators !== undefined && authenticators !== null && checkStringArray(causes, `${f}.enrollAuthenticatorTypes`, authenticators)) {
    if (authenticators.some((t) => t !== 'password')) causes.add(`${f}.enrollAuthenticatorTypes`, "The only valid value is 'password'");
  }
  const identifiers = action.allowedIdentifiers;
  if (identifiers !== undefined && identifiers !== null && checkStringArray(causes, `${f}.allowedIdentifiers`, identifiers) && identifiers.length === 0) {
    causes.add(`${f}.allowedIdentifiers`, 'At least one identifier is required');
  }
  if (action.uiSchemaId !== undefined && typeof action.uiSchemaId !== 'string') causes.add(`${f}.uiSchemaId`, 'The field must be a string');
  return action;
}

function checkProfileAttributes(causes: Causes, field: string, attrs: unknown): void {
  if (!Array.isArray(attrs)) {
    causes.add(field, 'The field must be an array');
    return;
  }
  if (attrs.length > PROFILE_ATTRIBUTES_MAX) causes.add(field, `A maximum of ${PROFILE_ATTRIBUTES_MAX} profile attributes is supported`);
  const seen = new Set<string>();
  attrs.forEach((a: unknown, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(a)) {
      causes.add(at, 'The entry must be an object with name, label and required');
      return;
    }
    if (typeof a.name !== 'string' || a.name.trim() === '') causes.add(`${at}.name`, 'The field cannot be left blank');
    else if (seen.has(a.name)) causes.add(`${at}.name`, `The attribute ${a.name} is listed more than once`);
    else seen.add(a.name);
    if (typeof a.label !== 'string' || a.label.trim() === '') causes.add(`${at}.label`, 'The field cannot be left blank');
    checkBoolean(causes, `${at}.required`, a.required);
  });
  const email = attrs.find((a: unknown) => isObject(a) && a.name === 'email') as Json | undefined;
  if (!email) causes.add(field, 'The email attribute must be included');
  else if (email.required !== true) causes.add(field, 'The email attribute must be required');
}
