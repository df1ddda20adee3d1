import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { pageParams, setLinkHeaders, takePage } from '../../platform/paging.js';
import { auditOf } from '../auth.js';
import { toOktaUser } from '../users/users.service.js';
import {
  createGroup, deleteGroup, encodeCursor, getGroupOrThrow, listGroupRows, listMemberRows, memberCounts, replaceGroup,
  toOktaGroup, withStats, type GroupProfileInput,
} from './groups.service.js';
import { addUserToGroup, removeUserFromGroup } from './membership.service.js';
import { Group } from './group.schema.js';
import { User } from '../users/user.schema.js';

const GroupParams = Type.Object({ groupId: Type.String() });
type GroupParams = Static<typeof GroupParams>;
const MemberParams = Type.Object({ groupId: Type.String(), userId: Type.String() });
type MemberParams = Static<typeof MemberParams>;

const ListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  filter: Type.Optional(Type.String()),
  search: Type.Optional(Type.String()),
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
  expand: Type.Optional(Type.String()),
  sortBy: Type.Optional(Type.String()),
  sortOrder: Type.Optional(Type.String()),
});
type ListQuery = Static<typeof ListQuery>;

const PageQuery = Type.Object({ limit: Type.Optional(Type.String()), after: Type.Optional(Type.String()) });
type PageQuery = Static<typeof PageQuery>;

// The profile is checked by the service so that every problem is reported with Okta's wording.
const GroupBody = Type.Object({ profile: Type.Optional(Type.Record(Type.String(), Type.Unknown())) });
type GroupBody = Static<typeof GroupBody>;

/** Okta's Groups API: `/api/v1/groups` and memberships. */
export async function groupRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get<{ Querystring: ListQuery }>('/groups', { schema: { querystring: ListQuery, response: { 200: Type.Array(Group) } } }, async (request, reply) => {
    const query = request.query;
    // Okta's default page for a `q` lookup is 300; other lists return up to 10000 groups.
    const { limit, after } = pageParams(query, query.q ? 300 : 10000, 10000);
    const rows = await listGroupRows(ctx, { q: query.q, filter: query.filter, search: query.search, limit, after });
    const page = takePage(rows, limit, (r) => encodeCursor(r.created, r.id));
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    const groups = page.items.map((r) => toOktaGroup(ctx, r));
    if (!(query.expand ?? '').split(',').includes('stats')) return groups;
    const counts = await memberCounts(ctx, page.items);
    return groups.map((g) => withStats(g, counts.get(g.id) ?? 0));
  });

  app.post<{ Body: GroupBody }>('/groups', { schema: { body: GroupBody, response: { 200: Group } } }, async (request) => {
    const row = await createGroup(ctx, auditOf(request), request.body.profile as GroupProfileInput | undefined);
    return toOktaGroup(ctx, row);
  });

  app.get<{ Params: GroupParams; Querystring: { expand?: string } }>('/groups/:groupId', {
    schema: { params: GroupParams, querystring: Type.Object({ expand: Type.Optional(Type.String()) }), response: { 200: Group } },
  }, async (request) => {
    const row = await getGroupOrThrow(ctx.db, request.params.groupId);
    const group = toOktaGroup(ctx, row);
    if (!(request.query.expand ?? '').split(',').includes('stats')) return group;
    return withStats(group, (await memberCounts(ctx, [row])).get(row.id) ?? 0);
  });

  app.put<{ Params: GroupParams; Body: GroupBody }>('/groups/:groupId', { schema: { params: GroupParams, body: GroupBody, response: { 200: Group } } }, async (request) => {
    const row = await replaceGroup(ctx, auditOf(request), request.params.groupId, request.body.profile as GroupProfileInput | undefined);
    return toOktaGroup(ctx, row);
  });

  app.delete<{ Params: GroupParams }>('/groups/:groupId', { schema: { params: GroupParams } }, async (request, reply) => {
    await deleteGroup(ctx, auditOf(request), request.params.groupId);
    return reply.status(204).send();
  });

  app.get<{ Params: GroupParams; Querystring: PageQuery }>('/groups/:groupId/users', {
    schema: { params: GroupParams, querystring: PageQuery, response: { 200: Type.Array(User) } },
  }, async (request, reply) => {
    const group = await getGroupOrThrow(ctx.db, request.params.groupId);
    const { limit, after } = pageParams(request.query, 1000, 1000);
    const page = takePage(await listMemberRows(ctx, group, limit, after), limit, (r) => encodeCursor(r.created, r.id));
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items.map((r) => toOktaUser(ctx, r));
  });

  app.put<{ Params: MemberParams }>('/groups/:groupId/users/:userId', { schema: { params: MemberParams } }, async (request, reply) => {
    const audit = auditOf(request);
    await ctx.db.transaction().execute((trx) => addUserToGroup(ctx, trx, audit, request.params.groupId, request.params.userId));
    return reply.status(204).send();
  });

  app.delete<{ Params: MemberParams }>('/groups/:groupId/users/:userId', { schema: { params: MemberParams } }, async (request, reply) => {
    const audit = auditOf(request);
    await ctx.db.transaction().execute((trx) => removeUserFromGroup(ctx, trx, audit, request.params.groupId, request.params.userId));
    return reply.status(204).send();
  });
}
