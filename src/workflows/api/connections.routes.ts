/**
 * Workflows connections under the Workflows API, `/api/workflows/v1/connections`, with the management
 * API's credentials (SSWS token, or an admin's console session): list (paged, `Link` header; each with the
 * flows that use it), read, create, bind / re-bind / unbind (PUT), delete (refused while flows use it).
 * Secrets are write-only: answers say that one is set, never what it is.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { pageParams, setLinkHeaders } from '../../platform/paging.js';
import { auditOf, requireApiTokenIn } from '../../identity/auth.js';
import { createConnectionApi, deleteConnectionApi, getConnectionApi, listConnectionsApi, updateConnectionApi } from './connections.service.js';
import { Connection } from './connection.schema.js';

const ConnectionParams = Type.Object({ connectionId: Type.String({ minLength: 1, maxLength: 200 }) });
const PageQuery = Type.Object({
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String({ maxLength: 400 })),
});
const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
/**
 * A binding: `auth` and the fields of that auth type (checked in depth by the service):
 * `this-org` {note?} (Okta connector); `none`; `basic` {username, password}; `header` {name, value};
 * `oauth2-client-credentials` {tokenUrl, clientId, clientSecret, scope?} (API Connector).
 */
const Binding = Type.Object(
  {
    auth: Type.String({ minLength: 1, maxLength: 50 }),
    note: Text(2000),
    username: Text(200),
    password: Text(4000),
    name: Text(100),
    value: Text(4000),
    tokenUrl: Text(1024),
    clientId: Text(500),
    clientSecret: Text(4000),
    scope: Text(2000),
  },
  { additionalProperties: false },
);
const NewConnection = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    connector: Type.String({ minLength: 1, maxLength: 200 }),
    binding: Type.Optional(Type.Union([Binding, Type.Null()])),
  },
  { additionalProperties: false },
);
const UpdateConnection = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    binding: Type.Union([Binding, Type.Null()]),
  },
  { additionalProperties: false },
);

export async function workflowConnectionsRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  await scope.register(
    async (inner) => {
      requireApiTokenIn(inner, ctx);
      const app = inner.withTypeProvider<TypeBoxTypeProvider>();

      app.get('/connections', { schema: { querystring: PageQuery, response: { 200: Type.Array(Connection) } } }, async (request, reply) => {
        const page = pageParams(request.query, 20, 200);
        const { items, nextAfter } = await listConnectionsApi(ctx, page);
        setLinkHeaders(request, reply, ctx.config.issuer, nextAfter);
        return items;
      });

      app.post('/connections', { schema: { body: NewConnection, response: { 200: Connection } } }, async (request) => createConnectionApi(ctx, auditOf(request), request.body));

      app.get('/connections/:connectionId', { schema: { params: ConnectionParams, response: { 200: Connection } } }, async (request) => getConnectionApi(ctx, request.params.connectionId));

      app.put('/connections/:connectionId', { schema: { params: ConnectionParams, body: UpdateConnection, response: { 200: Connection } } }, async (request) => {
        return updateConnectionApi(ctx, auditOf(request), request.params.connectionId, request.body);
      });

      app.delete('/connections/:connectionId', { schema: { params: ConnectionParams } }, async (request, reply) => {
        await deleteConnectionApi(ctx, auditOf(request), request.params.connectionId);
        return reply.status(204).send();
      });
    },
    { prefix: '/api/workflows/v1' },
  );
}
