/**
 * What the runner does after a real call of a hook that uses the toolkit: keep the call (recorder) and send a
 * copy to the shadow endpoint. Neither changes the call's outcome, and neither may fail it: problems are logged.
 */
import type { AppContext } from '../../platform/context.js';
import { randomBase62 } from '../../platform/ids.js';
import type { InlineHookTypeDefinition } from '../inline/hook-type.js';
import type { HookCallResult, InlineHookCallObserver, InlineHookRow } from '../inline/runner.js';
import { redactForRecording } from './redact.js';
import { runShadowCall } from './shadow.js';
import { toolkitSettings, type RecordingSettings } from './toolkit-settings.js';

/** The runner's observer (the composition root puts it on `ctx.inlineHookCallObservers`). */
export const afterHookCall: InlineHookCallObserver = async (ctx, audit, hook, definition, payload, result, options) => {
  try {
    const settings = await toolkitSettings(ctx.db, hook.id);
    if (settings.recording) await recordCall(ctx, hook, definition, payload, result, settings.recording);
    if (settings.shadow) {
      const shadow = settings.shadow;
      // Asynchronous: the person waiting for the real call never waits for the shadow.
      void runShadowCall(ctx, audit, hook, definition, payload, result, options, shadow)
        .catch((err: unknown) => ctx.log.error({ err, hookId: hook.id }, 'the shadow call of an inline hook failed'));
    }
  } catch (err) {
    ctx.log.error({ err, hookId: hook.id }, 'could not record an inline hook call for the toolkit');
  }
};

async function recordCall(
  ctx: AppContext, hook: InlineHookRow, definition: InlineHookTypeDefinition, payload: Record<string, unknown>,
  result: HookCallResult, bounds: RecordingSettings,
): Promise<void> {
  const now = ctx.clock();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('inline_hook_recordings').values({
      id: `ihr${randomBase62(17)}`, hook_id: hook.id, call_id: result.callId,
      request: JSON.stringify(redactForRecording(definition, payload)), reply: result.replyText, status_code: result.status,
      outcome: result.ok ? 'SUCCESS' : 'FAILURE', error: result.ok ? null : result.error, duration_ms: result.durationMs, created: now.toISOString(),
    }).execute();
    // The bounds: older than maxAgeDays, or beyond the newest maxCalls.
    const oldest = new Date(now.getTime() - bounds.maxAgeDays * 86_400_000).toISOString();
    await trx.deleteFrom('inline_hook_recordings').where('hook_id', '=', hook.id).where('created', '<', oldest).execute();
    const keep = await trx.selectFrom('inline_hook_recordings').select(['created', 'id']).where('hook_id', '=', hook.id)
      .orderBy('created', 'desc').orderBy('id', 'desc').offset(bounds.maxCalls - 1).limit(1).executeTakeFirst();
    if (keep) {
      await trx.deleteFrom('inline_hook_recordings').where('hook_id', '=', hook.id)
        .where((eb) => eb.or([eb('created', '<', keep.created), eb.and([eb('created', '=', keep.created), eb('id', '<', keep.id)])])).execute();
    }
  });
}
