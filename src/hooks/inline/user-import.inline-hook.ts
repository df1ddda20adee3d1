/**
 * User import inline hook, `com.okta.import.transform` (reference §3.5): called once per imported user, after
 * mapping and matching and before the Okta user is created or linked. The hook may change the app user
 * profile (which then maps to the Okta profile again), the Okta profile, and the decision: CREATE_USER, or
 * LINK_USER together with `com.okta.user.update` naming the user. Fails open: on any failure the import
 * goes on with Okta's own decision.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import { profileAttributeNames } from '../../identity/schema/profile-schema.service.js';
import { ProfileUpdateValue } from './commands.js';
import type { HookReply } from './hook-reply.js';
import { defineInlineHook } from './hook-type.js';
import { callInlineHook, type HookCallResult } from './runner.js';
import { importDefaults, sampleUserImportInput, userImportPreviewDecision } from './user-import.preview.js';

export const USER_IMPORT_TYPE = 'com.okta.import.transform';
const APP_USER_PROFILE_UPDATE = 'com.okta.appUser.profile.update';
const USER_PROFILE_UPDATE = 'com.okta.user.profile.update';
const ACTION_UPDATE = 'com.okta.action.update';
const USER_UPDATE = 'com.okta.user.update';

type ImportResult = 'CREATE_USER' | 'LINK_USER';

export const userImportHookType = defineInlineHook({
  type: USER_IMPORT_TYPE,
  name: 'User Import',
  description: 'Changes users as they are imported.',
  alias: 'user-import',
  retries: true,
  failure: 'open',
  commands: {
    [APP_USER_PROFILE_UPDATE]: ProfileUpdateValue,
    [USER_PROFILE_UPDATE]: ProfileUpdateValue,
    [ACTION_UPDATE]: Type.Object({
      result: Type.Union([Type.Literal('CREATE_USER'), Type.Literal('LINK_USER')]),
    }, { additionalProperties: false }),
    [USER_UPDATE]: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  },
  buildRequest: (ctx, input: UserImportHookInput, hook) => buildUserImportRequest(ctx, hook.id, input),
  checkReply: checkUserImportReply,
  preview: {
    requestTypes: [''],
    sample: (ctx, hook) => buildUserImportRequest(ctx, hook.id, sampleUserImportInput()),
    options: () => ({ checkReply: userImportReplyCheck }),
    decide(_ctx, hook, payload, result) {
      const defaults = importDefaults(payload);
      const outcome = userImportCallOutcome(hook.id, result);
      return userImportPreviewDecision(outcome, userImportAction(outcome, defaults), defaults.action);
    },
  },
});

export interface UserImportHookInput {
  application: { id: string; name: string; label: string; status: string };
  job: { id: string };
  appUserProfile: Record<string, unknown>;
  /** The Okta profile the app user maps to. */
  userProfile: Record<string, unknown>;
  /** The user the default action links to, when it links. */
  userId: string | null;
  matches: string[];
  conflicts: string[];
  policy: string[];
  defaultAction: ImportResult;
}

/** What a valid reply asks for, in Okta's terms (commands applied in order; later values win). */
export interface UserImportDecision {
  appUserUpdates: Record<string, unknown>;
  userUpdates: Record<string, unknown>;
  /** `com.okta.action.update`, when the reply has one. */
  result: ImportResult | null;
  /** `com.okta.user.update`, when the reply has one. */
  linkUserId: string | null;
  /** The command types, in order (for the import report). */
  commands: string[];
}

export type UserImportHookOutcome =
  /** No hook configured, or it is not active: Okta's decision stands. */
  | { called: false }
  /** The hook failed (timeout, network, non-2xx, malformed or invalid reply): fail open. */
  | { called: true; ok: false; hookId: string; callId: string; error: string }
  /** A valid reply with an `error` object: Okta logs it and goes on with its own decision. */
  | { called: true; ok: false; hookId: string; callId: string; error: string; errorSummary: string }
  | { called: true; ok: true; hookId: string; callId: string; decision: UserImportDecision };

/** Okta's request (reference §3.5): `source` is the hook id; `data.user.id` only when the default links. */
export function buildUserImportRequest(ctx: AppContext, hookId: string, input: UserImportHookInput): Record<string, unknown> {
  return {
    source: hookId,
    eventId: randomBytes(16).toString('base64url'),
    eventTime: ctx.clock().toISOString(),
    eventTypeVersion: '1.0',
    cloudEventVersion: '0.1',
    eventType: USER_IMPORT_TYPE,
    contentType: 'application/json',
    data: {
      context: {
        conflicts: input.conflicts,
        application: input.application,
        job: { id: input.job.id, type: 'import:users' },
        matches: input.matches,
        policy: input.policy,
      },
      action: { result: input.defaultAction },
      appUser: { profile: input.appUserProfile },
      user: { ...(input.userId ? { id: input.userId } : {}), profile: input.userProfile },
    },
  };
}

