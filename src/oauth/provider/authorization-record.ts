/**
 * What the token hook needs later from the authorize step: the authorize request's parameters and the
 * Tollgate session that signed the user in. Kept by grant id (a grant outlives its codes and refresh tokens).
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import { findSession, sessionCookieName, userActor } from '../../identity/sessions/sessions.service.js';
import { recordEvent } from '../../events/record-event.js';
import { AUTHORIZATION_RECORD } from './adapter.js';
import { auditForOAuth, clientTarget } from './oauth-audit.js';

export interface AuthorizationRecord {
  request: Record<string, unknown>;
  sessionId: string | null;
}

const KEPT_PARAMS = ['scope', 'state', 'redirect_uri', 'response_mode', 'response_type', 'client_id', 'nonce'];
const FIVE_YEARS_MS = 5 * 365 * 24 * 3600 * 1000;

export async function recordAuthorization(ctx: AppContext, serverId: string, koaCtx: KoaContextWithOIDC): Promise<void> {
  const location = koaCtx.response.get('location');
  const client = koaCtx.oidc.client;
  const grantId = client ? koaCtx.oidc.session?.grantIdFor(client.clientId) : undefined;
  if (!client || !grantId || !/[?&#]code=/.test(location)) return;
  const params = (koaCtx.oidc.params ?? {}) as Record<string, unknown>;
  const request = Object.fromEntries(KEPT_PARAMS.filter((k) => params[k] !== undefined).map((k) => [k, params[k]]));
  const found = await findSession(ctx, koaCtx.cookies.get(sessionCookieName(ctx.config), { signed: false }));
  const record: AuthorizationRecord = { request, sessionId: found?.session.id ?? null };
  const values = {
    payload: JSON.stringify(record), grant_id: grantId, uid: null, user_code: null,
    expires_at: new Date(ctx.clock().getTime() + FIVE_YEARS_MS).toISOString(), consumed: 0,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('oauth_store').values({ server_id: serverId, model: AUTHORIZATION_RECORD, id: grantId, ...values })
      .onConflict((oc) => oc.columns(['server_id', 'model', 'id']).doUpdateSet(values)).execute();
    const audit = auditForOAuth(koaCtx, found ? userActor(found.user) : undefined);
    await recordEvent(ctx, trx, audit, {
      eventType: 'app.oauth2.as.authorize.code', displayMessage: 'OAuth2 authorization code request', outcome: 'SUCCESS',
      target: [clientTarget(client)], debugData: { authorizationServerId: serverId, requestedScopes: String(params.scope ?? ''), grantId },
    });
  });
}

export async function findAuthorization(ctx: AppContext, serverId: string, grantId: string | undefined): Promise<AuthorizationRecord | undefined> {
  if (!grantId) return undefined;
  const row = await ctx.db.selectFrom('oauth_store').select('payload').where('server_id', '=', serverId)
    .where('model', '=', AUTHORIZATION_RECORD).where('id', '=', grantId).executeTakeFirst();
  return row ? JSON.parse(row.payload) as AuthorizationRecord : undefined;
}
