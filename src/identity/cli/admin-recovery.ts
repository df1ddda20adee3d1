/**
 * `tollgate admin unlock LOGIN` and `tollgate admin reset-password LOGIN`: recovery that works on the store
 * directly (the data directory or the database URL), without the server, for when nobody can sign in or use
 * the API. Both write the System Log as the API would, with the system as actor.
 */
import type { WithStore } from '../../platform/with-store.js';
import type { AppContext } from '../../platform/context.js';
import { OktaError } from '../../platform/errors.js';
import { randomBase62 } from '../../platform/ids.js';
import { hashPassword } from '../../platform/password.js';
import { checkPassword } from '../policies/password-policy.js';
import { cliAudit, type AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { userTarget } from '../users/user-json.js';
import { unlockUser } from '../users/user-lifecycle.service.js';

export class AdminCliError extends Error {}

async function withStore<T>(store: WithStore, command: string, run: (ctx: AppContext, audit: AuditContext) => Promise<T>): Promise<T> {
  try {
    return await store((ctx) => run(ctx, cliAudit(`tollgate admin ${command}`)));
  } catch (error) {
    if (error instanceof OktaError) throw new AdminCliError(error.errorSummary);
    throw error;
  }
}

async function findUser(ctx: AppContext, login: string) {
  const user = await ctx.db.selectFrom('users').selectAll().where('login_lower', '=', login.trim().toLowerCase()).executeTakeFirst();
  if (!user) throw new AdminCliError(`no user with login ${login}`);
  return user;
}

/** Unlocks a LOCKED_OUT user (ACTIVE, failed sign-ins forgotten). Says so when the user was not locked. */
export async function unlockFromCli(store: WithStore, login: string): Promise<string> {
  return withStore(store, 'unlock', async (ctx, audit) => {
    const user = await findUser(ctx, login);
    if (user.status !== 'LOCKED_OUT') {
      if (user.failed_logins > 0) await ctx.db.updateTable('users').set({ failed_logins: 0 }).where('id', '=', user.id).execute();
      return `${user.login} is ${user.status}, not locked out; its failed sign-ins are forgotten.`;
    }
    await unlockUser(ctx, ctx.db, audit, user.id);
    return `${user.login} is unlocked (ACTIVE).`;
  });
}

/** A password that meets Okta's default complexity (lower, upper, digit) with 142 bits of randomness. */
function generatedPassword(): string {
  return `Tg-${randomBase62(24)}-a9Z`;
}

/**
 * Sets a new password (given, checked against the password policy, or generated) and makes the user ACTIVE
 * (from LOCKED_OUT, PASSWORD_EXPIRED or RECOVERY): ends the user's sessions and forgets failed sign-ins.
 * Deactivated and suspended users are refused: they must be activated or unsuspended first.
 */
export async function resetPasswordFromCli(store: WithStore, login: string, password?: string): Promise<{ login: string; password: string; generated: boolean }> {
  return withStore(store, 'reset-password', async (ctx, audit) => {
    const user = await findUser(ctx, login);
    if (!['ACTIVE', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'RECOVERY'].includes(user.status)) {
      throw new AdminCliError(`${user.login} is ${user.status}: only an ACTIVE, LOCKED_OUT, PASSWORD_EXPIRED or RECOVERY user can be given a new password`);
    }
    const chosen = password ?? generatedPassword();
    const problems = await checkPassword(ctx, ctx.db, chosen, { login: user.login, email: user.email, firstName: user.first_name, lastName: user.last_name });
    if (problems.length > 0) throw new AdminCliError(`the password was refused by the password policy: ${problems.join('; ')}`);
    const hash = await hashPassword(chosen);
    await ctx.db.transaction().execute(async (trx) => {
      const now = ctx.clock().toISOString();
      await trx.updateTable('users').set({
        password_hash: hash, password_hook: 0, password_changed: now, failed_logins: 0, last_updated: now,
        ...(user.status === 'ACTIVE' ? {} : { status: 'ACTIVE', status_changed: now }),
      }).where('id', '=', user.id).execute();
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
      await recordEvent(ctx, trx, audit, {
        eventType: 'user.account.update_password', displayMessage: 'User update password for Okta', target: [userTarget(user)],
        debugData: { changedWith: 'TOLLGATE_ADMIN_CLI' },
      });
    });
    return { login: user.login, password: chosen, generated: password === undefined };
  });
}

/** The first line of a stream (a password piped in), without its line ending. */
export async function readFirstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0];
  if (!line) throw new AdminCliError('no password on stdin');
  return line;
}
