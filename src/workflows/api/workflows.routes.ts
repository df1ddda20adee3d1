/**
 * The Workflows API, `/api/workflows/v1`, with the management API's credentials (SSWS token, or an
 * admin's console session): flows (list, create, get, replace, delete, activate, deactivate, export,
 * executions), executions by id, and import of Okta's `.flopack` / `.flow` / `.folder` files.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { pageParams, setLinkHeaders } from '../../platform/paging.js';
import { auditOf, requireApiTokenIn } from '../../identity/auth.js';
import { getExecution, listExecutions } from './executions.service.js';
import {
  createFlow, deleteFlow, exportFlowPackApi, getFlow, importFlowPack, listFlows, replaceFlow, setFlowStatus,
} from './flows.service.js';

export const WORKFLOWS_API_PREFIX = '/api/workflows/v1';

/** Okta exports of whole folders can be large. */
const MAX_IMPORT_BODY = 10 * 1024 * 1024;

const FlowParams = Type.Object({ flowId: Type.String({ minLength: 1, maxLength: 200 }) });
const ExecutionParams = Type.Object({ executionId: Type.String({ minLength: 1, maxLength: 200 }) });
const PageQuery = Type.Object({
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String({ maxLength: 400 })),
});
const ExecutionsQuery = Type.Object({
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String({ maxLength: 400 })),
  status: Type.Optional(Type.Union([Type.Literal('succeeded'), Type.Literal('failed')])),
  /** Text search over the executions' ids, errors and saved card data. */
  q: Type.Optional(Type.String({ maxLength: 200 })),
});
const ActivateQuery = Type.Object({ activate: Type.Optional(Type.Boolean()) });
/** A flow definition (Tollgate's flow format); checked in depth by `validateFlow`, each problem a cause. */
const FlowBody = Type.Object({}, { additionalProperties: true });
/** An Okta export; checked in depth by the importer. */
const ImportBody = Type.Object({}, { additionalProperties: true });

export async function workflowsApiRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  await scope.register(async (inner) => {
    requireApiTokenIn(inner, ctx);
    const app = inner.withTypeProvider<TypeBoxTypeProvider>();

    app.get('/flows', { schema: { querystring: PageQuery } }, async (request, reply) => {
      const page = pageParams(request.query, 20, 200);
      const { items, nextAfter } = await listFlows(ctx, page);
      setLinkHeaders(request, reply, ctx.config.issuer, nextAfter);
      return items;
    });

    app.post('/flows', { schema: { body: FlowBody, querystring: ActivateQuery } }, async (request) => {
      return createFlow(ctx, auditOf(request), request.body, { activate: request.query.activate });
    });

    app.get('/flows/:flowId', { schema: { params: FlowParams } }, async (request) => getFlow(ctx, request.params.flowId));

    app.put('/flows/:flowId', { schema: { params: FlowParams, body: FlowBody } }, async (request) => {
      return replaceFlow(ctx, auditOf(request), request.params.flowId, request.body);
    });

    app.delete('/flows/:flowId', { schema: { params: FlowParams } }, async (request, reply) => {
      await deleteFlow(ctx, auditOf(request), request.params.flowId);
      return reply.status(204).send();
    });

    app.post('/flows/:flowId/activate', { schema: { params: FlowParams } }, async (request) => {
      return setFlowStatus(ctx, auditOf(request), request.params.flowId, 'ACTIVE');
    });

    app.post('/flows/:flowId/deactivate', { schema: { params: FlowParams } }, async (request) => {
      return setFlowStatus(ctx, auditOf(request), request.params.flowId, 'INACTIVE');
    });

    app.get('/flows/:flowId/export', { schema: { params: FlowParams } }, async (request, reply) => {
      const { name, flopack } = await exportFlowPackApi(ctx, auditOf(request), request.params.flowId);
      const file = `${name.replace(/[^A-Za-z0-9 _.-]+/g, '_').trim() || 'flow'}.flopack`;
      return reply.header('content-disposition', `attachment; filename="${file}"`).send(flopack);
    });

    app.get('/flows/:flowId/executions', { schema: { params: FlowParams, querystring: ExecutionsQuery } }, async (request, reply) => {
      const page = pageParams(request.query, 20, 200);
      const { items, nextAfter } = await listExecutions(ctx, request.params.flowId, { ...page, status: request.query.status, q: request.query.q });
      setLinkHeaders(request, reply, ctx.config.issuer, nextAfter);
      return items;
    });

    app.get('/executions/:executionId', { schema: { params: ExecutionParams } }, async (request) => getExecution(ctx, request.params.executionId));

    app.post('/import', { schema: { body: ImportBody, querystring: ActivateQuery }, bodyLimit: MAX_IMPORT_BODY }, async (request) => {
      return importFlowPack(ctx, auditOf(request), request.body, { activate: request.query.activate });
    });
  }, { prefix: WORKFLOWS_API_PREFIX });
}
