/**
 * `GET /api/v1/inlineHooks/{inlineHookId}/calls`: the hook's recent calls as the runner recorded them
 * (request sent, reply received, status, attempts, duration, outcome), newest first. Okta has no such
 * endpoint; the admin console shows these on the hook's page. Requests are stored already redacted
 * (a password import hook's password never reaches the table).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { InlineHookCallsTable } from '../../platform/db/schema.js';
import { errors } from '../../platform/errors.js';
import { pageParams, setLinkHeaders, takePage } from '../../platform/paging.js';
import { getInlineHook } from './inline-hooks.service.js';
import { InlineHookCall } from './inline-hook-call.schema.js';

const Params = Type.Object({ inlineHookId: Type.String() });
const Query = Type.Object({
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String()),
  outcome: Type.Optional(Type.Union([Type.Literal('SUCCESS'), Type.Literal('FAILURE')])),
});

function parseMaybe(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function toInlineHookCall(row: Selectable<InlineHookCallsTable>): InlineHookCall {
  return {
    id: row.id,
    inlineHookId: row.hook_id,
    type: row.hook_type,
    eventId: row.event_id,
    created: row.created,
    outcome: row.outcome,
    statusCode: row.status_code,
    attempts: row.attempts,
    durationMs: row.duration_ms,
    error: row.error,
    request: parseMaybe(row.request),
    response: parseMaybe(row.reply),
  };
}

function cursorOf(row: { created: string; id: string }): string {
  return Buffer.from(`${row.created}|${row.id}`).toString('base64url');
}

function decodeCursor(after: string): { created: string; id: string } {
  const [created, id] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (!created || !id) throw errors.validation('after', ['after: Invalid cursor']);
  return { created, id };
}

export async function inlineHookCallRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/inlineHooks/:inlineHookId/calls', { schema: { params: Params, querystring: Query, response: { 200: Type.Array(InlineHookCall) } } }, async (request, reply) => {
    const hook = await getInlineHook(ctx.db, request.params.inlineHookId);
    const { limit, after } = pageParams(request.query, 20, 100);
    let q = ctx.db.selectFrom('inline_hook_calls').selectAll().where('hook_id', '=', hook.id);
    if (request.query.outcome) q = q.where('outcome', '=', request.query.outcome);
    if (after) {
      const c = decodeCursor(after);
      q = q.where((eb) => eb.or([eb('created', '<', c.created), eb.and([eb('created', '=', c.created), eb('id', '<', c.id)])]));
    }
    const rows = await q.orderBy('created', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
    const page = takePage(rows, limit, cursorOf);
    setLinkHeaders(request, reply, ctx.config.issuer, page.nextAfter);
    return page.items.map(toInlineHookCall);
  });
}
