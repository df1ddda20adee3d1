import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { auditOf } from '../auth.js';
import { createUser, requireUser, toOktaUser, type NewUserInput } from './users.service.js';

const Profile = Type.Record(Type.String(), Type.Unknown());
const Credentials = Type.Object({
  password: Type.Optional(Type.Union([Type.Null(), Type.Object({
    value: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    hook: Type.Optional(Type.Union([Type.Null(), Type.Object({ type: Type.String() })])),
  })])),
  recovery_question: Type.Optional(Type.Union([Type.Null(), Type.Object({
    question: Type.Optional(Type.String()),
    answer: Type.Optional(Type.String()),
  })])),
  provider: Type.Optional(Type.Union([Type.Null(), Type.Object({
    type: Type.Optional(Type.String()),
    name: Type.Optional(Type.String()),
  })])),
});
const UserType = Type.Object({ id: Type.String() });

const CreateUserBody = Type.Object({
  profile: Profile,
  credentials: Type.Optional(Credentials),
  type: Type.Optional(UserType),
  groupIds: Type.Optional(Type.Array(Type.String(), { maxItems: 100 })),
  realmId: Type.Optional(Type.String()),
});

const UserIdParams = Type.Object({ userId: Type.String({ minLength: 1 }) });

/** Okta's Users API under /api/v1/users. */
export async function userRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.post('/users', {
    schema: {
      body: CreateUserBody,
      querystring: Type.Object({
        activate: Type.Boolean({ default: true }),
        provider: Type.Boolean({ default: false }),
        nextLogin: Type.Optional(Type.Literal('changePassword')),
      }),
    },
  }, async (request) => {
    const { activate, provider, nextLogin } = request.query;
    return createUser(ctx, ctx.db, auditOf(request), request.body as NewUserInput, { activate, provider, nextLogin });
  });

  app.get('/users/:userId', { schema: { params: UserIdParams } }, async (request) => {
    return toOktaUser(ctx, await requireUser(ctx, ctx.db, request.params.userId));
  });
}
