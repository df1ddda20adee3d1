import type { Kysely } from 'kysely';

/** Authorization servers and oidc-provider's state (text ids/timestamps/JSON, integer flags, as 0001). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('oauth_servers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('audiences', 'text', (c) => c.notNull())
    .addColumn('issuer_mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_servers_name').on('oauth_servers').column('name').execute();

  await db.schema.createTable('oauth_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('alg', 'text', (c) => c.notNull())
    .addColumn('public_jwk', 'text', (c) => c.notNull())
    .addColumn('private_jwk_encrypted', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_rotated', 'text')
    .execute();
  await db.schema.createIndex('oauth_keys_server').on('oauth_keys').column('server_id').execute();

  await db.schema.createTable('oauth_scopes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('description', 'text')
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('metadata_publish', 'text', (c) => c.notNull())
    .addColumn('optional', 'integer', (c) => c.notNull())
    .addColumn('system', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .addUniqueConstraint('oauth_scopes_server_name', ['server_id', 'name'])
    .execute();

  await db.schema.createTable('oauth_claims')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('claim_type', 'text', (c) => c.notNull())
    .addColumn('value_type', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('always_include_in_token', 'integer', (c) => c.notNull())
    .addColumn('group_filter_type', 'text')
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('system', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .addUniqueConstraint('oauth_claims_server_name_type', ['server_id', 'name', 'claim_type'])
    .execute();

  await db.schema.createTable('oauth_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('system', 'integer', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_policies_server').on('oauth_policies').column('server_id').execute();

  await db.schema.createTable('oauth_policy_rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('system', 'integer', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_updated', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('oauth_policy_rules_policy').on('oauth_policy_rules').column('policy_id').execute();

  await db.schema.createTable('oauth_store')
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('uid', 'text')
    .addColumn('user_code', 'text')
    .addColumn('expires_at', 'text')
    .addColumn('consumed', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('oauth_store_pk', ['server_id', 'model', 'id'])
    .execute();
  await db.schema.createIndex('oauth_store_grant').on('oauth_store').columns(['server_id', 'grant_id']).execute();
  await db.schema.createIndex('oauth_store_uid').on('oauth_store').columns(['server_id', 'model', 'uid']).execute();
  await db.schema.createIndex('oauth_store_expires').on('oauth_store').column('expires_at').execute();

  await db.schema.createTable('oauth_revoked_tokens')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('server_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
