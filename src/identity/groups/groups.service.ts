import { sql, type Selectable, type SqlBool } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { GroupsTable, UsersTable } from '../../platform/db/schema.js';
import { errors, type ErrorCause } from '../../platform/errors.js';
import { filterToSql, type AttributeResolver } from '../../platform/filter.js';
import { newId } from '../../platform/ids.js';
import type { AuditContext, LogTarget } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import './membership-listener.js';
import type { Group } from './group.schema.js';

export type GroupRow = Selectable<GroupsTable>;

/** Okta's Group JSON (group.schema.ts). */
export type OktaGroup = Group;

/** The writable part of a group: Okta's `OktaUserGroupProfile`. */
export interface GroupProfileInput {
  name?: unknown;
  description?: unknown;
  [other: string]: unknown;
}

const NAME_MAX = 255;
const DESCRIPTION_MAX = 1024;

/** A stored group as Okta's Group JSON, with `_links` on the configured issuer. */
export function toOktaGroup(ctx: AppContext, row: GroupRow): OktaGroup {
  const base = ctx.config.issuer;
  return {
    id: row.id,
    created: row.created,
    lastUpdated: row.last_updated,
    lastMembershipUpdated: row.last_membership_updated,
    objectClass: ['okta:user_group'],
    type: row.type,
    profile: { name: row.name, description: row.description },
    _links: {
      logo: [
        { name: 'medium', href: `${base}/img/logos/groups/okta-medium.png`, type: 'image/png' },
        { name: 'large', href: `${base}/img/logos/groups/okta-large.png`, type: 'image/png' },
      ],
      users: { href: `${base}/api/v1/groups/${row.id}/users` },
      apps: { href: `${base}/api/v1/groups/${row.id}/apps` },
    },
  };
}

export function groupTarget(row: Pick<GroupRow, 'id' | 'name'>): LogTarget {
  return { id: row.id, type: 'UserGroup', alternateId: 'unknown', displayName: row.name };
}

export async function findGroup(db: Executor, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getGroupOrThrow(db: Executor, id: string): Promise<GroupRow> {
  const row = await findGroup(db, id);
  if (!row) throw errors.notFound('Group', id);
  return row;
}

/** Okta's causes for a group profile; empty when it is valid. */
function profileProblems(profile: GroupProfileInput | undefined): ErrorCause[] {
  const causes: ErrorCause[] = [];
  if (!profile || typeof profile !== 'object') return [{ errorSummary: 'name: The field cannot be left blank' }];
  const { name, description, ...others } = profile;
  if (name === undefined || name === null || (typeof name === 'string' && name.trim() === '')) causes.push({ errorSummary: 'name: The field cannot be left blank' });
  else if (typeof name !== 'string') causes.push({ errorSummary: 'name: The field must be a string' });
  else if (name.length > NAME_MAX) causes.push({ errorSummary: `name: The field cannot exceed ${NAME_MAX} characters` });
  if (description !== undefined && description !== null) {
    if (typeof description !== 'string') causes.push({ errorSummary: 'description: The field must be a string' });
    else if (description.length > DESCRIPTION_MAX) causes.push({ errorSummary: `description: The field cannot exceed ${DESCRIPTION_MAX} characters` });
  }
  // Okta rejects properties the group profile schema does not define; Tollgate's schema has only these two.
  for (const key of Object.keys(others)) causes.push({ errorSummary: `Property name '${key}' is not defined in profile schema` });
  return causes;
}

function nameTaken(): never {
  throw errors.validation('name', ['name: An object with this field already exists in the current organization']);
}

/** Whether a database error is a unique-constraint violation, on either dialect. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

async function assertNameFree(db: Executor, name: string, exceptId?: string): Promise<void> {
  let q = db.selectFrom('groups').select('id').where('name_lower', '=', name.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) nameTaken();
}

/** Creates an `OKTA_GROUP` and writes `group.lifecycle.create`. Names are unique, case-insensitively. */
export async function createGroup(ctx: AppContext, audit: AuditContext, profile: GroupProfileInput | undefined): Promise<GroupRow> {
  const causes = profileProblems(profile);
  if (causes.length) throw errors.validation(causes[0].errorSummary.split(':')[0], causes);
  const name = String(profile!.name).trim();
  const description = typeof profile!.description === 'string' ? profile!.description : null;
  const now = ctx.clock().toISOString();
  const row: GroupRow = {
    id: newId('group'), type: 'OKTA_GROUP', name, name_lower: name.toLowerCase(), description,
    profile: JSON.stringify({ name, description }), created: now, last_updated: now, last_membership_updated: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await assertNameFree(trx, name);
      await trx.insertInto('groups').values(row).execute();
      await recordEvent(ctx, trx, audit, { eventType: 'group.lifecycle.create', displayMessage: 'Create okta user group', target: [groupTarget(row)] });
    });
  } catch (e) {
    if (isUniqueViolation(e)) nameTaken();
    throw e;
  }
  return row;
}

