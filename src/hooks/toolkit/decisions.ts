/**
 * Decisions to compare (replay and shadow): the preview's verdict (the type's `preview.decide`, i.e. its own
 * outcome functions) cut down to what differs between two endpoints: the result, the sentence, the applied
 * commands. A recorded call's verdict is recomputed from its stored reply, with the same parser.
 */
import type { AppContext } from '../../platform/context.js';
import type { Selectable } from 'kysely';
import type { InlineHookRecordingsTable } from '../../platform/db/tables/hook-toolkit.js';
import { parseChannel } from '../channel/channel.js';
import { EMPTY_REPLY, parseHookReply, type HookCommand } from '../inline/hook-reply.js';
import type { InlineHookTypeDefinition } from '../inline/hook-type.js';
import type { HookCallResult, InlineHookRow } from '../inline/runner.js';

export interface DecisionSnapshot {
  result: string;
  summary: string;
  /** The commands Tollgate applies (none when the call failed or the reply carries an error). */
  commands: HookCommand[];
  error?: string;
}

/** Results that keep a person out: a denied registration, a failed token request or password sign-in. */
export const DENIED_RESULTS = new Set(['DENY', 'ERROR', 'UNVERIFIED', 'FAILED']);

export function snapshotOf(ctx: AppContext, hook: InlineHookRow, definition: InlineHookTypeDefinition, payload: Record<string, unknown>, result: HookCallResult): DecisionSnapshot {
  const decision = definition.preview.decide(ctx, hook, payload, result);
  return {
    result: decision.result,
    summary: decision.summary,
    commands: result.ok && !result.reply.error ? result.reply.commands : [],
    ...(result.ok ? {} : { error: result.error }),
  };
}

export function sameDecision(a: DecisionSnapshot, b: DecisionSnapshot): boolean {
  return a.result === b.result && JSON.stringify(a.commands) === JSON.stringify(b.commands);
}

/** The runner's result of a recorded call, rebuilt from what was stored (a SUCCESS passed every check then). */
export function recordedResult(definition: InlineHookTypeDefinition, row: Selectable<InlineHookRecordingsTable>): HookCallResult {
  const base = { callId: row.call_id, attempts: 1, status: row.status_code, replyText: row.reply, durationMs: row.duration_ms };
  if (row.outcome === 'SUCCESS') {
    const parsed = row.status_code === 204 || !row.reply ? { reply: EMPTY_REPLY } : parseHookReply(definition, row.reply);
    if ('reply' in parsed) return { ok: true, ...base, reply: parsed.reply, replyJson: row.reply ? JSON.parse(row.reply) : {} };
  }
  return { ok: false, ...base, error: row.error ?? 'The call failed' };
}

/** The same hook (channel, auth, secret) aimed at another endpoint. */
export function atOtherEndpoint(hook: InlineHookRow, uri: string): InlineHookRow {
  const channel = parseChannel(hook.channel);
  return { ...hook, channel: JSON.stringify({ ...channel, config: { ...channel.config, uri } }) };
}

type Json = Record<string, unknown>;
const SUBJECT_PATHS = [
  ['data', 'userProfile', 'login'], ['data', 'userProfile', 'email'], ['data', 'context', 'user', 'profile', 'login'],
  ['data', 'context', 'credential', 'username'], ['data', 'user', 'profile', 'login'], ['data', 'appUser', 'profile', 'email'],
];

/** Who a request is about (login, email or username), for "who would now be denied". */
export function subjectOf(payload: Json): string | null {
  for (const path of SUBJECT_PATHS) {
    let node: unknown = payload;
    for (const key of path) node = typeof node === 'object' && node !== null ? (node as Json)[key] : undefined;
    if (typeof node === 'string' && node) return node;
  }
  return null;
}
