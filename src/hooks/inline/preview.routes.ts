/**
 * Preview, a Tollgate extension beside Okta's `POST /api/v1/inlineHooks/{id}/execute`:
 * - `GET  /api/v1/inlineHooks/{id}/preview/sample[?requestType=]`: a sample request for the hook's type;
 * - `POST /api/v1/inlineHooks/{id}/preview[?requestType=]`: sends the body (a request payload; a sample when
 *   the body is empty or `{}`) and answers `{request, response: {status, body, error?}, decision}`.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { auditOf } from '../../identity/auth.js';
import { previewInlineHook, previewSample } from './preview.service.js';
import { InlineHookPreview, PreviewSample } from './preview.schema.js';

const Params = Type.Object({ inlineHookId: Type.String() });
const Query = Type.Object({ requestType: Type.Optional(Type.String({ minLength: 1 })) });
/** A hook request payload as Tollgate would send it; optional. */
const PreviewBody = Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()]);

export async function inlineHookPreviewRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/inlineHooks/:inlineHookId/preview/sample', { schema: { params: Params, querystring: Query, response: { 200: PreviewSample } } }, async (request) => {
    return previewSample(ctx, request.params.inlineHookId, request.query.requestType);
  });

  app.post('/inlineHooks/:inlineHookId/preview', { schema: { params: Params, querystring: Query, body: PreviewBody, response: { 200: InlineHookPreview } } }, async (request) => {
    return previewInlineHook(ctx, auditOf(request), request.params.inlineHookId, {
      payload: request.body ?? undefined, requestType: request.query.requestType,
    });
  });
}
