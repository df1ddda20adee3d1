/**
 * `/api/v1/eventHooks` (reference §5.1) with the status codes the Okta SDK expects (200 on create, 204 on
 * delete), plus Tollgate's extensions under each hook: `deliveries` (the delivery log, with replay),
 * `replay`, `outbox` (the hook's queue, dead letters included) and `signingSecrets`.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { pageParams, setLinkHeaders } from '../../platform/paging.js';
import { auditOf } from '../../identity/auth.js';
import { getDelivery, listDeliveries, listQueue, replay, type ReplayRequest } from './deliveries.service.js';
import { EventHookBodySchema } from './event-hook-input.js';
import {
  createEventHook, deleteEventHook, getEventHook, listEventHooks, replaceEventHook, setEventHookStatus, toOktaEventHook,
} from './event-hooks.service.js';
import { addSigningSecret, getSigningSecrets, removeSigningSecret } from './signing.service.js';
import { verifyEventHook } from './verification.js';
import { EventHook } from './event-hook.schema.js';
import { EventHookDelivery, QueuedEvent, ReplayResult } from './delivery.schema.js';
import { SigningSecret } from './signing-secret.schema.js';

const Params = Type.Object({ eventHookId: Type.String() });
const DeliveryParams = Type.Object({ eventHookId: Type.String(), deliveryId: Type.String() });
const SecretParams = Type.Object({ eventHookId: Type.String(), secretId: Type.String() });
const Outcome = Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')]);
const QueueStatus = Type.Union([Type.Literal('PENDING'), Type.Literal('DELIVERED'), Type.Literal('FAILED'), Type.Literal('DEAD_LETTER')]);
const DeliveriesQuery = Type.Object({
  limit: Type.Optional(Type.String()), after: Type.Optional(Type.String()), outcome: Type.Optional(Outcome), eventId: Type.Optional(Type.String()),
});
const QueueQuery = Type.Object({ limit: Type.Optional(Type.String()), after: Type.Optional(Type.String()), status: Type.Optional(QueueStatus) });
const ReplayBody = Type.Object({
  eventIds: Type.Optional(Type.Array(Type.String())),
  status: Type.Optional(Type.Union([Type.Literal('DEAD_LETTER'), Type.Literal('FAILED')])),
  since: Type.Optional(Type.String()),
  until: Type.Optional(Type.String()),
});
const SecretBody = Type.Object({
  graceSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 30 * 24 * 3600 })),
  secret: Type.Optional(Type.String()),
});

export async function eventHookRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/eventHooks', { schema: { response: { 200: Type.Array(EventHook) } } }, async () => (await listEventHooks(ctx.db)).map((row) => toOktaEventHook(ctx, row)));

  app.post('/eventHooks', { schema: { body: EventHookBodySchema, response: { 200: EventHook } } }, async (request) => createEventHook(ctx, auditOf(request), request.body));

  app.get('/eventHooks/:eventHookId', { schema: { params: Params, response: { 200: EventHook } } }, async (request) => {
    return toOktaEventHook(ctx, await getEventHook(ctx.db, request.params.eventHookId));
  });

  app.put('/eventHooks/:eventHookId', { schema: { params: Params, body: EventHookBodySchema, response: { 200: EventHook } } }, async (request) => {
    return replaceEventHook(ctx, auditOf(request), request.params.eventHookId, request.body);
  });

  app.delete('/eventHooks/:eventHookId', { schema: { params: Params } }, async (request, reply) => {
    await deleteEventHook(ctx, auditOf(request), request.params.eventHookId);
    return reply.status(204).send();
  });

  app.post('/eventHooks/:eventHookId/lifecycle/activate', { schema: { params: Params, response: { 200: EventHook } } }, async (request) => {
    return setEventHookStatus(ctx, auditOf(request), request.params.eventHookId, 'ACTIVE');
  });

  app.post('/eventHooks/:eventHookId/lifecycle/deactivate', { schema: { params: Params, response: { 200: EventHook } } }, async (request) => {
    return setEventHookStatus(ctx, auditOf(request), request.params.eventHookId, 'INACTIVE');
  });

  app.post('/eventHooks/:eventHookId/lifecycle/verify', { schema: { params: Params, response: { 200: EventHook } } }, async (request) => {
    return verifyEventHook(ctx, auditOf(request), request.params.eventHookId);
  });

  // Tollgate's extensions.

  app.get('/eventHooks/:eventHookId/deliveries', { schema: { params: Params, querystring: DeliveriesQuery, response: { 200: Type.Array(EventHookDelivery) } } }, async (request, reply) => {
    const { limit, after } = pageParams(request.query, 50, 200);
    const page = await listDeliveries(ctx, request.params.eventHookId, { limit, after, outcome: request.query.outcome, eventUuid: request.query.eventId });
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items;
  });

  app.get('/eventHooks/:eventHookId/deliveries/:deliveryId', { schema: { params: DeliveryParams, response: { 200: EventHookDelivery } } }, async (request) => {
    return getDelivery(ctx, request.params.eventHookId, request.params.deliveryId);
  });

  app.post('/eventHooks/:eventHookId/deliveries/:deliveryId/replay', { schema: { params: DeliveryParams, response: { 202: ReplayResult } } }, async (request, reply) => {
    const result = await replay(ctx, auditOf(request), request.params.eventHookId, { kind: 'delivery', deliveryId: request.params.deliveryId });
    return reply.status(202).send(result);
  });

  app.post('/eventHooks/:eventHookId/replay', { schema: { params: Params, body: ReplayBody, response: { 202: ReplayResult } } }, async (request, reply) => {
    const result = await replay(ctx, auditOf(request), request.params.eventHookId, replayRequest(request.body));
    return reply.status(202).send(result);
  });

  app.get('/eventHooks/:eventHookId/outbox', { schema: { params: Params, querystring: QueueQuery, response: { 200: Type.Array(QueuedEvent) } } }, async (request, reply) => {
    const { limit, after } = pageParams(request.query, 100, 500);
    const page = await listQueue(ctx, request.params.eventHookId, { limit, after, status: request.query.status });
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items;
  });

  app.get('/eventHooks/:eventHookId/signingSecrets', { schema: { params: Params, response: { 200: Type.Array(SigningSecret) } } }, async (request) => {
    return getSigningSecrets(ctx, request.params.eventHookId);
  });

  app.post('/eventHooks/:eventHookId/signingSecrets', { schema: { params: Params, body: Type.Optional(SecretBody), response: { 200: SigningSecret } } }, async (request) => {
    return addSigningSecret(ctx, auditOf(request), request.params.eventHookId, request.body ?? {});
  });

  app.delete('/eventHooks/:eventHookId/signingSecrets/:secretId', { schema: { params: SecretParams } }, async (request, reply) => {
    await removeSigningSecret(ctx, auditOf(request), request.params.eventHookId, request.params.secretId);
    return reply.status(204).send();
  });
}

/** Exactly one of: `eventIds`, `status`, or `since` with `until`. */
function replayRequest(body: { eventIds?: string[]; status?: 'DEAD_LETTER' | 'FAILED'; since?: string; until?: string }): ReplayRequest {
  const given = [body.eventIds !== undefined, body.status !== undefined, body.since !== undefined || body.until !== undefined].filter(Boolean).length;
  if (given !== 1) throw errors.validation('body', ['body: Give exactly one of eventIds, status, or since and until']);
  if (body.eventIds) return { kind: 'events', eventUuids: body.eventIds };
  if (body.status) return { kind: 'status', status: body.status };
  const since = Date.parse(body.since ?? '');
  const until = Date.parse(body.until ?? '');
  if (Number.isNaN(since)) throw errors.validation('since', ['since: Invalid date, expected ISO 8601 format (e.g. 2024-01-01T00:00:00.000Z)']);
  if (Number.isNaN(until)) throw errors.validation('until', ['until: Invalid date, expected ISO 8601 format (e.g. 2024-01-01T00:00:00.000Z)']);
  return { kind: 'range', since: new Date(since).toISOString(), until: new Date(until).toISOString() };
}
