import type { Kysely } from 'kysely';

// oidc-provider's records are now stored under the SHA-256 of their id with the secret values sealed
// (src/oauth/provider/adapter.ts). Rows written before hold raw codes, refresh tokens and session ids
// and can no longer be found: remove them (their users sign in again). Tollgate's own authorization
// records (keyed by grant id, no secret) stay.
export async function up(db: Kysely<unknown>): Promise<void> {
  await (db as Kysely<{ oauth_store: { model: string } }>).deleteFrom('oauth_store').where('model', '<>', 'TollgateAuthorization').execute();
}

export async function down(): Promise<void> {
  throw new Error('Tollgate migrations are forward-only');
}
