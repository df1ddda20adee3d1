import { sql, type Selectable, type SqlBool } from 'kysely';
import type { GroupMembershipListener } from '../identity/groups/membership-listener.js';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { AppGroupAssignmentsTable } from '../platform/db/tables/app-group-assignments.js';
import { errors } from '../platform/errors.js';
import type { AuditContext, LogTarget } from '../events/log-event.js';
import { recordEvent } from '../events/record-event.js';
import { getGroupOrThrow, groupTarget, toOktaGroup, type GroupRow } from '../identity/groups/groups.service.js';
import type { AppRow } from './app-kind.js';
import { appTarget, getAppOrThrow } from './apps.service.js';

/*
 * Okta's application group assignments: a group assigned to an app makes each of its members an app
 * user with scope GROUP, now and whenever a user joins the group later; leaving the group (or the
 * assignment going away) removes the app user again, unless another assigned group still grants the
 * app or the user is also assigned individually (scope USER, which a group never takes away).
 */

export type AppGroupAssignmentRow = Selectable<AppGroupAssignmentsTable>;

export interface AppGroupAssignmentInput {
  priority?: unknown;
  profile?: unknown;
}

/** Okta's ApplicationGroupAssignment JSON; `_embedded.group` when the group is given (`expand=group`). */
export function toOktaAppGroupAssignment(ctx: AppContext, row: AppGroupAssignmentRow, group?: GroupRow): Record<string, unknown> {
  const base = ctx.config.issuer;
  return {
    id: row.group_id,
    lastUpdated: row.last_updated,
    priority: row.priority,
    profile: JSON.parse(row.profile),
    ...(group ? { _embedded: { group: toOktaGroup(ctx, group) } } : {}),
    _links: {
      app: { href: `${base}/api/v1/apps/${row.app_id}` },
      self: { href: `${base}/api/v1/apps/${row.app_id}/groups/${row.group_id}` },
      group: { href: `${base}/api/v1/groups/${row.group_id}` },
    },
  };
}

export async function findAppGroupAssignment(db: Executor, appId: string, groupId: string): Promise<AppGroupAssignmentRow | undefined> {
  return db.selectFrom('app_group_assignments').selectAll().where('app_id', '=', appId).where('group_id', '=', groupId).executeTakeFirst();
}

/** The assignment of a group to an app; E0000007 for an unknown app, or a group not assigned to it. */
export async function getAppGroupAssignmentOrThrow(db: Executor, appId: string, groupId: string): Promise<AppGroupAssignmentRow> {
  await getAppOrThrow(db, appId);
  const row = await findAppGroupAssignment(db, appId, groupId);
  if (!row) throw errors.notFound('AppGroupAssignment', groupId);
  return row;
}

// Assignments made in the same millisecond keep the order they were made in through their priority (each new one
// gets the next priority), so the cursor carries it between the time and the group id.
export function encodeAppGroupCursor(row: Pick<AppGroupAssignmentRow, 'created' | 'priority' | 'group_id'>): string {
  return Buffer.from(`${row.created}|${Number(row.priority)}|${row.group_id}`).toString('base64url');
}

