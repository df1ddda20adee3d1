/**
 * A Tollgate extension of an inline hook, kept beside it (Okta's InlineHook JSON stays exactly Okta's):
 * - `recording`: keep the hook's real calls (request redacted, reply), at most `maxCalls` and `maxAgeDays`;
 * - `shadow`: a second endpoint that gets a copy of every call, whose answer is compared but never applied.
 * `GET` / `PUT /api/v1/inlineHooks/{id}/toolkit` read and set both.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { Executor } from '../../platform/db/index.js';
import { errors } from '../../platform/errors.js';
import { checkOutboundUrl } from '../../platform/http-client.js';

export const MAX_RECORDED_CALLS = 10_000;
export const MAX_RECORDING_AGE_DAYS = 90;

export interface RecordingSettings { maxCalls: number; maxAgeDays: number }
export interface ShadowSettings { uri: string }
export interface ToolkitSettings { recording: RecordingSettings | null; shadow: ShadowSettings | null }

export const ToolkitSettingsBody = Type.Object({
  recording: Type.Optional(Type.Union([Type.Object({
    maxCalls: Type.Optional(Type.Integer()),
    maxAgeDays: Type.Optional(Type.Integer()),
  }), Type.Null()])),
  shadow: Type.Optional(Type.Union([Type.Object({ uri: Type.String() }), Type.Null()])),
});
export type ToolkitSettingsInput = Static<typeof ToolkitSettingsBody>;

export async function toolkitSettings(db: Executor, hookId: string): Promise<ToolkitSettings> {
  const row = await db.selectFrom('inline_hook_toolkit').selectAll().where('hook_id', '=', hookId).executeTakeFirst();
  return {
    recording: row?.recording ? JSON.parse(row.recording) as RecordingSettings : null,
    shadow: row?.shadow ? JSON.parse(row.shadow) as ShadowSettings : null,
  };
}

/** Members left out keep their value; `null` turns the feature off. All problems in one E0000001; nothing changes then. */
export async function setToolkitSettings(ctx: AppContext, hookId: string, body: ToolkitSettingsInput): Promise<ToolkitSettings> {
  const current = await toolkitSettings(ctx.db, hookId);
  const causes: string[] = [];
  let recording = current.recording;
  if (body.recording === null) recording = null;
  else if (body.recording) {
    const maxCalls = body.recording.maxCalls ?? current.recording?.maxCalls ?? 100;
    const maxAgeDays = body.recording.maxAgeDays ?? current.recording?.maxAgeDays ?? 7;
    if (maxCalls < 1 || maxCalls > MAX_RECORDED_CALLS) causes.push(`recording.maxCalls: must be from 1 to ${MAX_RECORDED_CALLS}`);
    if (maxAgeDays < 1 || maxAgeDays > MAX_RECORDING_AGE_DAYS) causes.push(`recording.maxAgeDays: must be from 1 to ${MAX_RECORDING_AGE_DAYS}`);
    recording = { maxCalls, maxAgeDays };
  }
  let shadow = current.shadow;
  if (body.shadow === null) shadow = null;
  else if (body.shadow) {
    const problem = checkOutboundUrl(ctx.config, body.shadow.uri);
    if (problem) causes.push(`shadow.uri: ${problem}`);
    shadow = { uri: body.shadow.uri };
  }
  if (causes.length) throw errors.validation(causes[0].split(':')[0], causes);
  const values = { recording: recording ? JSON.stringify(recording) : null, shadow: shadow ? JSON.stringify(shadow) : null, last_updated: ctx.clock().toISOString() };
  await ctx.db.insertInto('inline_hook_toolkit').values({ hook_id: hookId, ...values })
    .onConflict((oc) => oc.column('hook_id').doUpdateSet(values)).execute();
  return { recording, shadow };
}
