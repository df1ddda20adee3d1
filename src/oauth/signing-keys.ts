/**
 * Each authorization server signs with its own RSA key (Okta: RS256, `use: sig`). Private keys are stored
 * encrypted; a rotation makes a new ACTIVE key and keeps the old one published (EXPIRED) so tokens it signed
 * still verify.
 */
import { generateKeyPair, type JsonWebKey, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { Selectable } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Executor } from '../platform/db/index.js';
import type { OAuthKeysTable } from '../platform/db/tables/oauth.js';
import { newOAuthId } from './oauth-ids.js';

export type KeyRow = Selectable<OAuthKeysTable>;
export type PublicJwk = JsonWebKey & { kid: string; alg: string; use: string; kty: string };

/** How many retired keys stay published after a rotation. */
const KEPT_EXPIRED_KEYS = 2;

const generateRsa = promisify(generateKeyPair);

/** A new RSA key (generated off the event loop). */
export async function newSigningKey(ctx: AppContext, serverId: string, status: 'ACTIVE' | 'NEXT'): Promise<KeyRow> {
  const { privateKey } = await generateRsa('rsa', { modulusLength: 2048 }) as { privateKey: KeyObject };
  const kid = newOAuthId('key');
  const priv = privateKey.export({ format: 'jwk' });
  const publicJwk: PublicJwk = { kty: 'RSA', alg: 'RS256', kid, use: 'sig', e: priv.e, n: priv.n };
  const now = ctx.clock().toISOString();
  return {
    id: kid,
    server_id: serverId,
    status,
    alg: 'RS256',
    public_jwk: JSON.stringify(publicJwk),
    private_jwk_encrypted: ctx.secrets.encrypt(JSON.stringify({ ...priv, kid, alg: 'RS256', use: 'sig' })),
    created: now,
    last_rotated: status === 'ACTIVE' ? now : null,
  };
}

export async function listKeyRows(db: Executor, serverId: string): Promise<KeyRow[]> {
  const rows = await db.selectFrom('oauth_keys').selectAll().where('server_id', '=', serverId).orderBy('created', 'desc').execute();
  const order: Record<string, number> = { ACTIVE: 0, NEXT: 1, EXPIRED: 2 };
  return rows.sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3));
}

export function publicJwkOf(row: KeyRow): PublicJwk {
  return JSON.parse(row.public_jwk) as PublicJwk;
}

/** The private JWKs to sign with: the ACTIVE key first (oidc-provider signs with the first that fits). */
export function privateJwksOf(ctx: AppContext, rows: KeyRow[]): Array<JsonWebKey & { kid: string }> {
  return rows.map((r) => JSON.parse(ctx.secrets.decrypt(r.private_jwk_encrypted)) as JsonWebKey & { kid: string });
}

/** Okta's AuthorizationServerJsonWebKey. */
export function toOktaKey(ctx: AppContext, serverId: string, row: KeyRow): Record<string, unknown> {
  const jwk = publicJwkOf(row);
  return {
    status: row.status, alg: jwk.alg, e: jwk.e, n: jwk.n, use: jwk.use, kid: jwk.kid, kty: jwk.kty,
    _links: { self: { href: `${ctx.config.issuer}/api/v1/authorizationServers/${serverId}/credentials/keys/${jwk.kid}`, hints: { allow: ['GET'] } } },
  };
}

/** Makes `fresh` (from newSigningKey) the ACTIVE key; the old one becomes EXPIRED (the oldest EXPIRED beyond the kept ones go). */
export async function rotateKeys(trx: Executor, serverId: string, fresh: KeyRow): Promise<KeyRow> {
  await trx.updateTable('oauth_keys').set({ status: 'EXPIRED' }).where('server_id', '=', serverId).where('status', 'in', ['ACTIVE', 'NEXT']).execute();
  await trx.insertInto('oauth_keys').values(fresh).execute();
  const expired = (await listKeyRows(trx, serverId)).filter((r) => r.status === 'EXPIRED');
  const drop = expired.slice(KEPT_EXPIRED_KEYS).map((r) => r.id);
  if (drop.length) await trx.deleteFrom('oauth_keys').where('id', 'in', drop).execute();
  return fresh;
}