function decodeCursor(after: string): { created: string; priority: number; id: string } {
  const [created, priority, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (!created || !id || !/^\d+$/.test(priority ?? '')) throw errors.validation('after', ['after: Invalid cursor']);
  return { created, priority: Number(priority), id };
}

/** An app's group assignments in the order they were made (`limit + 1` rows); `q` matches group name prefixes. */
export async function listAppGroupAssignments(
  ctx: AppContext, appId: string, query: { q?: string; limit: number; after?: string },
): Promise<Array<{ row: AppGroupAssignmentRow; group: GroupRow }>> {
  await getAppOrThrow(ctx.db, appId);
  let q = ctx.db.selectFrom('app_group_assignments as a')
    .innerJoin('groups as g', 'g.id', 'a.group_id')
    .selectAll('g')
    .select(['a.app_id', 'a.group_id', 'a.priority', 'a.profile as assignment_profile', 'a.created as assigned', 'a.last_updated as assignment_updated'])
    .where('a.app_id', '=', appId);
  if (query.q) {
    const prefix = query.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%';
    q = q.where(sql<SqlBool>`g.name_lower like ${prefix} escape '\\'`);
  }
  if (query.after) {
    const c = decodeCursor(query.after);
    q = q.where((eb) => eb.or([
      eb('a.created', '>', c.created),
      eb.and([eb('a.created', '=', c.created), eb('a.priority', '>', c.priority)]),
      eb.and([eb('a.created', '=', c.created), eb('a.priority', '=', c.priority), eb('a.group_id', '>', c.id)]),
    ]));
  }
  const rows = await q.orderBy('a.created').orderBy('a.priority').orderBy('a.group_id').limit(query.limit + 1).execute();
  return rows.map((r) => ({
    row: { app_id: r.app_id, group_id: r.group_id, priority: Number(r.priority), profile: r.assignment_profile, created: r.assigned, last_updated: r.assignment_updated },
    group: {
      id: r.id, type: r.type, name_lower: r.name_lower, name: r.name, description: r.description, profile: r.profile,
      created: r.created, last_updated: r.last_updated, last_membership_updated: r.last_membership_updated,
    },
  }));
}

/** The apps a group is assigned to, by app creation order (`limit + 1` rows, cursor as the apps list). */
export async function listAppsOfGroup(ctx: AppContext, groupId: string, limit: number, after?: string): Promise<AppRow[]> {
  await getGroupOrThrow(ctx.db, groupId);
  let q = ctx.db.selectFrom('apps').selectAll('apps')
    .innerJoin('app_group_assignments as a', 'a.app_id', 'apps.id')
    .where('a.group_id', '=', groupId);
  if (after) {
    const [created, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
    if (!created || !id) throw errors.validation('after', ['after: Invalid cursor']);
    q = q.where((eb) => eb.or([eb('apps.created', '>', created), eb.and([eb('apps.created', '=', created), eb('apps.id', '>', id)])]));
  }
  return q.orderBy('apps.created').orderBy('apps.id').limit(limit + 1).execute();
}

function validPriority(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 100000) {
    throw errors.validation('priority', ['priority: The priority must be a whole number from 0 to 100000']);
  }
  return value;
}

function validProfile(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw errors.validation('profile', ['profile: The profile must be an object']);
  return value as Record<string, unknown>;
}

type UserForLog = { id: string; login: string; first_name: string | null; last_name: string | null };

function userTarget(user: UserForLog): LogTarget {
  return { id: user.id, type: 'User', alternateId: user.login, displayName: [user.first_name, user.last_name].filter(Boolean).join(' ') || user.login };
}

/** Whether a group assigned to the app (other than `exceptGroupId`) has the user as a member. */
async function grantedByAnotherGroup(db: Executor, appId: string, userId: string, exceptGroupId?: string): Promise<boolean> {
  let q = db.selectFrom('app_group_assignments as a')
    .innerJoin('group_members as m', 'm.group_id', 'a.group_id')
    .select('a.group_id')
    .where('a.app_id', '=', appId)
    .where('m.user_id', '=', userId);
  if (exceptGroupId) q = q.where('a.group_id', '!=', exceptGroupId);
  return (await q.limit(1).executeTakeFirst()) !== undefined;
}

/** Whether the user is a member of a group assigned to the app (so the app cannot be unassigned from the user alone). */
export async function appGrantedByGroup(db: Executor, appId: string, userId: string): Promise<boolean> {
  return grantedByAnotherGroup(db, appId, userId);
}

/** Makes the user an app user with scope GROUP (when not one already), with `application.user_membership.add`. */
async function addGroupAppUser(ctx: AppContext, db: Executor, audit: AuditContext, app: AppRow, assignment: AppGroupAssignmentRow, user: UserForLog): Promise<void> {
  const existing = await db.selectFrom('app_users').select('scope').where('app_id', '=', app.id).where('user_id', '=', user.id).executeTakeFirst();
  if (existing) return;
  const now = ctx.clock().toISOString();
  await db.insertInto('app_users').values({
    app_id: app.id, user_id: user.id, scope: 'GROUP', status: 'ACTIVE', profile: assignment.profile,
    credentials: JSON.stringify({ userName: user.login }), created: now, last_updated: now,
  }).execute();
  await recordEvent(ctx, db, audit, { eventType: 'application.user_membership.add', displayMessage: 'Add user to application membership', target: [userTarget(user), appTarget(app)] });
}

/** Removes the user's GROUP app user unless another assigned group still grants the app; `.remove` logged. */
async function removeGroupAppUser(ctx: AppContext, db: Executor, audit: AuditContext, app: AppRow, groupId: string, user: UserForLog): Promise<void> {
  if (await grantedByAnotherGroup(db, app.id, user.id, groupId)) return;
  const res = await db.deleteFrom('app_users').where('app_id', '=', app.id).where('user_id', '=', user.id).where('scope', '=', 'GROUP').executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) return;
  await recordEvent(ctx, db, audit, { eventType: 'application.user_membership.remove', displayMessage: 'Remove user from application membership', target: [userTarget(user), appTarget(app)] });
}

async function membersOf(db: Executor, groupId: string): Promise<UserForLog[]> {
  return db.selectFrom('users').innerJoin('group_members as m', 'm.user_id', 'users.id')
    .select(['users.id', 'users.login', 'users.first_name', 'users.last_name'])
    .where('m.group_id', '=', groupId).orderBy('users.id').execute();
}

/**
 * Assigns a group to an app (PUT: creates, or replaces priority and profile of an existing assignment).
 * A new assignment makes each member an app user (scope GROUP); all in one transaction with
 * `group.application_assignment.add` (or `.update`) and one `application.user_membership.add` per new app user.
 */
