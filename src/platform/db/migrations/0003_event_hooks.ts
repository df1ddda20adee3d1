import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('event_hooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('verification_status', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('filter', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('secret_encrypted', 'text')
    .addColumn('delivery_policy', 'text', (c) => c.notNull())
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();

  await db.schema.createTable('event_hook_signing_secrets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hook_id', 'text', (c) => c.notNull())
    .addColumn('secret_encrypted', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .execute();
  await db.schema.createIndex('event_hook_signing_secrets_hook').on('event_hook_signing_secrets').column('hook_id').execute();

  await db.schema.createTable('event_hook_config_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await (db as Kysely<{ event_hook_config_version: { id: number; version: number } }>).insertInto('event_hook_config_version').values({ id: 1, version: 0 }).execute();

  await db.schema.createTable('event_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sink', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('event_uuid', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('published', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('updated', 'text', (c) => c.notNull())
    .addUniqueConstraint('event_outbox_event_per_target', ['sink', 'target_id', 'event_uuid'])
    .execute();
  // Finding due work: pending rows by receiver and due time.
  await db.schema.createIndex('event_outbox_due').on('event_outbox').columns(['status', 'sink', 'target_id', 'next_attempt_at']).execute();
  await db.schema.createIndex('event_outbox_target_published').on('event_outbox').columns(['sink', 'target_id', 'published']).execute();

  await db.schema.createTable('event_hook_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hook_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('event_uuids', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('response_excerpt', 'text')
    .addColumn('error', 'text')
    .addColumn('worker', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('event_hook_deliveries_hook').on('event_hook_deliveries').columns(['hook_id', 'created']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
