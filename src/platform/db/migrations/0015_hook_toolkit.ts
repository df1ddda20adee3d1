import type { Kysely } from 'kysely';

// The hook developer's toolkit: per-hook recorder and shadow settings, the recorded calls, and the shadow
// endpoint's answers compared with the real ones.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('inline_hook_toolkit')
    .addColumn('hook_id', 'text', (c) => c.primaryKey())
    .addColumn('recording', 'text')
    .addColumn('shadow', 'text')
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('inline_hook_recordings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hook_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('status_code', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inline_hook_recordings_hook').on('inline_hook_recordings').columns(['hook_id', 'created']).execute();
  await db.schema.createTable('inline_hook_shadow_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hook_id', 'text', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('uri', 'text', (c) => c.notNull())
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('primary_decision', 'text', (c) => c.notNull())
    .addColumn('shadow_decision', 'text', (c) => c.notNull())
    .addColumn('shadow_status', 'integer')
    .addColumn('shadow_reply', 'text')
    .addColumn('shadow_error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('agree', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inline_hook_shadow_calls_hook').on('inline_hook_shadow_calls').columns(['hook_id', 'created']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