export async function assignGroupToApp(
  ctx: AppContext, audit: AuditContext, appId: string, groupId: string, input: AppGroupAssignmentInput,
): Promise<AppGroupAssignmentRow> {
  const app = await getAppOrThrow(ctx.db, appId);
  const group = await getGroupOrThrow(ctx.db, groupId);
  const priority = validPriority(input.priority);
  const profile = validProfile(input.profile);
  // Everyone's members are implicit (every user, including users created later), which assignments here do not follow.
  if (group.type === 'BUILT_IN') throw errors.validation('group', ['group: The built-in Everyone group cannot be assigned to an app here; assign a group with explicit members']);
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await findAppGroupAssignment(trx, appId, groupId);
    const now = ctx.clock().toISOString();
    const target = [appTarget(app), groupTarget(group)];
    if (existing) {
      const next: AppGroupAssignmentRow = {
        ...existing,
        priority: priority ?? existing.priority,
        profile: profile ? JSON.stringify(profile) : existing.profile,
        last_updated: now,
      };
      await trx.updateTable('app_group_assignments').set(next).where('app_id', '=', appId).where('group_id', '=', groupId).execute();
      await recordEvent(ctx, trx, audit, { eventType: 'group.application_assignment.update', displayMessage: 'Update assigned application in group', target });
      return next;
    }
    const top = await trx.selectFrom('app_group_assignments').select((eb) => eb.fn.max('priority').as('max')).where('app_id', '=', appId).executeTakeFirst();
    const row: AppGroupAssignmentRow = {
      app_id: appId,
      group_id: groupId,
      // Okta: without a priority, the assignment gets the next one after the app's existing assignments.
      priority: priority ?? (top?.max === null || top?.max === undefined ? 0 : Number(top.max) + 1),
      profile: JSON.stringify(profile ?? {}),
      created: now,
      last_updated: now,
    };
    await trx.insertInto('app_group_assignments').values(row).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'group.application_assignment.add', displayMessage: 'Add assigned application to group', target });
    for (const user of await membersOf(trx, groupId)) await addGroupAppUser(ctx, trx, audit, app, row, user);
    return row;
  });
}

/** Removes the members' GROUP app users (when no other group grants them) and the assignment itself, logged. */
async function dropAssignment(ctx: AppContext, db: Executor, audit: AuditContext, app: AppRow, group: GroupRow): Promise<void> {
  for (const user of await membersOf(db, group.id)) await removeGroupAppUser(ctx, db, audit, app, group.id, user);
  await db.deleteFrom('app_group_assignments').where('app_id', '=', app.id).where('group_id', '=', group.id).execute();
  await recordEvent(ctx, db, audit, { eventType: 'group.application_assignment.remove', displayMessage: 'Remove assigned application from group', target: [appTarget(app), groupTarget(group)] });
}

/** DELETE /apps/{appId}/groups/{groupId}: E0000007 when not assigned; the members lose the app (see `dropAssignment`). */
export async function unassignGroupFromApp(ctx: AppContext, audit: AuditContext, appId: string, groupId: string): Promise<void> {
  await getAppGroupAssignmentOrThrow(ctx.db, appId, groupId);
  const app = await getAppOrThrow(ctx.db, appId);
  const group = await getGroupOrThrow(ctx.db, groupId);
  await ctx.db.transaction().execute((trx) => dropAssignment(ctx, trx, audit, app, group));
}

/** For a group being deleted (in its transaction, before its memberships go): takes it off every app. */
export async function unassignGroupFromAllApps(ctx: AppContext, db: Executor, audit: AuditContext, groupId: string): Promise<void> {
  const group = await db.selectFrom('groups').selectAll().where('id', '=', groupId).executeTakeFirst();
  if (!group) return;
  const apps = await db.selectFrom('apps').selectAll('apps').innerJoin('app_group_assignments as a', 'a.app_id', 'apps.id').where('a.group_id', '=', groupId).execute();
  for (const app of apps) await dropAssignment(ctx, db, audit, app, group);
}

/**
 * Called in the transaction of a group membership change, after it: a user now in the group gets each app the
 * group is assigned to (scope GROUP); a user no longer in it loses those that no other group grants.
 */
export async function syncAppsOfGroupMember(ctx: AppContext, db: Executor, audit: AuditContext, groupId: string, userId: string): Promise<void> {
  const assignments = await db.selectFrom('app_group_assignments').selectAll().where('group_id', '=', groupId).execute();
  if (assignments.length === 0) return;
  const user = await db.selectFrom('users').select(['id', 'login', 'first_name', 'last_name']).where('id', '=', userId).executeTakeFirst();
  if (!user) return;
  const member = await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
  for (const assignment of assignments) {
    const app = await getAppOrThrow(db, assignment.app_id);
    if (member) await addGroupAppUser(ctx, db, audit, app, assignment, user);
    else await removeGroupAppUser(ctx, db, audit, app, groupId, user);
  }
}

/** Apps' side of group membership: users follow the apps their groups are assigned to (registered by the composition root). */
export const appsGroupListener: GroupMembershipListener = {
  onMembershipChanged: syncAppsOfGroupMember,
  onGroupDeleted: unassignGroupFromAllApps,
};
