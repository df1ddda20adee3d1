import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { getUserSchema, updateUserSchema } from './profile-schema.service.js';
import type { SchemaUpdateBody } from './schema-update.js';
import { UserSchema } from './user-schema.schema.js';

const SchemaParams = Type.Object({ schemaId: Type.String({ minLength: 1 }) });
const Section = Type.Union([Type.Null(), Type.Object({
  properties: Type.Optional(Type.Union([Type.Null(), Type.Record(Type.String(), Type.Unknown())])),
})]);
const SchemaUpdate = Type.Object({
  definitions: Type.Optional(Type.Union([Type.Null(), Type.Object({
    custom: Type.Optional(Section),
    base: Type.Optional(Section),
  })])),
});

/**
 * Okta's user profile schema: `/api/v1/meta/schemas/user/default` (the default user type) and
 * `/api/v1/meta/schemas/user/{schemaId}` (any type's schema, as its `_links.schema` names it).
 */
export async function profileSchemaRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/meta/schemas/user/:schemaId', { schema: { params: SchemaParams, response: { 200: UserSchema } } }, async (request) => {
    return getUserSchema(ctx, ctx.db, request.params.schemaId);
  });

  app.post('/meta/schemas/user/:schemaId', { schema: { params: SchemaParams, body: SchemaUpdate, response: { 200: UserSchema } } }, async (request) => {
    return updateUserSchema(ctx, ctx.db, request.params.schemaId, request.body as SchemaUpdateBody);
  });
}
