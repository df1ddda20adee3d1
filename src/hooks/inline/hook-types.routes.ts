/**
 * `GET /api/console/v1/inlineHookTypes` (a Tollgate extension, outside Okta's `/api/v1`): the inline hook
 * types this server knows, as their declarations say, so the console shows names, rules and request types
 * without a copy of its own. Same credentials as the management API (an API token, or the console's session).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { requireApiTokenIn } from '../../identity/auth.js';
import { InlineHookTypeInfo } from './inline-hook.schema.js';

export const INLINE_HOOK_TYPES_PATH = '/api/console/v1/inlineHookTypes';

export function inlineHookTypeCatalog(ctx: AppContext): InlineHookTypeInfo[] {
  return ctx.inlineHookTypes.map((t) => ({
    type: t.type,
    name: t.name,
    description: t.description,
    alias: t.alias ?? null,
    retries: t.retries,
    failure: t.failure,
    commands: Object.keys(t.commands),
    requestTypes: t.preview.requestTypes.filter(Boolean).map((requestType) => ({
      requestType, label: t.preview.requestTypeLabels?.[requestType] ?? requestType,
    })),
  }));
}

export async function inlineHookTypeRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  await scope.register(async (inner) => {
    requireApiTokenIn(inner, ctx);
    const catalog = inlineHookTypeCatalog(ctx);
    inner.get(INLINE_HOOK_TYPES_PATH, { schema: { response: { 200: Type.Array(InlineHookTypeInfo) } } }, async () => catalog);
  });
}
