import { isDeepStrictEqual } from 'node:util';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors, type ErrorCause } from '../../platform/errors.js';
import { hashPassword } from '../../platform/password.js';
import { throwIfInvalid, validateProfile } from '../schema/profile-schema.service.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { findUserType } from '../user-types/user-types.service.js';
import {
  assertPasswordAllowed, passwordShapeProblems, recoveryQuestionProblems, storedRecoveryQuestion, type CredentialsInput,
} from './user-credentials.js';
import { toOktaUser, userTarget, type OktaUser, type UserRow } from './user-json.js';
import { inTransaction, isPlainObject, isUniqueViolation, LOGIN_TAKEN, loginTaken, profileColumns, requireUser } from './users.service.js';

export interface UserUpdateInput {
  profile?: Record<string, unknown>;
  credentials?: CredentialsInput;
  type?: { id?: string };
}

/**
 * Okta's user update: `partial` (POST) merges the profile given into the stored one; `replace` (PUT)
 * replaces the profile whole and may change the user type. Either may set a new password (checked against
 * the password policy) and a recovery question. Writes `user.account.update_profile`,
 * `user.account.update_password` and `user.account.update_user_type` as they apply.
 */
export async function updateUser(
  ctx: AppContext, db: Executor, audit: AuditContext, idOrLogin: string, input: UserUpdateInput, mode: 'partial' | 'replace',
): Promise<OktaUser> {
  const user = await requireUser(ctx, db, idOrLogin);
  if (!isPlainObject(input as unknown)) throw errors.malformedBody();
  if (user.status === 'DEPROVISIONED') throw errors.userStatus('Cannot update the profile of a deactivated user.');
  if (input.profile !== undefined && !isPlainObject(input.profile)) throw errors.validation('profile', ['profile: The value must be an object']);

  let typeId = user.type_id;
  if (input.type?.id !== undefined && input.type.id !== user.type_id) {
    if (mode === 'partial') throw errors.validation('type', ['type.id: The user type can only be changed with a full replacement (PUT)']);
    const type = await findUserType(ctx, db, input.type.id);
    if (!type) throw errors.validation('type', [`type.id: The user type ${input.type.id} does not exist`]);
    typeId = type.id;
  }

  const stored = JSON.parse(user.profile) as Record<string, unknown>;
  const given = input.profile ? Object.fromEntries(Object.entries(input.profile).filter(([, v]) => v !== undefined)) : undefined;
  const profile = given === undefined ? stored : mode === 'replace' ? given : { ...stored, ...given };
  const profileChanged = !isDeepStrictEqual(profile, stored);
  if (profileChanged || typeId !== user.type_id) {
    const causes: ErrorCause[] = await validateProfile(ctx, db, profile, { typeId, userId: user.id });
    if (typeof profile.login === 'string' && !causes.some((c) => c.errorSummary.startsWith('login:')) && await loginTaken(db, profile.login, user.id)) {
      causes.push({ errorSummary: LOGIN_TAKEN });
    }
    throwIfInvalid(causes);
  }

  const credentials: CredentialsInput = input.credentials ?? {};
  if (!isPlainObject(credentials as unknown)) throw errors.validation('credentials', ['credentials: The value must be an object']);
  const credentialCauses = [
    ...passwordShapeProblems(credentials.password, { allowHook: false }),
    ...await recoveryQuestionProblems(db, credentials.recovery_question),
  ];
  if (credentials.provider && credentials.provider.type !== undefined && credentials.provider.type !== user.provider_type) {
    credentialCauses.push('credentials.provider: The provider of a user cannot be changed here');
  }
  if (credentialCauses.length) throw errors.validation(credentialCauses[0].split(':')[0], credentialCauses);
  const newPassword = typeof credentials.password?.value === 'string' ? credentials.password.value : undefined;
  if (newPassword !== undefined) await assertPasswordAllowed(ctx, db, newPassword, profile);

  const now = ctx.clock().toISOString();
  const next: UserRow = { ...user, ...profileColumns(profile), type_id: typeId, last_updated: now };
  if (credentials.recovery_question) next.recovery_question = await storedRecoveryQuestion(credentials.recovery_question);
  if (newPassword !== undefined) {
    next.password_hash = await hashPassword(newPassword);
    next.password_hook = 0;
    next.password_changed = now;
    // A provisioned user waits for a password, an expired one for a new one: an admin setting it completes that.
    if (user.status === 'PROVISIONED' || user.status === 'PASSWORD_EXPIRED' || user.status === 'RECOVERY') {
      next.status = 'ACTIVE';
      next.status_changed = now;
      next.activated = user.activated ?? now;
    }
  }

  await inTransaction(db, async (trx) => {
    await trx.updateTable('users').set({
      login: next.login, login_lower: next.login_lower, email: next.email, first_name: next.first_name, last_name: next.last_name,
      profile: next.profile, type_id: next.type_id, last_updated: now, recovery_question: next.recovery_question,
      password_hash: next.password_hash, password_hook: next.password_hook, password_changed: next.password_changed,
      status: next.status, status_changed: next.status_changed, activated: next.activated,
    }).where('id', '=', user.id).execute().catch((e: unknown) => {
      // Another request took the login between the check and this write.
      throw isUniqueViolation(e) ? errors.validation('login', [LOGIN_TAKEN]) : e;
    });
    const target = [userTarget(next)];
    if (given !== undefined) {
      await recordEvent(ctx, trx, audit, { eventType: 'user.account.update_profile', displayMessage: 'Update user profile for Okta', target, debugData: { changedAttributes: changedAttributes(stored, profile).join(',') } });
    }
    if (typeId !== user.type_id) {
      await recordEvent(ctx, trx, audit, { eventType: 'user.account.update_user_type', displayMessage: 'Update user type', target, debugData: { oldUserType: user.type_id, newUserType: typeId } });
    }
    if (newPassword !== undefined) {
      await recordEvent(ctx, trx, audit, { eventType: 'user.account.update_password', displayMessage: 'User update password for Okta', target });
    }
    if (next.status !== user.status) {
      await recordEvent(ctx, trx, audit, { eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user', target });
    }
  });
  return toOktaUser(ctx, next);
}

function changedAttributes(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => !isDeepStrictEqual(before[n], after[n]));
}
