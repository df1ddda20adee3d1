import type { Selectable } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { AppUsersTable } from '../platform/db/tables/apps.js';
import { errors, OktaError } from '../platform/errors.js';
import type { AuditContext } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { appTarget, getAppOrThrow } from './apps.service.js';
import { appGrantedByGroup } from './app-group-assignments.service.js';

export type AppUserRow = Selectable<AppUsersTable>;

export interface AppUserInput {
  id?: string;
  scope?: string;
  credentials?: { userName?: string };
  profile?: Record<string, unknown>;
}

/** Okta's AppUser JSON: an assignment of a user to an app. */
export function toOktaAppUser(ctx: AppContext, row: AppUserRow): Record<string, unknown> {
  return {
    id: row.user_id,
    externalId: null,
    created: row.created,
    lastUpdated: row.last_updated,
    scope: row.scope,
    status: row.status,
    statusChanged: row.created,
    passwordChanged: null,
    syncState: 'DISABLED',
    credentials: JSON.parse(row.credentials),
    profile: JSON.parse(row.profile),
    _links: {
      app: { href: `${ctx.config.issuer}/api/v1/apps/${row.app_id}` },
      user: { href: `${ctx.config.issuer}/api/v1/users/${row.user_id}` },
    },
  };
}

export async function findAppUser(db: Executor, appId: string, userId: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_users').selectAll().where('app_id', '=', appId).where('user_id', '=', userId).executeTakeFirst();
}

/** Assigns a user to an app (or updates the assignment), with `application.user_membership.add`. */
export async function assignUserToApp(ctx: AppContext, audit: AuditContext, appId: string, input: AppUserInput): Promise<AppUserRow> {
  const app = await getAppOrThrow(ctx.db, appId);
  if (!input.id) throw errors.validation('id', ['id: The field cannot be left blank']);
  const user = await ctx.db.selectFrom('users').select(['id', 'login', 'first_name', 'last_name']).where('id', '=', input.id).executeTakeFirst();
  if (!user) throw errors.notFound('User', input.id);
  const now = ctx.clock().toISOString();
  const existing = await findAppUser(ctx.db, appId, user.id);
  const row: AppUserRow = {
    app_id: appId,
    user_id: user.id,
    scope: input.scope ?? existing?.scope ?? 'USER',
    status: 'ACTIVE',
    profile: JSON.stringify(input.profile ?? (existing ? JSON.parse(existing.profile) : {})),
    credentials: JSON.stringify({ userName: input.credentials?.userName ?? user.login }),
    created: existing?.created ?? now,
    last_updated: now,
  };
  const displayName = [user.first_name, user.last_name].filter(Boolean).join(' ') || user.login;
  await ctx.db.transaction().execute(async (trx) => {
    if (existing) await trx.updateTable('app_users').set(row).where('app_id', '=', appId).where('user_id', '=', user.id).execute();
    else await trx.insertInto('app_users').values(row).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: existing ? 'application.user_membership.update' : 'application.user_membership.add',
      displayMessage: existing ? 'Update user assignment to app' : 'Add user to application membership',
      target: [{ id: user.id, type: 'User', alternateId: user.login, displayName }, appTarget(app)],
    });
  });
  return row;
}

/** Removes an assignment, with `application.user_membership.remove`. */
export async function unassignUserFromApp(ctx: AppContext, audit: AuditContext, appId: string, userId: string): Promise<void> {
  const app = await getAppOrThrow(ctx.db, appId);
  const existing = await findAppUser(ctx.db, appId, userId);
  if (!existing) throw errors.notFound('AppUser', userId);
  // Okta refuses to unassign a user whose group memberships grant the app (whatever the app user's scope).
  if (await appGrantedByGroup(ctx.db, appId, userId)) {
    throw new OktaError(403, 'E0000046', 'Deactivate application for user forbidden.', [{ errorSummary: 'The application cannot be unassigned from the user while their group memberships grant them access' }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('app_users').where('app_id', '=', appId).where('user_id', '=', userId).execute();
    await recordEvent(ctx, trx, audit, {
      eventType: 'application.user_membership.remove',
      displayMessage: 'Remove user from application membership',
      target: [{ id: userId, type: 'User', alternateId: userId, displayName: userId }, appTarget(app)],
    });
  });
}

export async function listAppUsers(ctx: AppContext, appId: string, limit: number, after?: string): Promise<AppUserRow[]> {
  await getAppOrThrow(ctx.db, appId);
  let q = ctx.db.selectFrom('app_users').selectAll().where('app_id', '=', appId);
  if (after) q = q.where('user_id', '>', after);
  return q.orderBy('user_id').limit(limit + 1).execute();
}
