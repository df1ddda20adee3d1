/**
 * Hook keys (reference §4.7, OAS `HookKey`): RSA key pairs Tollgate generates and keeps, to sign the
 * `private_key_jwt` client assertions of inline hooks on an OAUTH channel. The admin registers the public key
 * (`GET /api/v1/hook-keys/public/{keyId}`) with the OAuth client the hook authenticates as. The private key
 * is encrypted at rest and never leaves Tollgate.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import type { HookKeysTable } from '../../platform/db/tables/imports.js';
import { errors, OktaError } from '../../platform/errors.js';
import { randomBase62 } from '../../platform/ids.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { parseChannel } from '../channel/channel.js';
import type { HookKey, HookKeyPublicJwk, HookKeyPublicKey } from './hook-key.schema.js';

export type HookKeyRow = Selectable<HookKeysTable>;

/** Okta: "The total number of keys that you can create in an Okta org is limited to 50." */
export const MAX_HOOK_KEYS = 50;
const MAX_NAME = 255;
/** The algorithm of every hook key and of the client assertions signed with it. */
export const HOOK_KEY_ALG = 'RS256';

/** Okta's HookKey JSON and its public JWK (hook-key.schema.ts). */
export type OktaHookKey = HookKey;
export type { HookKeyPublicJwk };

function newHookKeyId(): string {
  return 'HKY' + randomBase62(17);
}

export function publicJwkOf(row: Pick<HookKeyRow, 'public_jwk'>): HookKeyPublicJwk {
  return JSON.parse(row.public_jwk) as HookKeyPublicJwk;
}

export function toOktaHookKey(row: HookKeyRow, used: boolean, withPublicKey: boolean): OktaHookKey {
  return {
    id: row.id,
    keyId: row.key_id,
    name: row.name,
    created: row.created,
    lastUpdated: row.last_updated,
    isUsed: used ? 'true' : 'false',
    ...(withPublicKey ? { _embedded: publicJwkOf(row) } : {}),
  };
}

/** Ids of the hook keys that inline hooks name in `channel.config.hookKeyId`. */
export async function hookKeyIdsInUse(db: Executor): Promise<Set<string>> {
  const hooks = await db.selectFrom('inline_hooks').select('channel').execute();
  const ids = new Set<string>();
  for (const { channel } of hooks) {
    const parsed = parseChannel(channel);
    if (parsed.type === 'OAUTH' && parsed.config.hookKeyId) ids.add(parsed.config.hookKeyId);
  }
  return ids;
}

function targetOf(row: Pick<HookKeyRow, 'id' | 'name' | 'key_id'>) {
  return [{ id: row.id, type: 'HookKey', alternateId: row.key_id, displayName: row.name }];
}

function checkName(name: unknown): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (!trimmed) throw errors.validation('name', ['name: The field cannot be left blank']);
  if (trimmed.length > MAX_NAME) throw errors.validation('name', [`name: The name must be at most ${MAX_NAME} characters`]);
  return trimmed;
}

async function assertNameFree(db: Executor, name: string, exceptId?: string): Promise<void> {
  let q = db.selectFrom('hook_keys').select('id').where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw errors.validation('name', ['name: A key with this name already exists']);
}

