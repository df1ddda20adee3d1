import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor, Trx } from '../../platform/db/index.js';
import { errors, OktaError, type ErrorCause } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../../platform/password.js';
import { addUserToGroup } from '../groups/membership.service.js';
import { throwIfInvalid, validateProfile, withSchemaDefaults } from '../schema/profile-schema.service.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { findUserType, getDefaultUserType } from '../user-types/user-types.service.js';
import {
  assertPasswordAllowed, passwordShapeProblems, PROVIDER_TYPES, recoveryQuestionProblems, storedRecoveryQuestion, type CredentialsInput,
} from './user-credentials.js';
import { toOktaUser, userTarget, type OktaUser, type UserRow, type UserStatus } from './user-json.js';

export { toOktaUser, userTarget, type OktaUser, type UserRow, type UserStatus } from './user-json.js';
export { verifyRecoveryAnswer } from './user-credentials.js';

export interface NewUserInput {
  profile: Record<string, unknown>;
  credentials?: {
    password?: { value?: string; hook?: { type: 'default' } };
    recovery_question?: { question: string; answer: string };
    provider?: { type?: string; name?: string };
  };
  type?: { id: string };
  groupIds?: string[];
}

export interface CreateUserOptions {
  activate: boolean;
  /** `?provider=true`: the user signs in through `credentials.provider` and needs no password. */
  provider?: boolean;
  /** `?nextLogin=changePassword`: create, activate, and expire the password at once. */
  nextLogin?: 'changePassword';
}

/** Runs `work` in the caller's transaction, or in a new one when given the database itself. */
export async function inTransaction<T>(db: Executor, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Trx) : db.transaction().execute(work);
}

const LOGIN_TAKEN = 'login: An object with this field already exists in the current organization';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Copies a profile without `undefined` members (JSON cannot hold them and Okta never shows them). */
function cleanProfile(profile: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
}

