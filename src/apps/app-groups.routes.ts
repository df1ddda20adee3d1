import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { pageParams, setLinkHeaders, takePage } from '../platform/paging.js';
import { auditOf } from '../identity/auth.js';
import { getGroupOrThrow } from '../identity/groups/groups.service.js';
import {
  assignGroupToApp, encodeAppGroupCursor, getAppGroupAssignmentOrThrow, listAppGroupAssignments, listAppsOfGroup,
  toOktaAppGroupAssignment, unassignGroupFromApp,
} from './app-group-assignments.service.js';
import { encodeAppCursor, toOktaApp } from './apps.service.js';

const AppParams = Type.Object({ appId: Type.String() });
type AppParams = Static<typeof AppParams>;
const AppGroupParams = Type.Object({ appId: Type.String(), groupId: Type.String() });
type AppGroupParams = Static<typeof AppGroupParams>;
const GroupParams = Type.Object({ groupId: Type.String() });
type GroupParams = Static<typeof GroupParams>;
const ListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
  expand: Type.Optional(Type.String()),
});
type ListQuery = Static<typeof ListQuery>;
const ExpandQuery = Type.Object({ expand: Type.Optional(Type.String()) });
type ExpandQuery = Static<typeof ExpandQuery>;
const PageQuery = Type.Object({ limit: Type.Optional(Type.String()), after: Type.Optional(Type.String()) });
type PageQuery = Static<typeof PageQuery>;
// Okta's ApplicationGroupAssignment; `id`, `lastUpdated` and `_links` are read-only and ignored. The body is optional.
const AssignmentBody = Type.Union([
  Type.Object({
    id: Type.Optional(Type.String()),
    priority: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
    profile: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()])),
  }),
  Type.Null(),
]);
type AssignmentBody = Static<typeof AssignmentBody>;

const expands = (expand: string | undefined, what: string) => (expand ?? '').split(',').includes(what);

/** Okta's Application Groups API (`/api/v1/apps/{appId}/groups`) and a group's apps (`/api/v1/groups/{groupId}/apps`). */
export async function appGroupRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Params: AppParams; Querystring: ListQuery }>('/apps/:appId/groups', { schema: { params: AppParams, querystring: ListQuery } }, async (request, reply) => {
    const { limit, after } = pageParams(request.query, 20, 200);
    const rows = await listAppGroupAssignments(ctx, request.params.appId, { q: request.query.q, limit, after });
    const page = takePage(rows, limit, (r) => encodeAppGroupCursor(r.row));
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    const withGroup = expands(request.query.expand, 'group');
    return page.items.map((r) => toOktaAppGroupAssignment(ctx, r.row, withGroup ? r.group : undefined));
  });

  app.get<{ Params: AppGroupParams; Querystring: ExpandQuery }>('/apps/:appId/groups/:groupId', {
    schema: { params: AppGroupParams, querystring: ExpandQuery },
  }, async (request) => {
    const row = await getAppGroupAssignmentOrThrow(ctx.db, request.params.appId, request.params.groupId);
    const group = expands(request.query.expand, 'group') ? await getGroupOrThrow(ctx.db, row.group_id) : undefined;
    return toOktaAppGroupAssignment(ctx, row, group);
  });

  app.put<{ Params: AppGroupParams; Body: AssignmentBody }>('/apps/:appId/groups/:groupId', {
    schema: { params: AppGroupParams, body: AssignmentBody },
  }, async (request) => {
    const body = request.body ?? {};
    const row = await assignGroupToApp(ctx, auditOf(request), request.params.appId, request.params.groupId, { priority: body.priority, profile: body.profile });
    return toOktaAppGroupAssignment(ctx, row);
  });

  app.delete<{ Params: AppGroupParams }>('/apps/:appId/groups/:groupId', { schema: { params: AppGroupParams } }, async (request, reply) => {
    await unassignGroupFromApp(ctx, auditOf(request), request.params.appId, request.params.groupId);
    return reply.status(204).send();
  });

  app.get<{ Params: GroupParams; Querystring: PageQuery }>('/groups/:groupId/apps', { schema: { params: GroupParams, querystring: PageQuery } }, async (request, reply) => {
    const { limit, after } = pageParams(request.query, 20, 200);
    const rows = await listAppsOfGroup(ctx, request.params.groupId, limit, after);
    const page = takePage(rows, limit, encodeAppCursor);
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items.map((r) => toOktaApp(ctx, r));
  });
}