export async function findHookKey(db: Executor, id: string): Promise<HookKeyRow | undefined> {
  return db.selectFrom('hook_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getHookKey(db: Executor, id: string): Promise<HookKeyRow> {
  const row = await findHookKey(db, id);
  if (!row) throw errors.notFound('HookKey', id);
  return row;
}

export async function listHookKeys(db: Executor): Promise<HookKeyRow[]> {
  return db.selectFrom('hook_keys').selectAll().orderBy('created', 'asc').orderBy('id', 'asc').execute();
}

/** The public JWK by its alias (`keyId`), as `GET /api/v1/hook-keys/public/{keyId}` answers it. */
export async function getPublicKey(db: Executor, keyId: string): Promise<HookKeyPublicKey> {
  const row = await db.selectFrom('hook_keys').select('public_jwk').where('key_id', '=', keyId).executeTakeFirst();
  if (!row) throw errors.notFound('HookKey', keyId);
  return { _embedded: publicJwkOf(row) };
}

/** Generates a 2048-bit RSA key pair, stores it (private part encrypted) and writes `system.hook.key.created`. */
export async function createHookKey(ctx: AppContext, audit: AuditContext, body: { name?: unknown }): Promise<OktaHookKey> {
  const name = checkName(body.name);
  const { publicKey, privateKey } = await generateKeyPair(HOOK_KEY_ALG, { modulusLength: 2048, extractable: true });
  const keyId = randomUUID();
  const pub = await exportJWK(publicKey);
  const priv = await exportJWK(privateKey);
  const publicJwk: HookKeyPublicJwk = { kty: 'RSA', alg: HOOK_KEY_ALG, kid: keyId, use: null, e: pub.e as string, n: pub.n as string };
  const now = ctx.clock().toISOString();
  const row: HookKeyRow = {
    id: newHookKeyId(),
    key_id: keyId,
    name,
    public_jwk: JSON.stringify(publicJwk),
    private_jwk_encrypted: ctx.secrets.encrypt(JSON.stringify({ ...priv, kid: keyId, alg: HOOK_KEY_ALG })),
    created: now,
    last_updated: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const count = await trx.selectFrom('hook_keys').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_HOOK_KEYS) throw errors.limitExceeded(`An org can have at most ${MAX_HOOK_KEYS} hook keys`);
    await assertNameFree(trx, name);
    await trx.insertInto('hook_keys').values(row).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'system.hook.key.created', displayMessage: 'Create hook key', target: targetOf(row) });
  });
  return toOktaHookKey(row, false, true);
}

/** `PUT`: only the name can change. */
export async function renameHookKey(ctx: AppContext, audit: AuditContext, id: string, body: { name?: unknown }): Promise<OktaHookKey> {
  const name = checkName(body.name);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await getHookKey(trx, id);
    await assertNameFree(trx, name, id);
    const next = { ...current, name, last_updated: ctx.clock().toISOString() };
    await trx.updateTable('hook_keys').set({ name, last_updated: next.last_updated }).where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'system.hook.key.updated', displayMessage: 'Update hook key', target: targetOf(next) });
    return next;
  });
  return toOktaHookKey(row, (await hookKeyIdsInUse(ctx.db)).has(id), false);
}

/** Deletes a key no inline hook uses (Okta: "only keys that aren't being used are eligible for deletion"). */
export async function deleteHookKey(ctx: AppContext, audit: AuditContext, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await getHookKey(trx, id);
    if ((await hookKeyIdsInUse(trx)).has(id)) {
      throw new OktaError(400, 'E0000001', 'Api validation failed: The key is in use', [
        { errorSummary: 'isUsed: The key is used by an inline hook; change the hook to another key before deleting this one' },
      ]);
    }
    await trx.deleteFrom('hook_keys').where('id', '=', id).execute();
    await recordEvent(ctx, trx, audit, { eventType: 'system.hook.key.deleted', displayMessage: 'Delete hook key', target: targetOf(row) });
  });
}

/** The private key of a hook key, to sign with, and its `kid`; undefined when there is no such key. */
export async function hookSigningKey(ctx: AppContext, id: string): Promise<{ key: CryptoKey; kid: string } | undefined> {
  const row = await findHookKey(ctx.db, id);
  if (!row) return undefined;
  const jwk = JSON.parse(ctx.secrets.decrypt(row.private_jwk_encrypted)) as JWK;
  const key = await importJWK(jwk, HOOK_KEY_ALG);
  if (key instanceof Uint8Array) throw new Error('A hook key must be an asymmetric key');
  return { key, kid: row.key_id };
}
