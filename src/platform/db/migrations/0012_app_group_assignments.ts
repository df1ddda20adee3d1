import type { Kysely } from 'kysely';

// Apps: groups assigned to an app (Okta's ApplicationGroupAssignment). The members of an assigned group
// become app users with scope GROUP (app_users already has its `scope` column since 0004).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('app_group_assignments')
    .addColumn('app_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_group_assignments_pk', ['app_id', 'group_id'])
    .execute();
  await db.schema.createIndex('app_group_assignments_group').on('app_group_assignments').column('group_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
