import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import './membership-listener.js';

async function loadPair(db: Executor, groupId: string, userId: string) {
  const group = await db.selectFrom('groups').select(['id', 'name', 'type']).where('id', '=', groupId).executeTakeFirst();
  if (!group) throw errors.notFound('Group', groupId);
  const user = await db.selectFrom('users').select(['id', 'login', 'first_name', 'last_name']).where('id', '=', userId).executeTakeFirst();
  if (!user) throw errors.notFound('User', userId);
  return { group, user };
}

function targets(group: { id: string; name: string }, user: { id: string; login: string; first_name: string | null; last_name: string | null }) {
  return [
    { id: user.id, type: 'User', alternateId: user.login, displayName: [user.first_name, user.last_name].filter(Boolean).join(' ') || user.login },
    { id: group.id, type: 'UserGroup', alternateId: 'unknown', displayName: group.name },
  ];
}

/**
 * Adds a user to a group (idempotent, as Okta's PUT) and writes `group.user_membership.add`. Members of the
 * built-in Everyone group are implicit, so that group refuses changes.
 */
export async function addUserToGroup(ctx: AppContext, db: Executor, audit: AuditContext, groupId: string, userId: string): Promise<void> {
  const { group, user } = await loadPair(db, groupId, userId);
  if (group.type === 'BUILT_IN') throw errors.validation('group', ['Cannot modify the membership of a built-in group']);
  const existing = await db.selectFrom('group_members').select('user_id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
  if (existing) return;
  const now = ctx.clock().toISOString();
  await db.insertInto('group_members').values({ group_id: groupId, user_id: userId, created: now }).execute();
  await db.updateTable('groups').set({ last_membership_updated: now }).where('id', '=', groupId).execute();
  await recordEvent(ctx, db, audit, { eventType: 'group.user_membership.add', displayMessage: 'Add user to group membership', target: targets(group, user) });
  for (const listener of ctx.groupListeners) await listener.onMembershipChanged(ctx, db, audit, groupId, userId); // e.g. the apps assigned to the group
}

/** Removes a user from a group and writes `group.user_membership.remove`; a no-op when not a member. */
export async function removeUserFromGroup(ctx: AppContext, db: Executor, audit: AuditContext, groupId: string, userId: string): Promise<void> {
  const { group, user } = await loadPair(db, groupId, userId);
  if (group.type === 'BUILT_IN') throw errors.validation('group', ['Cannot modify the membership of a built-in group']);
  const res = await db.deleteFrom('group_members').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) return;
  const now = ctx.clock().toISOString();
  await db.updateTable('groups').set({ last_membership_updated: now }).where('id', '=', groupId).execute();
  await recordEvent(ctx, db, audit, { eventType: 'group.user_membership.remove', displayMessage: 'Remove user from group membership', target: targets(group, user) });
  for (const listener of ctx.groupListeners) await listener.onMembershipChanged(ctx, db, audit, groupId, userId); // e.g. the apps assigned to the group
}