async function loginTaken(db: Executor, login: string, exceptUserId?: string): Promise<boolean> {
  let q = db.selectFrom('users').select('id').where('login_lower', '=', login.toLowerCase());
  if (exceptUserId) q = q.where('id', '<>', exceptUserId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The columns kept in step with the profile (what is searched has its own column). */
function profileColumns(profile: Record<string, unknown>) {
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const login = profile.login as string;
  return {
    login, login_lower: login.toLowerCase(), email: text(profile.email), first_name: text(profile.firstName),
    last_name: text(profile.lastName), profile: JSON.stringify(profile),
  };
}

/**
 * Creates a user as Okta's `POST /api/v1/users`: validates the profile against the type's schema, the
 * password against the password policy (unless a password import hook is named), the groups, then inserts
 * the user (STAGED; or ACTIVE with a password / PROVISIONED without one when `activate`), adds it to
 * `groupIds`, and writes `user.lifecycle.create` (+ `user.lifecycle.activate`) in the same transaction.
 */
export async function createUser(ctx: AppContext, db: Executor, audit: AuditContext, input: NewUserInput, opts: CreateUserOptions): Promise<OktaUser> {
  if (!isPlainObject(input) || !isPlainObject(input.profile)) throw errors.validation('profile', ['profile: The field cannot be left blank']);
  const credentials = (input.credentials ?? {}) as CredentialsInput;
  const type = input.type?.id !== undefined ? await findUserType(ctx, db, input.type.id) : await getDefaultUserType(ctx, db);
  if (!type) throw errors.validation('type', [`type.id: The user type ${String(input.type?.id)} does not exist`]);
  const profile = cleanProfile(await withSchemaDefaults(ctx, db, input.profile, type.id));

  const causes: ErrorCause[] = await validateProfile(ctx, db, profile, { typeId: type.id });
  if (typeof profile.login === 'string' && !causes.some((c) => c.errorSummary.startsWith('login:')) && await loginTaken(db, profile.login)) {
    causes.push({ errorSummary: LOGIN_TAKEN });
  }
  throwIfInvalid(causes);

  const credentialCauses = [
    ...passwordShapeProblems(credentials.password, { allowHook: true }),
    ...await recoveryQuestionProblems(db, credentials.recovery_question),
  ];
  const provider = { type: 'OKTA', name: 'OKTA' };
  if (opts.provider) {
    const p = credentials.provider;
    if (!p || typeof p.type !== 'string' || !PROVIDER_TYPES.includes(p.type)) credentialCauses.push(`credentials.provider.type: The type must be one of ${PROVIDER_TYPES.join(', ')}`);
    else { provider.type = p.type; provider.name = typeof p.name === 'string' && p.name ? p.name : p.type; }
  }
  if (credentialCauses.length) throw errors.validation(credentialCauses[0].split(':')[0], credentialCauses);

  const passwordValue = typeof credentials.password?.value === 'string' ? credentials.password.value : undefined;
  const passwordHook = !!credentials.password?.hook;
  if (passwordHook) { provider.type = 'IMPORT'; provider.name = 'IMPORT'; }
  if (opts.nextLogin === 'changePassword') {
    if (!opts.activate) throw nextLoginError('E0000125', 'Could not create user. To create a user and expire their password immediately, `activate` must be true.');
    if (passwordValue === undefined) throw nextLoginError('E0000124', 'Could not create user. To create a user and expire their password immediately, a password must be specified.');
  }
  if (passwordValue !== undefined) await assertPasswordAllowed(ctx, db, passwordValue, profile);

  const groupIds = [...new Set(input.groupIds ?? [])];
  if (!Array.isArray(input.groupIds ?? []) || groupIds.some((g) => typeof g !== 'string')) throw errors.validation('groupIds', ['groupIds: The value must be a list of group ids']);
  const groups = groupIds.length ? await db.selectFrom('groups').select(['id', 'type']).where('id', 'in', groupIds).execute() : [];
  const missing = groupIds.filter((g) => !groups.some((r) => r.id === g));
  if (missing.length) throw errors.validation('groupIds', missing.map((g) => `groupIds: Group not found: ${g}`));

  const now = ctx.clock().toISOString();
  const hasCredential = passwordValue !== undefined || passwordHook || opts.provider === true;
  const status: UserStatus = !opts.activate ? 'STAGED'
    : !hasCredential ? 'PROVISIONED'
      : opts.nextLogin === 'changePassword' ? 'PASSWORD_EXPIRED' : 'ACTIVE';
  const row: UserRow = {
    id: newId('user'),
    status,
    transitioning_to_status: null,
    ...profileColumns(profile),
    type_id: type.id,
    password_hash: passwordValue !== undefined ? await hashPassword(passwordValue) : null,
    password_hook: passwordHook ? 1 : 0,
    recovery_question: credentials.recovery_question ? await storedRecoveryQuestion(credentials.recovery_question) : null,
    provider_type: provider.type,
    provider_name: provider.name,
    failed_logins: 0,
    admin: 0,
    created: now,
    activated: status === 'ACTIVE' || status === 'PASSWORD_EXPIRED' ? now : null,
    status_changed: status === 'STAGED' ? null : now,
    last_login: null,
    last_updated: now,
    password_changed: passwordValue !== undefined || passwordHook ? now : null,
  };

  await inTransaction(db, async (trx) => {
    // The unique index settles a race between two creates of the same login.
    try {
      await trx.insertInto('users').values(row).execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw errors.validation('login', [LOGIN_TAKEN]);
      throw e;
    }
    const target = [userTarget(row)];
    await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.create', displayMessage: 'Create Okta user', target });
    if (status !== 'STAGED') await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user', target });
    // Everyone (BUILT_IN) holds every user implicitly.
    for (const g of groups) if (g.type !== 'BUILT_IN') await addUserToGroup(ctx, trx, audit, g.id, row.id);
  });
  return toOktaUser(ctx, row);
}

/** A unique index refused the row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function nextLoginError(code: string, summary: string): OktaError {
  return new OktaError(400, code, summary, [{ errorSummary: summary }]);
}

/** A user by id, or by login (case-insensitive), or by the login's short name when it names one user. */
export async function getUserById(_ctx: AppContext, db: Executor, idOrLogin: string): Promise<UserRow | undefined> {
  const exact = await db.selectFrom('users').selectAll()
    .where((eb) => eb.or([eb('id', '=', idOrLogin), eb('login_lower', '=', idOrLogin.toLowerCase())]))
    .executeTakeFirst();
  if (exact || idOrLogin.includes('@') || idOrLogin === '') return exact;
  const short = await db.selectFrom('users').selectAll()
    .where(sql<boolean>`login_lower like ${idOrLogin.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '@%'} escape '\\'`)
    .limit(2).execute();
  return short.length === 1 ? short[0] : undefined;
}

/** Like getUserById, but answers Okta's E0000007 when there is no such user. */
export async function requireUser(ctx: AppContext, db: Executor, idOrLogin: string): Promise<UserRow> {
  const row = await getUserById(ctx, db, idOrLogin);
  if (!row) throw errors.notFound('User', idOrLogin);
  return row;
}

export { loginTaken, LOGIN_TAKEN, profileColumns };
