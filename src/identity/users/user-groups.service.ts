import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { toOktaGroup, type OktaGroup } from '../groups/groups.service.js';
import { requireUser } from './users.service.js';

/** The groups a user belongs to: the built-in Everyone group (implicit for every user), then its groups by name. */
export async function listUserGroups(ctx: AppContext, db: Executor, idOrLogin: string): Promise<OktaGroup[]> {
  const user = await requireUser(ctx, db, idOrLogin);
  const builtIn = await db.selectFrom('groups').selectAll().where('type', '=', 'BUILT_IN').orderBy('name_lower').execute();
  const member = await db.selectFrom('groups').innerJoin('group_members', 'group_members.group_id', 'groups.id')
    .selectAll('groups').where('group_members.user_id', '=', user.id).where('groups.type', '<>', 'BUILT_IN')
    .orderBy('groups.name_lower').execute();
  return [...builtIn, ...member].map((g) => toOktaGroup(ctx, g));
}
