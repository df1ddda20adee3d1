import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { UsersTable } from '../../platform/db/schema.js';
import { schemaIdForType } from '../user-types/user-types.service.js';
import type { HrefObject } from '../../platform/schema-kit.js';
import type { User, UserProfile, UserStatus } from './user.schema.js';

export type UserRow = Selectable<UsersTable>;

/** Okta's User JSON (user.schema.ts). */
export type OktaUser = User;
export type { UserStatus };

/** What `users.recovery_question` holds: the question, and the answer hashed like a password. */
export interface StoredRecoveryQuestion {
  question: string;
  answerHash: string;
}

export function parseRecoveryQuestion(row: Pick<UserRow, 'recovery_question'>): StoredRecoveryQuestion | undefined {
  return row.recovery_question ? JSON.parse(row.recovery_question) as StoredRecoveryQuestion : undefined;
}

export function hasPassword(row: Pick<UserRow, 'password_hash' | 'password_hook'>): boolean {
  return row.password_hash !== null || row.password_hook === 1;
}

export function displayNameOf(row: Pick<UserRow, 'first_name' | 'last_name' | 'login'>): string {
  return [row.first_name, row.last_name].filter(Boolean).join(' ') || row.login;
}

/** The user as a System Log target. */
export function userTarget(row: Pick<UserRow, 'id' | 'login' | 'first_name' | 'last_name'>) {
  return { id: row.id, type: 'User', alternateId: row.login, displayName: displayNameOf(row) };
}

/** Okta's lifecycle and credential operations offered for each status (`_links` of a single user). */
const OPERATIONS: Record<string, Array<[rel: string, path: string]>> = {
  STAGED: [['activate', 'lifecycle/activate'], ['deactivate', 'lifecycle/deactivate']],
  PROVISIONED: [['resetPassword', 'lifecycle/reset_password'], ['reactivate', 'lifecycle/reactivate'], ['deactivate', 'lifecycle/deactivate']],
  ACTIVE: [
    ['suspend', 'lifecycle/suspend'], ['resetPassword', 'lifecycle/reset_password'], ['expirePassword', 'lifecycle/expire_password'],
    ['resetFactors', 'lifecycle/reset_factors'], ['deactivate', 'lifecycle/deactivate'],
  ],
  RECOVERY: [['resetPassword', 'lifecycle/reset_password'], ['reactivate', 'lifecycle/reactivate'], ['deactivate', 'lifecycle/deactivate']],
  PASSWORD_EXPIRED: [['resetPassword', 'lifecycle/reset_password'], ['suspend', 'lifecycle/suspend'], ['deactivate', 'lifecycle/deactivate']],
  LOCKED_OUT: [['unlock', 'lifecycle/unlock'], ['resetPassword', 'lifecycle/reset_password'], ['deactivate', 'lifecycle/deactivate']],
  SUSPENDED: [['unsuspend', 'lifecycle/unsuspend'], ['deactivate', 'lifecycle/deactivate']],
  DEPROVISIONED: [['activate', 'lifecycle/activate']],
};

function linksOf(ctx: AppContext, row: UserRow): Record<string, HrefObject> {
  const base = ctx.config.issuer;
  const self = `${base}/api/v1/users/${row.id}`;
  const links: Record<string, HrefObject> = {};
  for (const [rel, path] of OPERATIONS[row.status] ?? []) links[rel] = { href: `${self}/${path}`, method: 'POST' };
  if (row.status === 'ACTIVE' && hasPassword(row)) {
    links.changePassword = { href: `${self}/credentials/change_password`, method: 'POST' };
    links.changeRecoveryQuestion = { href: `${self}/credentials/change_recovery_question`, method: 'POST' };
    if (row.recovery_question) links.forgotPassword = { href: `${self}/credentials/forgot_password`, method: 'POST' };
  }
  links.schema = { href: `${base}/api/v1/meta/schemas/user/${schemaIdForType(row.type_id)}` };
  links.type = { href: `${base}/api/v1/meta/types/user/${row.type_id}` };
  links.self = { href: self };
  return links;
}

/**
 * A stored user as Okta's User JSON. Hashes never leave: the password shows as `{}` when set, the recovery
 * question without its answer. In lists (`list: true`) `_links` holds only `self`, as Okta's.
 */
export function toOktaUser(ctx: AppContext, row: UserRow, opts: { list?: boolean } = {}): OktaUser {
  const recovery = parseRecoveryQuestion(row);
  const credentials: OktaUser['credentials'] = { provider: { type: row.provider_type, name: row.provider_name } };
  if (hasPassword(row)) credentials.password = {};
  if (recovery) credentials.recovery_question = { question: recovery.question };
  return {
    id: row.id,
    status: row.status as UserStatus,
    ...(row.transitioning_to_status ? { transitioningToStatus: row.transitioning_to_status } : {}),
    created: row.created,
    activated: row.activated,
    statusChanged: row.status_changed,
    lastLogin: row.last_login,
    lastUpdated: row.last_updated,
    passwordChanged: row.password_changed,
    type: { id: row.type_id },
    profile: JSON.parse(row.profile) as UserProfile,
    credentials: {
      ...(credentials.password ? { password: credentials.password } : {}),
      ...(credentials.recovery_question ? { recovery_question: credentials.recovery_question } : {}),
      provider: credentials.provider,
    },
    _links: opts.list ? { self: { href: `${ctx.config.issuer}/api/v1/users/${row.id}` } } : linksOf(ctx, row),
  };
}