/** The decision of a valid reply. */
export function userImportDecision(reply: HookReply): UserImportDecision {
  const decision: UserImportDecision = { appUserUpdates: {}, userUpdates: {}, result: null, linkUserId: null, commands: [] };
  for (const command of reply.commands) {
    decision.commands.push(command.type);
    if (command.type === APP_USER_PROFILE_UPDATE) Object.assign(decision.appUserUpdates, command.value);
    if (command.type === USER_PROFILE_UPDATE) Object.assign(decision.userUpdates, command.value);
    if (command.type === ACTION_UPDATE) decision.result = (command.value as { result: ImportResult }).result;
    if (command.type === USER_UPDATE) decision.linkUserId = (command.value as { id: string }).id;
  }
  return decision;
}

/**
 * Rules the command schemas cannot express. An explicit LINK_USER needs `com.okta.user.update` (Okta:
 * "required together with LINK_USER"); a user to link to makes no sense when the result is CREATE_USER; the
 * user must exist and not be deactivated; a profile update may only set attributes of the user schema.
 */
async function checkUserImportReply(ctx: AppContext, reply: HookReply, request: Record<string, unknown>): Promise<string | undefined> {
  if (reply.error) return undefined; // no command is applied when the reply carries an error
  const decision = userImportDecision(reply);
  const defaultAction = (request.data as { action?: { result?: ImportResult } } | undefined)?.action?.result ?? 'CREATE_USER';
  const result = decision.result ?? defaultAction;
  if (decision.result === 'LINK_USER' && !decision.linkUserId) {
    return `${ACTION_UPDATE} LINK_USER requires a ${USER_UPDATE} command with the id of the Okta user to link to`;
  }
  if (decision.linkUserId && result === 'CREATE_USER') {
    return `${USER_UPDATE} names a user to link to, but the result is CREATE_USER`;
  }
  if (decision.linkUserId) {
    const user = await ctx.db.selectFrom('users').select(['id', 'status']).where('id', '=', decision.linkUserId).executeTakeFirst();
    if (!user) return `${USER_UPDATE}: there is no Okta user ${decision.linkUserId}`;
    if (user.status === 'DEPROVISIONED') return `${USER_UPDATE}: the Okta user ${decision.linkUserId} is deactivated`;
  }
  if (Object.keys(decision.userUpdates).length > 0) {
    const names = await profileAttributeNames(ctx, ctx.db);
    const unknown = Object.keys(decision.userUpdates).filter((k) => !names.has(k));
    if (unknown.length > 0) {
      return `${USER_PROFILE_UPDATE} sets ${unknown.map((k) => `'${k}'`).join(', ')}, which ${unknown.length === 1 ? 'is' : 'are'} not in the user profile schema`;
    }
  }
  return undefined;
}

/**
 * Calls the app's user import hook for one imported user (skipped when the hook is missing, inactive or of
 * another type). Never throws for hook trouble. Call it outside any open transaction.
 */
export async function runUserImportHook(
  ctx: AppContext, audit: AuditContext, hookId: string | null, input: UserImportHookInput,
): Promise<UserImportHookOutcome> {
  if (!hookId) return { called: false };
  const hook = await ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', hookId).executeTakeFirst();
  if (!hook || hook.status !== 'ACTIVE' || hook.type !== USER_IMPORT_TYPE) return { called: false };
  const { result } = await callInlineHook(ctx, audit, hook, userImportHookType, input, { checkReply: userImportReplyCheck });
  return userImportCallOutcome(hook.id, result);
}

const DEFAULT_ERROR_SUMMARY = 'The callback service returned an error';
const errorMessage = (summary: string) => `The hook returned an error: ${summary}`;

/**
 * The runner's extra check: an `error` object is a failed call (Okta "logs a failure event containing the
 * summary"): the call record and its System Log events say FAILURE with the summary, and no command is applied.
 */
export function userImportReplyCheck(reply: HookReply): string | undefined {
  return reply.error ? errorMessage(reply.error.errorSummary || DEFAULT_ERROR_SUMMARY) : undefined;
}

/** What a call (run with `userImportReplyCheck`) decides. Pure: the import and the preview both read it from here. */
export function userImportCallOutcome(hookId: string, result: HookCallResult): Extract<UserImportHookOutcome, { called: true }> {
  if (result.ok) return { called: true, ok: true, hookId, callId: result.callId, decision: userImportDecision(result.reply) };
  const replyError = (result.replyJson as { error?: { errorSummary?: unknown } | null } | undefined)?.error;
  const errorSummary = replyError && typeof replyError === 'object'
    ? (typeof replyError.errorSummary === 'string' && replyError.errorSummary) || DEFAULT_ERROR_SUMMARY
    : undefined;
  return errorSummary !== undefined && result.error === errorMessage(errorSummary)
    ? { called: true, ok: false, hookId, callId: result.callId, error: result.error, errorSummary }
    : { called: true, ok: false, hookId, callId: result.callId, error: result.error };
}

/**
 * The action an import takes for one user: Okta's own (`defaults`) unless a valid reply decided otherwise;
 * LINK_USER links to the user the reply names, else to the one matching found.
 */
export function userImportAction(
  outcome: UserImportHookOutcome, defaults: { action: ImportResult; linkedUserId: string | null },
): { action: ImportResult; linkUserId: string | null } {
  if (!(outcome.called && outcome.ok)) return { action: defaults.action, linkUserId: defaults.linkedUserId };
  const action = outcome.decision.result ?? defaults.action;
  return { action, linkUserId: action === 'LINK_USER' ? outcome.decision.linkUserId ?? defaults.linkedUserId : null };
}
