import type { Kysely } from 'kysely';

// Workflows scheduler: each tick of a scheduled flow is claimed with one insert; the primary key lets one
// instance win, so a tick runs once across all instances sharing the database.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('flow_schedule_ticks')
    .addColumn('flow_id', 'text', (c) => c.notNull())
    .addColumn('tick', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('execution_id', 'text')
    .addPrimaryKeyConstraint('flow_schedule_ticks_pk', ['flow_id', 'tick'])
    .execute();
  // Purging old ticks.
  await db.schema.createIndex('flow_schedule_ticks_claimed_at').on('flow_schedule_ticks').column('claimed_at').execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
