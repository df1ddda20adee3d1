import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import {
  createTrustedOrigin, deleteTrustedOrigin, getTrustedOrigin, listTrustedOrigins, replaceTrustedOrigin, setTrustedOriginStatus,
  toOktaTrustedOrigin, type TrustedOriginInput,
} from './trusted-origins.service.js';
import { TrustedOrigin } from './trusted-origin.schema.js';

const Params = Type.Object({ trustedOriginId: Type.String({ minLength: 1, maxLength: 100 }) });
/** Checked in depth by the service, which names every problem as Okta does. */
const Body = Type.Object({}, { additionalProperties: true });

/** Okta's Trusted Origins API under /api/v1/trustedOrigins. */
export async function trustedOriginRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const actorOf = (request: { principal?: { userId?: string | null } }) => request.principal?.userId ?? null;

  app.get('/trustedOrigins', { schema: { response: { 200: Type.Array(TrustedOrigin) } } }, async () => (await listTrustedOrigins(ctx.db)).map((t) => toOktaTrustedOrigin(ctx, t)));

  app.post('/trustedOrigins', { schema: { body: Body, response: { 200: TrustedOrigin } } }, async (request) => {
    return toOktaTrustedOrigin(ctx, await createTrustedOrigin(ctx, ctx.db, actorOf(request), request.body as TrustedOriginInput));
  });

  app.get('/trustedOrigins/:trustedOriginId', { schema: { params: Params, response: { 200: TrustedOrigin } } }, async (request) => {
    return toOktaTrustedOrigin(ctx, await getTrustedOrigin(ctx.db, request.params.trustedOriginId));
  });

  app.put('/trustedOrigins/:trustedOriginId', { schema: { params: Params, body: Body, response: { 200: TrustedOrigin } } }, async (request) => {
    return toOktaTrustedOrigin(ctx, await replaceTrustedOrigin(ctx, ctx.db, actorOf(request), request.params.trustedOriginId, request.body as TrustedOriginInput));
  });

  app.delete('/trustedOrigins/:trustedOriginId', { schema: { params: Params } }, async (request, reply) => {
    await deleteTrustedOrigin(ctx.db, request.params.trustedOriginId);
    return reply.status(204).send();
  });

  for (const [action, status] of [['activate', 'ACTIVE'], ['deactivate', 'INACTIVE']] as const) {
    app.post(`/trustedOrigins/:trustedOriginId/lifecycle/${action}`, { schema: { params: Params, response: { 200: TrustedOrigin } } }, async (request) => {
      return toOktaTrustedOrigin(ctx, await setTrustedOriginStatus(ctx, ctx.db, actorOf(request), request.params.trustedOriginId, status));
    });
  }
}
