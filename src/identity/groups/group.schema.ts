/**
 * Okta's Group JSON as Tollgate answers it (`okta:user_group` groups; Tollgate has no app-sourced groups):
 * the routes' response schema, the type `toOktaGroup` builds and the console reads.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../platform/schema-kit.js';

const Href = Type.Object({ href: Type.String() });

export const GroupStats = Type.Object({
  usersCount: Type.Number(),
  appsCount: Type.Number(),
  groupPushMappingsCount: Type.Number(),
  hasAdminPrivilege: Type.Boolean(),
});

export const Group = Type.Object({
  id: Type.String(),
  created: Type.String(),
  lastUpdated: Type.String(),
  lastMembershipUpdated: Type.String(),
  objectClass: Type.Array(Type.String()),
  type: Type.String(),
  profile: Type.Object({ name: Type.String(), description: Nullable(Type.String()) }),
  _links: Type.Object({
    logo: Type.Array(Type.Object({ name: Type.String(), href: Type.String(), type: Type.String() })),
    users: Href,
    apps: Href,
  }),
  /** With `expand=stats`. */
  _embedded: Type.Optional(Type.Object({ stats: GroupStats })),
});
export type Group = Static<typeof Group>;
