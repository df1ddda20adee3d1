/**
 * The toolkit's management API (Tollgate extensions, under the hook they belong to):
 * - `GET` / `PUT /api/v1/inlineHooks/{id}/toolkit`: the recorder and shadow settings;
 * - `GET /api/v1/inlineHooks/{id}/recordings`: the recorded calls, newest first;
 * - `POST /api/v1/inlineHooks/{id}/replay` `{url, limit?}`: replays them against `url`, answers the diff;
 * - `GET /api/v1/inlineHooks/{id}/shadow/report`: agreements and disagreements with the shadow endpoint.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { auditOf } from '../../identity/auth.js';
import { getInlineHook } from '../inline/inline-hooks.service.js';
import { replayRecordings } from './replay.js';
import { shadowReport } from './shadow.js';
import { setToolkitSettings, ToolkitSettingsBody, toolkitSettings } from './toolkit-settings.js';

const Params = Type.Object({ inlineHookId: Type.String() });
const ReplayBody = Type.Object({ url: Type.String({ minLength: 1 }), limit: Type.Optional(Type.Integer()) });
const Limit = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) });

function parseMaybe(text: string | null): unknown {
  if (text === null) return null;
  try { return JSON.parse(text); } catch { return text; }
}

export async function hookToolkitRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/inlineHooks/:inlineHookId/toolkit', { schema: { params: Params } }, async (request) => {
    const hook = await getInlineHook(ctx.db, request.params.inlineHookId);
    return toolkitSettings(ctx.db, hook.id);
  });

  app.put('/inlineHooks/:inlineHookId/toolkit', { schema: { params: Params, body: ToolkitSettingsBody } }, async (request) => {
    const hook = await getInlineHook(ctx.db, request.params.inlineHookId);
    return setToolkitSettings(ctx, hook.id, request.body);
  });

  app.get('/inlineHooks/:inlineHookId/recordings', { schema: { params: Params, querystring: Limit } }, async (request) => {
    const hook = await getInlineHook(ctx.db, request.params.inlineHookId);
    const rows = await ctx.db.selectFrom('inline_hook_recordings').selectAll().where('hook_id', '=', hook.id)
      .orderBy('created', 'desc').orderBy('id', 'desc').limit(request.query.limit ?? 50).execute();
    return rows.map((r) => ({
      id: r.id, callId: r.call_id, created: r.created, outcome: r.outcome, statusCode: r.status_code, durationMs: r.duration_ms,
      error: r.error, request: JSON.parse(r.request), response: parseMaybe(r.reply),
    }));
  });

  app.post('/inlineHooks/:inlineHookId/replay', { schema: { params: Params, body: ReplayBody } }, async (request) => {
    return replayRecordings(ctx, auditOf(request), request.params.inlineHookId, request.body);
  });

  app.get('/inlineHooks/:inlineHookId/shadow/report', { schema: { params: Params, querystring: Limit } }, async (request) => {
    return shadowReport(ctx, request.params.inlineHookId, request.query.limit ?? 50);
  });
}
