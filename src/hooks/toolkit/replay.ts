/**
 * Replay: the hook's recorded requests, sent again through the one runner (the real flow's options, the
 * hook's own channel and auth) to another endpoint, e.g. the next version of the hook service, and a diff of
 * the decisions: who would now be denied, which commands change. Nothing is applied and the replayed calls
 * are not recorded as calls of the hook.
 */
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { checkOutboundUrl } from '../../platform/http-client.js';
import type { AuditContext } from '../../events/log-event.js';
import type { HookCommand } from '../inline/hook-reply.js';
import { hookTypeOf } from '../inline/hook-types.js';
import { getInlineHook } from '../inline/inline-hooks.service.js';
import { runInlineHook } from '../inline/runner.js';
import { atOtherEndpoint, DENIED_RESULTS, recordedResult, sameDecision, snapshotOf, subjectOf, type DecisionSnapshot } from './decisions.js';

export const MAX_REPLAYED = 1000;

export interface ReplayItem {
  recordingId: string;
  callId: string;
  created: string;
  subject: string | null;
  before: DecisionSnapshot;
  after: DecisionSnapshot & { statusCode: number | null; durationMs: number };
  changed: boolean;
  /** The person was let through before and would now be kept out. */
  nowDenied: boolean;
  commands: { added: HookCommand[]; removed: HookCommand[] };
}

export interface ReplayReport {
  inlineHookId: string;
  url: string;
  replayed: number;
  changed: number;
  /** Who would now be denied (logins, emails or usernames; "(unknown)" when the request names nobody). */
  nowDenied: string[];
  items: ReplayItem[];
}

function commandDiff(before: HookCommand[], after: HookCommand[]) {
  const key = (c: HookCommand) => JSON.stringify(c);
  const was = new Set(before.map(key));
  const now = new Set(after.map(key));
  return { added: after.filter((c) => !was.has(key(c))), removed: before.filter((c) => !now.has(key(c))) };
}

export async function replayRecordings(ctx: AppContext, audit: AuditContext, hookId: string, input: { url: string; limit?: number }): Promise<ReplayReport> {
  const hook = await getInlineHook(ctx.db, hookId);
  const definition = hookTypeOf(ctx, hook.type);
  if (!definition) throw errors.internal();
  const problem = checkOutboundUrl(ctx.config, input.url);
  if (problem) throw errors.validation('url', [`url: ${problem}`]);
  const limit = input.limit ?? MAX_REPLAYED;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REPLAYED) throw errors.validation('limit', [`limit: must be from 1 to ${MAX_REPLAYED}`]);

  const rows = await ctx.db.selectFrom('inline_hook_recordings').selectAll().where('hook_id', '=', hookId)
    .orderBy('created', 'asc').orderBy('id', 'asc').limit(limit).execute();
  const target = atOtherEndpoint(hook, input.url);
  const items: ReplayItem[] = [];
  for (const row of rows) {
    const payload = JSON.parse(row.request) as Record<string, unknown>;
    const before = snapshotOf(ctx, hook, definition, payload, recordedResult(definition, row));
    const result = await runInlineHook(ctx, audit, target, definition, payload, { ...definition.preview.options?.(payload), record: false });
    const after = snapshotOf(ctx, hook, definition, payload, result);
    items.push({
      recordingId: row.id, callId: row.call_id, created: row.created, subject: subjectOf(payload),
      before, after: { ...after, statusCode: result.status, durationMs: result.durationMs },
      changed: !sameDecision(before, after),
      nowDenied: !DENIED_RESULTS.has(before.result) && DENIED_RESULTS.has(after.result),
      commands: commandDiff(before.commands, after.commands),
    });
  }
  return {
    inlineHookId: hookId, url: input.url, replayed: items.length, changed: items.filter((i) => i.changed).length,
    nowDenied: items.filter((i) => i.nowDenied).map((i) => i.subject ?? '(unknown)'), items,
  };
}
