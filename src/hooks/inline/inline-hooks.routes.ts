/** `/api/v1/inlineHooks` (reference §4.1), with the status codes the Okta SDK expects (200 on create, 204 on delete). */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { auditOf } from '../../identity/auth.js';
import { hookTypeNames } from './hook-types.js';
import { InlineHookBodySchema } from './inline-hook-input.js';
import {
  createInlineHook, deleteInlineHook, executeInlineHook, getInlineHook, listInlineHooks, setInlineHookStatus, toOktaInlineHook, updateInlineHook,
} from './inline-hooks.service.js';
import { inlineHookPreviewRoutes } from './preview.routes.js';
import { InlineHook } from './inline-hook.schema.js';

const Params = Type.Object({ inlineHookId: Type.String() });
const ListQuery = Type.Object({ type: Type.Optional(Type.String()) });
/** Execute takes a hook request payload exactly as Tollgate would send it for the hook's type. */
const ExecuteBody = Type.Object({}, { additionalProperties: true });

export async function inlineHookRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/inlineHooks', { schema: { querystring: ListQuery, response: { 200: Type.Array(InlineHook) } } }, async (request) => {
    const { type } = request.query;
    if (type !== undefined && !hookTypeNames(ctx).includes(type)) {
      throw errors.validation('type', [`type: Unsupported inline hook type '${type}'. Supported types: ${hookTypeNames(ctx).join(', ')}`]);
    }
    const rows = await listInlineHooks(ctx, ctx.db, type);
    return rows.map((row) => toOktaInlineHook(ctx, row));
  });

  app.post('/inlineHooks', { schema: { body: InlineHookBodySchema, response: { 200: InlineHook } } }, async (request) => {
    return createInlineHook(ctx, auditOf(request), request.body);
  });

  app.get('/inlineHooks/:inlineHookId', { schema: { params: Params, response: { 200: InlineHook } } }, async (request) => {
    return toOktaInlineHook(ctx, await getInlineHook(ctx.db, request.params.inlineHookId));
  });

  app.post('/inlineHooks/:inlineHookId', { schema: { params: Params, body: InlineHookBodySchema, response: { 200: InlineHook } } }, async (request) => {
    return updateInlineHook(ctx, auditOf(request), request.params.inlineHookId, request.body, 'merge');
  });

  app.put('/inlineHooks/:inlineHookId', { schema: { params: Params, body: InlineHookBodySchema, response: { 200: InlineHook } } }, async (request) => {
    return updateInlineHook(ctx, auditOf(request), request.params.inlineHookId, request.body, 'replace');
  });

  app.delete('/inlineHooks/:inlineHookId', { schema: { params: Params } }, async (request, reply) => {
    await deleteInlineHook(ctx, auditOf(request), request.params.inlineHookId);
    return reply.status(204).send();
  });

  app.post('/inlineHooks/:inlineHookId/lifecycle/activate', { schema: { params: Params, response: { 200: InlineHook } } }, async (request) => {
    return setInlineHookStatus(ctx, auditOf(request), request.params.inlineHookId, 'ACTIVE');
  });

  app.post('/inlineHooks/:inlineHookId/lifecycle/deactivate', { schema: { params: Params, response: { 200: InlineHook } } }, async (request) => {
    return setInlineHookStatus(ctx, auditOf(request), request.params.inlineHookId, 'INACTIVE');
  });

  app.post('/inlineHooks/:inlineHookId/execute', { schema: { params: Params, body: ExecuteBody } }, async (request) => {
    return executeInlineHook(ctx, auditOf(request), request.params.inlineHookId, request.body);
  });

  await inlineHookPreviewRoutes(scope, ctx);
}
