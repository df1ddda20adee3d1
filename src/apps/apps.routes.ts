import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { pageParams, setLinkHeaders, takePage } from '../platform/paging.js';
import { auditOf } from '../identity/auth.js';
import { errors } from '../platform/errors.js';
import type { AppInput } from './app-kind.js';
import { assignUserToApp, findAppUser, listAppUsers, toOktaAppUser, unassignUserFromApp, type AppUserInput } from './app-users.service.js';
import { appGroupRoutes } from './app-groups.routes.js';
import { createApp, deleteApp, encodeAppCursor, getAppOrThrow, listAppRows, replaceApp, setAppStatus, toOktaApp } from './apps.service.js';

const AppParams = Type.Object({ appId: Type.String() });
type AppParams = Static<typeof AppParams>;
const AppUserParams = Type.Object({ appId: Type.String(), userId: Type.String() });
type AppUserParams = Static<typeof AppUserParams>;
const ListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  filter: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
});
type ListQuery = Static<typeof ListQuery>;
const CreateQuery = Type.Object({ activate: Type.Optional(Type.Boolean()) });
type CreateQuery = Static<typeof CreateQuery>;
// Kind-specific parts (settings, credentials) are validated by the app's kind, with Okta's wording.
const AppBody = Type.Object({
  name: Type.Optional(Type.String()),
  label: Type.Optional(Type.String()),
  signOnMode: Type.Optional(Type.String()),
  settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  credentials: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  accessibility: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  visibility: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  profile: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
});
type AppBody = Static<typeof AppBody>;
const AppUserBody = Type.Object({
  id: Type.Optional(Type.String()),
  scope: Type.Optional(Type.String()),
  credentials: Type.Optional(Type.Object({ userName: Type.Optional(Type.String()) })),
  profile: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
type AppUserBody = Static<typeof AppUserBody>;

/** Okta's Applications API: `/api/v1/apps`, lifecycle and user assignments. */
export async function appRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: ListQuery }>('/apps', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const { limit, after } = pageParams(request.query, 20, 200);
    const rows = await listAppRows(ctx, { q: request.query.q, filter: request.query.filter, limit, after });
    const page = takePage(rows, limit, encodeAppCursor);
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items.map((r) => toOktaApp(ctx, r));
  });

  app.post<{ Body: AppBody; Querystring: CreateQuery }>('/apps', { schema: { body: AppBody, querystring: CreateQuery } }, async (request) => {
    const { json } = await createApp(ctx, auditOf(request), request.body as AppInput, request.query.activate ?? true);
    return json;
  });

  app.get<{ Params: AppParams }>('/apps/:appId', { schema: { params: AppParams } }, async (request) => {
    return toOktaApp(ctx, await getAppOrThrow(ctx.db, request.params.appId));
  });

  app.put<{ Params: AppParams; Body: AppBody }>('/apps/:appId', { schema: { params: AppParams, body: AppBody } }, async (request) => {
    return toOktaApp(ctx, await replaceApp(ctx, auditOf(request), request.params.appId, request.body as AppInput));
  });

  app.delete<{ Params: AppParams }>('/apps/:appId', { schema: { params: AppParams } }, async (request, reply) => {
    await deleteApp(ctx, auditOf(request), request.params.appId);
    return reply.status(204).send();
  });

  for (const [action, status] of [['activate', 'ACTIVE'], ['deactivate', 'INACTIVE']] as const) {
    app.post<{ Params: AppParams }>(`/apps/:appId/lifecycle/${action}`, { schema: { params: AppParams } }, async (request) => {
      await setAppStatus(ctx, auditOf(request), request.params.appId, status);
      return {};
    });
  }

  app.get<{ Params: AppParams; Querystring: ListQuery }>('/apps/:appId/users', { schema: { params: AppParams, querystring: ListQuery } }, async (request, reply) => {
    const { limit, after } = pageParams(request.query, 50, 500);
    const rows = await listAppUsers(ctx, request.params.appId, limit, after);
    const page = takePage(rows, limit, (r) => r.user_id);
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items.map((r) => toOktaAppUser(ctx, r));
  });

  app.post<{ Params: AppParams; Body: AppUserBody }>('/apps/:appId/users', { schema: { params: AppParams, body: AppUserBody } }, async (request) => {
    return toOktaAppUser(ctx, await assignUserToApp(ctx, auditOf(request), request.params.appId, request.body as AppUserInput));
  });

  app.get<{ Params: AppUserParams }>('/apps/:appId/users/:userId', { schema: { params: AppUserParams } }, async (request) => {
    await getAppOrThrow(ctx.db, request.params.appId);
    const row = await findAppUser(ctx.db, request.params.appId, request.params.userId);
    if (!row) throw errors.notFound('AppUser', request.params.userId);
    return toOktaAppUser(ctx, row);
  });

  app.post<{ Params: AppUserParams; Body: AppUserBody }>('/apps/:appId/users/:userId', { schema: { params: AppUserParams, body: AppUserBody } }, async (request) => {
    const input = { ...(request.body as AppUserInput), id: request.params.userId };
    return toOktaAppUser(ctx, await assignUserToApp(ctx, auditOf(request), request.params.appId, input));
  });

  app.delete<{ Params: AppUserParams }>('/apps/:appId/users/:userId', { schema: { params: AppUserParams } }, async (request, reply) => {
    await unassignUserFromApp(ctx, auditOf(request), request.params.appId, request.params.userId);
    return reply.status(204).send();
  });

  await appGroupRoutes(app, ctx);
}