/** Replaces a group's profile (PUT) and writes `group.profile.update`. The built-in Everyone group is read-only. */
export async function replaceGroup(ctx: AppContext, audit: AuditContext, id: string, profile: GroupProfileInput | undefined): Promise<GroupRow> {
  const existing = await getGroupOrThrow(ctx.db, id);
  if (existing.type === 'BUILT_IN') throw errors.validation('group', ['Cannot modify a built-in group']);
  const causes = profileProblems(profile);
  if (causes.length) throw errors.validation(causes[0].errorSummary.split(':')[0], causes);
  const name = String(profile!.name).trim();
  const description = typeof profile!.description === 'string' ? profile!.description : null;
  const now = ctx.clock().toISOString();
  const row: GroupRow = { ...existing, name, name_lower: name.toLowerCase(), description, profile: JSON.stringify({ name, description }), last_updated: now };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await assertNameFree(trx, name, id);
      const res = await trx.updateTable('groups')
        .set({ name: row.name, name_lower: row.name_lower, description: row.description, profile: row.profile, last_updated: now })
        .where('id', '=', id).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw errors.notFound('Group', id);
      await recordEvent(ctx, trx, audit, {
        eventType: 'group.profile.update', displayMessage: 'Okta group profile updated', target: [groupTarget(row)],
        debugData: { changedAttributes: changed(existing, row).join(',') },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) nameTaken();
    throw e;
  }
  return row;
}

function changed(before: GroupRow, after: GroupRow): string[] {
  const out: string[] = [];
  if (before.name !== after.name) out.push('name');
  if (before.description !== after.description) out.push('description');
  return out;
}

/** Deletes a group and its memberships; writes `group.lifecycle.delete`. The built-in Everyone group stays. */
export async function deleteGroup(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  const existing = await getGroupOrThrow(ctx.db, id);
  if (existing.type === 'BUILT_IN') throw errors.validation('group', ['Cannot delete a built-in group']);
  await ctx.db.transaction().execute(async (trx) => {
    for (const listener of ctx.groupListeners) await listener.onGroupDeleted(ctx, trx, audit, id); // e.g. its members lose the apps it granted
    await trx.deleteFrom('group_members').where('group_id', '=', id).execute();
    const res = await trx.deleteFrom('groups').where('id', '=', id).executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw errors.notFound('Group', id);
    await recordEvent(ctx, trx, audit, { eventType: 'group.lifecycle.delete', displayMessage: 'Delete okta user group', target: [groupTarget(existing)] });
  });
}

