import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { auditOf } from '../auth.js';
import {
  createUserType, deleteUserType, getUserType, listUserTypes, toOktaUserType, updateUserType,
} from './user-types.service.js';
import { UserType } from './user-type.schema.js';

const TypeParams = Type.Object({ typeId: Type.String({ minLength: 1 }) });
const Optional = (s: ReturnType<typeof Type.String>) => Type.Optional(Type.Union([s, Type.Null()]));
const UserTypeBody = Type.Object({
  name: Type.Optional(Type.String()),
  displayName: Optional(Type.String()),
  description: Optional(Type.String()),
});

/** Okta's User Types API under /api/v1/meta/types/user. */
export async function userTypeRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const actorOf = (request: Parameters<typeof auditOf>[0]) => request.principal?.userId ?? null;
  const input = (body: { name?: string; displayName?: string | null; description?: string | null }) => ({
    name: body.name, displayName: body.displayName ?? undefined, description: body.description,
  });

  app.get('/meta/types/user', { schema: { response: { 200: Type.Array(UserType) } } }, async () => (await listUserTypes(ctx, ctx.db)).map((row) => toOktaUserType(ctx, row)));

  app.post('/meta/types/user', { schema: { body: UserTypeBody, response: { 200: UserType } } }, async (request) => {
    const row = await ctx.db.transaction().execute((trx) => createUserType(ctx, trx, actorOf(request), input(request.body)));
    return toOktaUserType(ctx, row);
  });

  app.get('/meta/types/user/:typeId', { schema: { params: TypeParams, response: { 200: UserType } } }, async (request) => {
    return toOktaUserType(ctx, await getUserType(ctx, ctx.db, request.params.typeId));
  });

  app.post('/meta/types/user/:typeId', { schema: { params: TypeParams, body: UserTypeBody, response: { 200: UserType } } }, async (request) => {
    return toOktaUserType(ctx, await updateUserType(ctx, ctx.db, actorOf(request), request.params.typeId, input(request.body), 'partial'));
  });

  app.put('/meta/types/user/:typeId', { schema: { params: TypeParams, body: UserTypeBody, response: { 200: UserType } } }, async (request) => {
    return toOktaUserType(ctx, await updateUserType(ctx, ctx.db, actorOf(request), request.params.typeId, input(request.body), 'replace'));
  });

  app.delete('/meta/types/user/:typeId', { schema: { params: TypeParams } }, async (request, reply) => {
    await ctx.db.transaction().execute((trx) => deleteUserType(ctx, trx, request.params.typeId));
    return reply.status(204).send();
  });
}
