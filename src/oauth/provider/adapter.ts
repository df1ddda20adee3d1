/**
 * oidc-provider's storage, in the database so that several Tollgate instances share codes, refresh tokens,
 * grants, sessions and interactions. One adapter per authorization server (rows are keyed by server). The
 * `Client` model is read from the OIDC apps instead (see clients.ts).
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import { clientMetadataFor } from './clients.js';

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
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed ? { ...payload, consumed: row.consumed } : payload;
  };
  return {
    async upsert(id, payload, expiresIn) {
      const expires = expiresIn ? new Date(ctx.clock().getTime() + expiresIn * 1000).toISOString() : null;
      const values = {
        payload: JSON.stringify(payload), grant_id: payload.grantId ?? null, uid: payload.uid ?? null, user_code: payload.userCode ?? null,
        expires_at: expires, consumed: 0,
      };
      await ctx.db.insertInto('oauth_store').values({ server_id: serverId, model, id, ...values })
        .onConflict((oc) => oc.columns(['server_id', 'model', 'id']).doUpdateSet(values)).execute();
      await sweepExpired(ctx);
    },
    async find(id) {
      return live(await rows().where('id', '=', id).executeTakeFirst());
    },
    async findByUid(uid) {
      return live(await rows().where('uid', '=', uid).executeTakeFirst());
    },
    async findByUserCode(userCode) {
      return live(await rows().where('user_code', '=', userCode).executeTakeFirst());
    },
    async consume(id) {
      await ctx.db.updateTable('oauth_store').set({ consumed: Math.floor(ctx.clock().getTime() / 1000) })
        .where('server_id', '=', serverId).where('model', '=', model).where('id', '=', id).execute();
    },
    async destroy(id) {
      await ctx.db.deleteFrom('oauth_store').where('server_id', '=', serverId).where('model', '=', model).where('id', '=', id).execute();
    },
    async revokeByGrantId(grantId) {
      await ctx.db.deleteFrom('oauth_store').where('server_id', '=', serverId).where('grant_id', '=', grantId).execute();
    },
  };
}

/** Tollgate's own record of an authorization (the authorize request and the Tollgate session), by grant id. */
export const AUTHORIZATION_RECORD = 'TollgateAuthorization';
