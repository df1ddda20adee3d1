import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { GroupsTable } from '../../platform/db/schema.js';

export type GroupRow = Selectable<GroupsTable>;

/** Okta's Group JSON (`okta:user_group` groups; Tollgate has no app-sourced groups). */
export interface OktaGroup {
  id: string;
  created: string;
  lastUpdated: string;
  lastMembershipUpdated: string;
  objectClass: string[];
  type: string;
  profile: { name: string; description: string | null; [custom: string]: unknown };
  _links: {
    logo: Array<{ name: string; href: string; type: string }>;
    users: { href: string };
    apps: { href: string };
  };
}

/** A stored group as Okta's Group JSON, with `_links` on the configured issuer. */
export function toOktaGroup(ctx: AppContext, row: GroupRow): OktaGroup {
  const base = ctx.config.issuer;
  const stored = JSON.parse(row.profile) as Record<string, unknown>;
  return {
    id: row.id,
    created: row.created,
    lastUpdated: row.last_updated,
    lastMembershipUpdated: row.last_membership_updated,
    objectClass: ['okta:user_group'],
    type: row.type,
    profile: { ...stored, name: row.name, description: row.description },
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
