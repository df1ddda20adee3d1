import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { pageParams, setLinkHeaders, takePage } from '../../platform/paging.js';
import { auditOf } from '../auth.js';
import { passwordLifecycleRoutes } from './password-lifecycle.routes.js';
import { listUserGroups } from './user-groups.service.js';
import {
  activateUser, deactivateUser, deleteUser, reactivateUser, suspendUser, unlockUser, unsuspendUser,
} from './user-lifecycle.service.js';
import { listUsers } from './user-search.js';
import { updateUser, type UserUpdateInput } from './user-update.service.js';
import { createUser, requireUser, toOktaUser, type NewUserInput } from './users.service.js';
import { ActivationToken, User } from './user.schema.js';
import { Group } from '../groups/group.schema.js';

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

const UpdateUserBody = Type.Object({
  profile: Type.Optional(Profile),
  credentials: Type.Optional(Credentials),
  type: Type.Optional(UserType),
  realmId: Type.Optional(Type.String()),
});

const UserIdParams = Type.Object({ userId: Type.String({ minLength: 1 }) });
const SendEmail = (def: boolean) => Type.Object({ sendEmail: Type.Boolean({ default: def }) });

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
      response: { 200: User },
    },
  }, async (request) => {
    const { activate, provider, nextLogin } = request.query;
    return createUser(ctx, ctx.db, auditOf(request), request.body as NewUserInput, { activate, provider, nextLogin });
  });

  app.get('/users', {
    schema: {
      querystring: Type.Object({
        q: Type.Optional(Type.String()),
        filter: Type.Optional(Type.String()),
        search: Type.Optional(Type.String()),
        limit: Type.Optional(Type.String()),
        after: Type.Optional(Type.String()),
      }),
      response: { 200: Type.Array(User) },
    },
  }, async (request, reply) => {
    const { q, filter, search } = request.query;
    // Okta's default page is 200 users, 10 for `q`.
    const page = pageParams(request.query, q && !filter && !search ? 10 : 200, 200);
    const rows = await listUsers(ctx, ctx.db, { q, filter, search, ...page });
    const { items, nextAfter } = takePage(rows, page.limit, (r) => r.id);
    setLinkHeaders(request, reply, ctx.config.issuer, nextAfter);
    return items.map((row) => toOktaUser(ctx, row, { list: true }));
  });

  app.get('/users/:userId', { schema: { params: UserIdParams, response: { 200: User } } }, async (request) => {
    // `me` is the user the API token belongs to.
    const id = request.params.userId === 'me' && request.principal ? request.principal.userId : request.params.userId;
    return toOktaUser(ctx, await requireUser(ctx, ctx.db, id));
  });

  app.post('/users/:userId', { schema: { params: UserIdParams, body: UpdateUserBody, response: { 200: User } } }, async (request) => {
    return updateUser(ctx, ctx.db, auditOf(request), request.params.userId, request.body as UserUpdateInput, 'partial');
  });

  app.put('/users/:userId', { schema: { params: UserIdParams, body: UpdateUserBody, response: { 200: User } } }, async (request) => {
    return updateUser(ctx, ctx.db, auditOf(request), request.params.userId, request.body as UserUpdateInput, 'replace');
  });

  app.delete('/users/:userId', { schema: { params: UserIdParams } }, async (request, reply) => {
    await deleteUser(ctx, ctx.db, auditOf(request), request.params.userId);
    return reply.status(204).send();
  });

  app.get('/users/:userId/groups', { schema: { params: UserIdParams, response: { 200: Type.Array(Group) } } }, async (request) => {
    return listUserGroups(ctx, ctx.db, request.params.userId);
  });

  const lifecycle = '/users/:userId/lifecycle';
  app.post(`${lifecycle}/activate`, { schema: { params: UserIdParams, querystring: SendEmail(true), response: { 200: ActivationToken } } }, async (request) => {
    return activateUser(ctx, ctx.db, auditOf(request), request.params.userId, { sendEmail: request.query.sendEmail });
  });
  app.post(`${lifecycle}/reactivate`, { schema: { params: UserIdParams, querystring: SendEmail(false), response: { 200: ActivationToken } } }, async (request) => {
    return reactivateUser(ctx, ctx.db, auditOf(request), request.params.userId, { sendEmail: request.query.sendEmail });
  });
  // Okta answers these with 200 and an empty body.
  const operations = { deactivate: deactivateUser, suspend: suspendUser, unsuspend: unsuspendUser, unlock: unlockUser };
  for (const [name, operation] of Object.entries(operations)) {
    app.post(`${lifecycle}/${name}`, { schema: { params: UserIdParams } }, async (request, reply) => {
      await operation(ctx, ctx.db, auditOf(request), request.params.userId);
      return reply.status(200).send();
    });
  }
  await passwordLifecycleRoutes(scope, ctx);
}
