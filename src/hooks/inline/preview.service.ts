/**
 * Preview (a Tollgate extension of Okta's execute endpoint): send a request (the admin's own, or a sample for
 * the hook's type) through the one runner with the real flow's options, and say what Tollgate would do with
 * the reply. Nothing in the org changes: no user, session, token or assertion is made; the call is recorded
 * in the hook's recent calls (and the System Log) like any other.
 */
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import type { AuditContext } from '../../events/log-event.js';
import type { InlineHookTypeDefinition } from './hook-type.js';
import { hookTypeOf } from './hook-types.js';
import { getInlineHook } from './inline-hooks.service.js';
import { runInlineHook, type InlineHookRow } from './runner.js';
import type { InlineHookPreview, PreviewSample } from './preview.schema.js';

export type { InlineHookPreview, PreviewSample };

/** The hook's type from the context's registry (a stored hook of a type this server does not know is a 500). */
function definitionOf(ctx: AppContext, row: InlineHookRow): InlineHookTypeDefinition {
  const definition = hookTypeOf(ctx, row.type);
  if (!definition) throw errors.internal();
  return definition;
}

function checkRequestType(row: InlineHookRow, definition: InlineHookTypeDefinition, requestType: string | undefined): void {
  if (!requestType) return;
  const allowed = definition.preview.requestTypes.filter(Boolean);
  if (!allowed.includes(requestType)) {
    throw errors.validation('requestType', [allowed.length
      ? `requestType: '${requestType}' is not a request type of ${row.type} hooks (allowed: ${allowed.join(', ')})`
      : `requestType: ${row.type} hooks have no request types`]);
  }
}

/**
 * A realistic request for the hook's type (and `requestType`; the type's default when empty), built by the
 * type's own request builder. The caller has checked `requestType` against the type's `requestTypes`.
 */
export async function sampleHookRequest(
  ctx: AppContext, definition: InlineHookTypeDefinition, hook: InlineHookRow, requestType = '',
): Promise<Record<string, unknown>> {
  return definition.preview.sample(ctx, hook, requestType || definition.preview.requestTypes[0]);
}

/** A sample request for the hook's type (and `requestType`), as Tollgate would send it. */
export async function previewSample(ctx: AppContext, id: string, requestType?: string): Promise<PreviewSample> {
  const row = await getInlineHook(ctx.db, id);
  const definition = definitionOf(ctx, row);
  checkRequestType(row, definition, requestType);
  return {
    requestTypes: definition.preview.requestTypes.filter(Boolean),
    request: await sampleHookRequest(ctx, definition, row, requestType),
  };
}

function parseMaybe(text: string | null | undefined): unknown {
  if (text === null || text === undefined || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Sends `payload` (or, when it is missing or `{}`, a sample for the hook's type and `requestType`) to the
 * hook, ACTIVE or not, exactly as the real flow would, and returns the request, the reply and the decision.
 * A hook that fails is not an error here: the decision says what the type's failure rule does.
 */
export async function previewInlineHook(
  ctx: AppContext, audit: AuditContext, id: string, input: { payload?: Record<string, unknown>; requestType?: string },
): Promise<InlineHookPreview> {
  const row = await getInlineHook(ctx.db, id);
  const definition = definitionOf(ctx, row);
  const { preview } = definition;
  const custom = input.payload !== undefined && Object.keys(input.payload).length > 0;
  if (!custom) checkRequestType(row, definition, input.requestType);
  const payload = custom ? input.payload! : await sampleHookRequest(ctx, definition, row, input.requestType);
  const problems = preview.problems?.(payload) ?? [];
  if (problems.length) throw errors.validation('request', problems);

  const result = await runInlineHook(ctx, audit, row, definition, payload, { ...preview.options?.(payload), toolkit: false });
  const call = await ctx.db.selectFrom('inline_hook_calls').select('reply').where('id', '=', result.callId).executeTakeFirst();
  return {
    request: definition.redact(payload),
    response: { status: result.status, body: parseMaybe(call?.reply), ...(result.ok ? {} : { error: result.error }) },
    decision: preview.decide(ctx, row, payload, result),
  };
}
