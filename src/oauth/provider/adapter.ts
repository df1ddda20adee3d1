/**
 * oidc-provider's storage, in the database so that several Tollgate instances share codes, refresh tokens,
 * grants, sessions and interactions. One adapter per authorization server (rows are keyed by server). The
 * `Client` model is read from the OIDC apps instead (see clients.ts).
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import { hashToken } from '../../platform/crypto.js';
import { clientMetadataFor } from './clients.js';

/*
 * oidc-provider's ids are the secrets themselves: an authorization code, a refresh token, a session or
 * interaction cookie value, a device user code. As with Tollgate's own sessions, only their SHA-256 is a
 * key in the table, and the payload carries them (its `jti`, `uid`, `userCode`, and an interaction's
 * `returnTo`, whose path is the interaction id) sealed with the secret key; the rest of the payload stays
 * readable (the sessions API ends a user's grants by `accountId`).
 */
const SEALED_FIELDS = ['jti', 'uid', 'userCode', 'returnTo'] as const;

/** The stored key of an oidc-provider id (or uid, or user code). */
export function storeKey(id: string): string {
  return hashToken(id);
}

export function sealPayload(ctx: AppContext, payload: AdapterPayload): string {
  const stored: Record<string, unknown> = { ...payload };
  for (const field of SEALED_FIELDS) {
    if (typeof stored[field] === 'string') stored[field] = { sealed: ctx.secrets.encrypt(stored[field]) };
  }
  return JSON.stringify(stored);
}

export function openPayload(ctx: AppContext, text: string): AdapterPayload {
  const payload = JSON.parse(text) as Record<string, unknown>;
  for (const field of SEALED_FIELDS) {
    const value = payload[field] as { sealed?: unknown } | undefined;
    if (value && typeof value === 'object' && typeof value.sealed === 'string') payload[field] = ctx.secrets.decrypt(value.sealed);
  }
  return payload as AdapterPayload;
}

/** Expired rows are swept at most this often per process. */
const SWEEP_EVERY_MS = 60_000;
let lastSweep = 0;

async function sweepExpired(ctx: AppContext): Promise<void> {
  const now = ctx.clock();
  if (now.getTime() - lastSweep < SWEEP_EVERY_MS) return;
  lastSweep = now.getTime();
  await ctx.db.deleteFrom('oauth_store').where('expires_at', '<', now.toISOString()).execute();
  await ctx.db.deleteFrom('oauth_revoked_tokens').where('expires_at', '<', now.toISOString()).execute();
}

export function adapterFactory(ctx: AppContext, serverId: string): (model: string) => Adapter {
  return (model: string) => (model === 'Client' ? clientAdapter(ctx) : storeAdapter(ctx, serverId, model));
}

function clientAdapter(ctx: AppContext): Adapter {
  const none = async () => undefined;
  return {
    upsert: none, findByUserCode: none, findByUid: none, consume: none, destroy: none, revokeByGrantId: none,
    find: (id: string) => clientMetadataFor(ctx, id),
  };
}

function storeAdapter(ctx: AppContext, serverId: string, model: string): Adapter {
  const rows = () => ctx.db.selectFrom('oauth_store').selectAll().where('server_id', '=', serverId).where('model', '=', model);
  const live = (row: { payload: string; expires_at: string | null; consumed: number } | undefined): AdapterPayload | undefined => {
    if (!row || (row.expires_at && row.expires_at <= ctx.clock().toISOString())) return undefined;
    const payload = openPayload(ctx, row.payload);
    return row.consumed ? { ...payload, consumed: row.consumed } : payload;
  };
  return {
    async upsert(id, payload, expiresIn) {
      const expires = expiresIn ? new Date(ctx.clock().getTime() + expiresIn * 1000).toISOString() : null;
      const values = {
        payload: sealPayload(ctx, payload), grant_id: payload.grantId ?? null,
        uid: payload.uid ? storeKey(payload.uid) : null, user_code: payload.userCode ? storeKey(payload.userCode) : null,
        expires_at: expires, consumed: 0,
      };
      await ctx.db.insertInto('oauth_store').values({ server_id: serverId, model, id: storeKey(id), ...values })
        .onConflict((oc) => oc.columns(['server_id', 'model', 'id']).doUpdateSet(values)).execute();
      await sweepExpired(ctx);
    },
    async find(id) {
      return live(await rows().where('id', '=', storeKey(id)).executeTakeFirst());
    },
    async findByUid(uid) {
      return live(await rows().where('uid', '=', storeKey(uid)).executeTakeFirst());
    },
    async findByUserCode(userCode) {
      return live(await rows().where('user_code', '=', storeKey(userCode)).executeTakeFirst());
    },
    async consume(id) {
      await ctx.db.updateTable('oauth_store').set({ consumed: Math.floor(ctx.clock().getTime() / 1000) })
        .where('server_id', '=', serverId).where('model', '=', model).where('id', '=', storeKey(id)).execute();
    },
    async destroy(id) {
      await ctx.db.deleteFrom('oauth_store').where('server_id', '=', serverId).where('model', '=', model).where('id', '=', storeKey(id)).execute();
    },
    async revokeByGrantId(grantId) {
      await ctx.db.deleteFrom('oauth_store').where('server_id', '=', serverId).where('grant_id', '=', grantId).execute();
    },
  };
}

/** Tollgate's own record of an authorization (the authorize request and the Tollgate session), by grant id. */
export const AUTHORIZATION_RECORD = 'TollgateAuthorization';
