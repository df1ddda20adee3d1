/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-id`, `webhook-timestamp` and
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, computed afresh on every attempt.
 * A hook signs with every secret that has not expired, so a receiver can move to a new secret while the old
 * one still verifies (rotation). Off until a hook has a secret.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { randomBase62 } from '../../platform/ids.js';
import type { SigningSecret } from './signing-secret.schema.js';

/** A secret as listed (signing-secret.schema.ts; the value only in the answer that created it). */
export type SigningSecretInfo = Omit<SigningSecret, 'secret'>;

/** At most this many secrets per hook, expired ones included (they are removed on rotation). */
const MAX_SECRETS = 5;

export function newSigningSecretValue(): string {
  return 'whsec_' + randomBytes(32).toString('base64');
}

function info(row: { id: string; created: string; expires_at: string | null }, now: string): SigningSecretInfo {
  return { id: row.id, created: row.created, expiresAt: row.expires_at, status: row.expires_at !== null && row.expires_at <= now ? 'EXPIRED' : 'ACTIVE' };
}

export async function listSigningSecrets(ctx: AppContext, db: Executor, hookId: string): Promise<SigningSecretInfo[]> {
  const now = ctx.clock().toISOString();
  const rows = await db.selectFrom('event_hook_signing_secrets').select(['id', 'created', 'expires_at'])
    .where('hook_id', '=', hookId).orderBy('created', 'asc').orderBy('id', 'asc').execute();
  return rows.map((r) => info(r, now));
}

/**
 * Adds a secret (returned once, never again) and lets the others expire after `graceSeconds`: 0 retires
 * them at once; the default gives receivers a day to switch.
 */
export async function rotateSigningSecret(ctx: AppContext, db: Executor, hookId: string, graceSeconds: number, value?: string): Promise<SigningSecretInfo & { secret: string }> {
  const now = ctx.clock();
  const nowIso = now.toISOString();
  const secret = value ?? newSigningSecretValue();
  if (!/^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret) || Buffer.from(secret.slice(6), 'base64').length < 24) {
    throw errors.validation('secret', ['secret: A signing secret is "whsec_" followed by at least 24 bytes in base64']);
  }
  await db.deleteFrom('event_hook_signing_secrets').where('hook_id', '=', hookId).where('expires_at', '<=', nowIso).execute();
  const expiresAt = new Date(now.getTime() + graceSeconds * 1000).toISOString();
  await db.updateTable('event_hook_signing_secrets').set({ expires_at: expiresAt })
    .where('hook_id', '=', hookId).where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', expiresAt)])).execute();
  const count = await db.selectFrom('event_hook_signing_secrets').select((eb) => eb.fn.countAll<number>().as('n')).where('hook_id', '=', hookId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_SECRETS) throw errors.limitExceeded(`An event hook can have at most ${MAX_SECRETS} signing secrets; delete one first`);
  const row = { id: 'whs' + randomBase62(17), hook_id: hookId, secret_encrypted: ctx.secrets.encrypt(secret), created: nowIso, expires_at: null };
  await db.insertInto('event_hook_signing_secrets').values(row).execute();
  return { ...info(row, nowIso), secret };
}

export async function deleteSigningSecret(db: Executor, hookId: string, secretId: string): Promise<void> {
  const result = await db.deleteFrom('event_hook_signing_secrets').where('hook_id', '=', hookId).where('id', '=', secretId).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw errors.notFound('SigningSecret', secretId);
}

/**
 * The keys each hook signs with now (decrypted), by hook id; a hook without any has signing off. A secret that
 * cannot be decrypted makes that hook's entry an error (its deliveries fail rather than go unsigned).
 */
export async function activeSigningKeys(ctx: AppContext, db: Executor, hookIds: string[]): Promise<Map<string, Buffer[] | { error: string }>> {
  const keys = new Map<string, Buffer[] | { error: string }>();
  if (hookIds.length === 0) return keys;
  const now = ctx.clock().toISOString();
  const rows = await db.selectFrom('event_hook_signing_secrets').select(['hook_id', 'secret_encrypted'])
    .where('hook_id', 'in', hookIds).where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created').execute();
  for (const r of rows) {
    const list = keys.get(r.hook_id);
    if (list && !Array.isArray(list)) continue;
    try {
      const key = Buffer.from(ctx.secrets.decrypt(r.secret_encrypted).slice('whsec_'.length), 'base64');
      keys.set(r.hook_id, [...(list ?? []), key]);
    } catch {
      keys.set(r.hook_id, { error: "A signing secret of the hook cannot be decrypted (was the secret key changed?)" });
    }
  }
  return keys;
}

/** The three Standard Webhooks headers for one attempt. */
export function signatureHeaders(keys: Buffer[], messageId: string, timestampSeconds: number, body: string): Record<string, string> {
  if (keys.length === 0) return {};
  const content = `${messageId}.${timestampSeconds}.${body}`;
  const signatures = keys.map((k) => 'v1,' + createHmac('sha256', k).update(content).digest('base64'));
  return { 'webhook-id': messageId, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signatures.join(' ') };
}
