/** System Log actors and targets for the OAuth endpoints (which are outside Fastify's request objects). */
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Client } from 'oidc-provider';
import { newId } from '../../platform/ids.js';
import { clientOf, type AuditContext, type LogActor, type LogTarget } from '../../events/log-event.js';

export function clientTarget(client: Pick<Client, 'clientId'> & { tollgate_app_id?: unknown; tollgate_app_label?: unknown }): LogTarget {
  const label = typeof client.tollgate_app_label === 'string' ? client.tollgate_app_label : client.clientId;
  return { id: typeof client.tollgate_app_id === 'string' ? client.tollgate_app_id : client.clientId, type: 'AppInstance', alternateId: client.clientId, displayName: label };
}

/** Acting: the user when there is one, else the client itself. */
export function auditForOAuth(koaCtx: KoaContextWithOIDC, user?: LogActor): AuditContext {
  const client = koaCtx.oidc?.client;
  const actor: LogActor = user ?? (client
    ? { ...clientTarget(client), type: 'PublicClientApp' }
    : { id: 'unknown', type: 'PublicClientApp', alternateId: 'unknown', displayName: 'unknown' });
  return {
    actor,
    client: clientOf(koaCtx.ip || null, koaCtx.get('user-agent') || null),
    transactionId: koaCtx.get(REQUEST_ID_HEADER) || newId('request'),
  };
}

/** Set by the dispatcher on every request it hands to oidc-provider (any value a client sent is replaced). */
export const REQUEST_ID_HEADER = 'x-tollgate-request-id';
