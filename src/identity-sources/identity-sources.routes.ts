/**
 * Okta's Identity Sources API (sessions and bulk user data) for Custom Identity Source apps:
 * - `POST /api/v1/identity-sources/{identitySourceId}/sessions`: a new session (one open at a time);
 * - `GET …/sessions`, `GET …/sessions/{sessionId}`, `DELETE …/sessions/{sessionId}` (cancels an open one: 204);
 * - `POST …/sessions/{sessionId}/bulk-upsert` and `…/bulk-delete`: 202, the data kept for the import;
 * - `POST …/sessions/{sessionId}/start-import`: 200 with the TRIGGERED session; the import runs in the background.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../platform/context.js';
import { auditOf } from '../identity/auth.js';
import { bulkDelete, bulkUpsert } from './bulk-data.js';
import { createSession, deleteSession, getSession, listSessions, toOktaSession } from './sessions.service.js';
import { resumeIfStale, startSessionImport } from './session-import.js';

const SourceParams = Type.Object({ identitySourceId: Type.String({ maxLength: 64 }) });
const SessionParams = Type.Object({ identitySourceId: Type.String({ maxLength: 64 }), sessionId: Type.String({ maxLength: 64 }) });
/** The envelope only: every member is checked by bulk-data.ts, so that all problems come back together. */
const BulkBody = Type.Object({ entityType: Type.Optional(Type.Unknown()), profiles: Type.Optional(Type.Unknown()) });

export async function identitySourceRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/identity-sources/:identitySourceId/sessions';

  app.post(base, { schema: { params: SourceParams } }, async (request) => {
    return toOktaSession(await createSession(ctx, auditOf(request), request.params.identitySourceId));
  });

  app.get(base, { schema: { params: SourceParams } }, async (request) => {
    const sessions = await listSessions(ctx, auditOf(request), request.params.identitySourceId);
    for (const session of sessions) await resumeIfStale(ctx, session);
    return sessions.map(toOktaSession);
  });

  app.get(`${base}/:sessionId`, { schema: { params: SessionParams } }, async (request) => {
    const { session } = await getSession(ctx, auditOf(request), request.params.identitySourceId, request.params.sessionId);
    await resumeIfStale(ctx, session);
    return toOktaSession(session);
  });

  app.delete(`${base}/:sessionId`, { schema: { params: SessionParams } }, async (request, reply) => {
    await deleteSession(ctx, auditOf(request), request.params.identitySourceId, request.params.sessionId);
    return reply.status(204).send();
  });

  app.post(`${base}/:sessionId/bulk-upsert`, { schema: { params: SessionParams, body: BulkBody } }, async (request, reply) => {
    await bulkUpsert(ctx, auditOf(request), request.params.identitySourceId, request.params.sessionId, request.body);
    return reply.status(202).send();
  });

  app.post(`${base}/:sessionId/bulk-delete`, { schema: { params: SessionParams, body: BulkBody } }, async (request, reply) => {
    await bulkDelete(ctx, auditOf(request), request.params.identitySourceId, request.params.sessionId, request.body);
    return reply.status(202).send();
  });

  app.post(`${base}/:sessionId/start-import`, { schema: { params: SessionParams } }, async (request) => {
    return toOktaSession(await startSessionImport(ctx, auditOf(request), request.params.identitySourceId, request.params.sessionId));
  });
}
