/**
 * Shadow mode: a copy of every real call goes to the hook's shadow endpoint (same channel and auth, another
 * URI) through the one runner with the real flow's options; its answer is decided on like the real one,
 * stored with the comparison, and never applied. The report counts agreements and lists disagreements.
 */
import type { AppContext } from '../../platform/context.js';
import { randomBase62 } from '../../platform/ids.js';
import type { AuditContext } from '../../events/log-event.js';
import type { InlineHookTypeDefinition } from '../inline/hook-type.js';
import { getInlineHook } from '../inline/inline-hooks.service.js';
import { runInlineHook, type HookCallResult, type InlineHookRow, type RunHookOptions } from '../inline/runner.js';
import { atOtherEndpoint, sameDecision, snapshotOf, subjectOf, type DecisionSnapshot } from './decisions.js';
import { redactForRecording } from './redact.js';
import { toolkitSettings, type ShadowSettings } from './toolkit-settings.js';

/** Comparisons kept per hook (the newest). */
export const MAX_SHADOW_CALLS = 1000;

export async function runShadowCall(
  ctx: AppContext, audit: AuditContext, hook: InlineHookRow, definition: InlineHookTypeDefinition,
  payload: Record<string, unknown>, primary: HookCallResult, options: RunHookOptions, shadow: ShadowSettings,
): Promise<void> {
  const result = await runInlineHook(ctx, audit, atOtherEndpoint(hook, shadow.uri), definition, payload, { ...options, timeoutMs: undefined, record: false });
  const before = snapshotOf(ctx, hook, definition, payload, primary);
  const after = snapshotOf(ctx, hook, definition, payload, result);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('inline_hook_shadow_calls').values({
      id: `ihs${randomBase62(17)}`, hook_id: hook.id, call_id: primary.callId, uri: shadow.uri,
      request: JSON.stringify(redactForRecording(definition, payload)), primary_decision: JSON.stringify(before), shadow_decision: JSON.stringify(after),
      shadow_status: result.status, shadow_reply: result.replyText, shadow_error: result.ok ? null : result.error,
      duration_ms: result.durationMs, agree: sameDecision(before, after) ? 1 : 0, created: ctx.clock().toISOString(),
    }).execute();
    const keep = await trx.selectFrom('inline_hook_shadow_calls').select(['created', 'id']).where('hook_id', '=', hook.id)
      .orderBy('created', 'desc').orderBy('id', 'desc').offset(MAX_SHADOW_CALLS - 1).limit(1).executeTakeFirst();
    if (keep) {
      await trx.deleteFrom('inline_hook_shadow_calls').where('hook_id', '=', hook.id)
        .where((eb) => eb.or([eb('created', '<', keep.created), eb.and([eb('created', '=', keep.created), eb('id', '<', keep.id)])])).execute();
    }
  });
}

export interface ShadowDisagreement {
  callId: string;
  created: string;
  subject: string | null;
  primary: DecisionSnapshot;
  shadow: DecisionSnapshot & { statusCode: number | null; durationMs: number };
}

export interface ShadowReport {
  inlineHookId: string;
  shadowUri: string | null;
  calls: number;
  agreements: number;
  disagreements: number;
  /** The newest first, at most `limit`. */
  items: ShadowDisagreement[];
}

export async function shadowReport(ctx: AppContext, hookId: string, limit = 50): Promise<ShadowReport> {
  await getInlineHook(ctx.db, hookId);
  const settings = await toolkitSettings(ctx.db, hookId);
  const counts = await ctx.db.selectFrom('inline_hook_shadow_calls')
    .select((eb) => [eb.fn.countAll<number>().as('calls'), eb.fn.sum<number>('agree').as('agreements')])
    .where('hook_id', '=', hookId).executeTakeFirstOrThrow();
  const rows = await ctx.db.selectFrom('inline_hook_shadow_calls').selectAll().where('hook_id', '=', hookId).where('agree', '=', 0)
    .orderBy('created', 'desc').orderBy('id', 'desc').limit(limit).execute();
  const calls = Number(counts.calls);
  const agreements = Number(counts.agreements ?? 0);
  return {
    inlineHookId: hookId,
    shadowUri: settings.shadow?.uri ?? null,
    calls, agreements, disagreements: calls - agreements,
    items: rows.map((r) => ({
      callId: r.call_id, created: r.created, subject: subjectOf(JSON.parse(r.request) as Record<string, unknown>),
      primary: JSON.parse(r.primary_decision) as DecisionSnapshot,
      shadow: { ...(JSON.parse(r.shadow_decision) as DecisionSnapshot), statusCode: r.shadow_status, durationMs: r.duration_ms },
    })),
  };
}
