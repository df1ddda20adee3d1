import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { errors } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import { principalForToken, type Principal } from './api-tokens/api-tokens.service.js';
import { clientOf, SYSTEM_ACTOR, type AuditContext } from './system-log/log-event.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/** onRequest hook for the management API: `Authorization: SSWS <token>`, else Okta's 401 (E0000011). */
export function requireApiToken(ctx: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const header = request.headers.authorization ?? '';
    const match = /^SSWS\s+(\S+)\s*$/i.exec(header);
    const principal = match ? await principalForToken(ctx, match[1]) : undefined;
    if (!principal) throw errors.invalidToken();
    request.principal = principal;
  };
}

/** Who is acting in this request, for the System Log. */
export function auditOf(request: FastifyRequest): AuditContext {
  const p = request.principal;
  const actor = p ? { id: p.userId, type: 'User', alternateId: p.login, displayName: p.displayName } : SYSTEM_ACTOR;
  return {
    actor,
    client: clientOf(request.ip ?? null, (request.headers['user-agent'] as string | undefined) ?? null),
    transactionId: String(request.id ?? newId('request')),
  };
}