/** Page cursors are opaque to callers (as Okta's): the sort key of the last item returned. */
export function encodeCursor(created: string, id: string): string {
  return Buffer.from(`${created}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(after: string): { created: string; id: string } {
  const text = Buffer.from(after, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  if (bar < 1 || !/^\d{4}-\d\d-\d\dT/.test(text)) throw errors.validation('after', ['after: The after cursor is not valid']);
  return { created: text.slice(0, bar), id: text.slice(bar + 1) };
}

/** What `filter` and `search` may name on a group, mapped to columns. */
const groupAttribute: AttributeResolver = (attr) => {
  switch (attr) {
    case 'id': return sql.ref('id');
    case 'type': return sql.ref('type');
    case 'created': return sql.ref('created');
    case 'lastUpdated': return sql.ref('last_updated');
    case 'lastMembershipUpdated': return sql.ref('last_membership_updated');
    case 'profile.name': return sql.ref('name');
    case 'profile.description': return sql.ref('description');
    default: return undefined;
  }
};

export interface GroupListQuery {
  q?: string;
  filter?: string;
  search?: string;
  limit: number;
  after?: string;
}

/** Groups in creation order, `limit + 1` of them so the caller can tell whether a next page exists. */
export async function listGroupRows(ctx: AppContext, query: GroupListQuery): Promise<GroupRow[]> {
  let q = ctx.db.selectFrom('groups').selectAll();
  if (query.q) q = q.where(sql<SqlBool>`name_lower like ${likePrefix(query.q.toLowerCase())} escape '\\'`);
  if (query.filter) q = q.where(filterToSql('filter', query.filter, groupAttribute));
  if (query.search) q = q.where(filterToSql('search', query.search, groupAttribute));
  if (query.after) {
    const c = decodeCursor(query.after);
    q = q.where((eb) => eb.or([eb('created', '>', c.created), eb.and([eb('created', '=', c.created), eb('id', '>', c.id)])]));
  }
  return q.orderBy('created', 'asc').orderBy('id', 'asc').limit(query.limit + 1).execute();
}

function likePrefix(s: string): string {
  return s.replace(/[\\%_]/g, (ch) => '\\' + ch) + '%';
}

/** Members of each group, for `expand=stats`. The Everyone group counts every user. */
export async function memberCounts(ctx: AppContext, rows: GroupRow[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (rows.length === 0) return counts;
  const ids = rows.filter((r) => r.type !== 'BUILT_IN').map((r) => r.id);
  if (ids.length) {
    const found = await ctx.db.selectFrom('group_members').select(['group_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('group_id', 'in', ids).groupBy('group_id').execute();
    for (const f of found) counts.set(f.group_id, Number(f.n));
  }
  if (rows.some((r) => r.type === 'BUILT_IN')) {
    const all = await ctx.db.selectFrom('users').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    for (const r of rows) if (r.type === 'BUILT_IN') counts.set(r.id, Number(all.n));
  }
  return counts;
}

/** Okta's Group JSON with `_embedded.stats` (for `expand=stats`). */
export function withStats(group: OktaGroup, usersCount: number): OktaGroup {
  return { ...group, _embedded: { stats: { usersCount, appsCount: 0, groupPushMappingsCount: 0, hasAdminPrivilege: false } } };
}

export type UserRow = Selectable<UsersTable>;

/**
 * Members of a group in creation order (every user for the built-in Everyone group), `limit + 1` of them so
 * the caller can tell whether a next page exists.
 */
export async function listMemberRows(ctx: AppContext, group: GroupRow, limit: number, after?: string): Promise<UserRow[]> {
  let q = ctx.db.selectFrom('users').selectAll('users');
  if (group.type !== 'BUILT_IN') {
    q = q.innerJoin('group_members', 'group_members.user_id', 'users.id').where('group_members.group_id', '=', group.id);
  }
  if (after) {
    const c = decodeCursor(after);
    q = q.where((eb) => eb.or([eb('users.created', '>', c.created), eb.and([eb('users.created', '=', c.created), eb('users.id', '>', c.id)])]));
  }
  return q.orderBy('users.created', 'asc').orderBy('users.id', 'asc').limit(limit + 1).execute();
}
