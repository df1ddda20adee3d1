/**
 * Password import inline hook, `com.okta.user.credential.password.import` (reference §3.4): on the first
 * sign-in of a user created with `credentials.password.hook`, the legacy store says whether the password is
 * right. Fails closed: anything but a valid `VERIFIED` reply refuses the sign-in, and the next attempt asks
 * again. The request carries the password in clear text, so the call record drops it.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import type { HookReply } from './hook-reply.js';
import { defineInlineHook } from './hook-type.js';
import { passwordImportDecision, samplePasswordImportInput } from './password-import.preview.js';
import { callInlineHook, type HookCallResult } from './runner.js';

export const PASSWORD_IMPORT_TYPE = 'com.okta.user.credential.password.import';
const ACTION_UPDATE = 'com.okta.action.update';

export const passwordImportHookType = defineInlineHook({
  type: PASSWORD_IMPORT_TYPE,
  name: 'Password Import',
  description: 'Verifies a user\'s password against another store at first sign-in.',
  alias: 'password-import',
  retries: true,
  failure: 'closed',
  onePerOrg: { count: 'hooks', message: 'An org can have only one password import inline hook' },
  commands: {
    [ACTION_UPDATE]: Type.Object({
      credential: Type.Union([Type.Literal('VERIFIED'), Type.Literal('UNVERIFIED')]),
    }, { additionalProperties: false }),
  },
  buildRequest: (ctx, input: PasswordImportInput, hook) => buildPasswordImportRequest(ctx, hook.id, input),
  redact: redactPassword,
  preview: {
    requestTypes: [''],
    sample: (ctx, hook) => buildPasswordImportRequest(ctx, hook.id, samplePasswordImportInput()),
    options: () => ({ checkReply: passwordImportReplyCheck }),
    decide: (_ctx, hook, _payload, result) => passwordImportDecision(passwordImportCallOutcome(hook.id, result)),
  },
});

/** The request without `data.context.credential.password`. */
function redactPassword(payload: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(payload) as { data?: { context?: { credential?: Record<string, unknown> } } };
  const credential = copy.data?.context?.credential;
  if (credential && 'password' in credential) credential.password = '[redacted]';
  return copy as Record<string, unknown>;
}

export interface PasswordImportInput {
  username: string;
  password: string;
  /** The sign-in request: its id (the System Log transaction), method, path and client address. */
  request: { id: string; method: string; url: string; ipAddress: string | null };
}

export type PasswordImportOutcome =
  /** The hook answered `VERIFIED`: store the password. */
  | { verdict: 'VERIFIED'; hookId: string; callId: string }
  /** The hook answered `UNVERIFIED` (or 204 / no command, whose default is UNVERIFIED): a wrong password. */
  | { verdict: 'UNVERIFIED'; hookId: string; callId: string }
  /** The hook could not be asked or gave no valid answer (timeout, network, non-2xx, malformed, `error`). */
  | { verdict: 'FAILED'; hookId: string; callId: string | null; error: string }
  /** The org has no active password import hook. */
  | { verdict: 'NO_HOOK' };

/** Okta's request (reference §3.4): `source` is the hook's URL, `data.action.credential` the default, UNVERIFIED. */
export function buildPasswordImportRequest(ctx: AppContext, hookId: string, input: PasswordImportInput): Record<string, unknown> {
  return {
    eventId: randomBytes(16).toString('base64url'),
    eventTime: ctx.clock().toISOString(),
    eventType: PASSWORD_IMPORT_TYPE,
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: `${ctx.config.issuer}/api/v1/inlineHooks/${hookId}`,
    data: {
      context: {
        request: { id: input.request.id, method: input.request.method, url: { value: input.request.url }, ipAddress: input.request.ipAddress },
        credential: { username: input.username, password: input.password },
      },
      action: { credential: 'UNVERIFIED' },
    },
  };
}

/** What a valid reply decides: the last `com.okta.action.update` wins; none (or 204) is the default, UNVERIFIED. */
export function passwordImportVerdict(reply: HookReply): 'VERIFIED' | 'UNVERIFIED' {
  let verdict: 'VERIFIED' | 'UNVERIFIED' = 'UNVERIFIED';
  for (const command of reply.commands) {
    if (command.type === ACTION_UPDATE) verdict = (command.value as { credential: 'VERIFIED' | 'UNVERIFIED' }).credential;
  }
  return verdict;
}

/**
 * Asks the org's password import hook (there is at most one; only an ACTIVE one is called) whether the
 * password is right. Never throws for hook trouble. Call it outside any open transaction.
 */
export async function runPasswordImportHook(ctx: AppContext, audit: AuditContext, input: PasswordImportInput): Promise<PasswordImportOutcome> {
  const hook = await ctx.db.selectFrom('inline_hooks').selectAll()
    .where('type', '=', PASSWORD_IMPORT_TYPE).where('status', '=', 'ACTIVE')
    .orderBy('created', 'asc').executeTakeFirst();
  if (!hook) return { verdict: 'NO_HOOK' };
  const { result } = await callInlineHook(ctx, audit, hook, passwordImportHookType, input, { checkReply: passwordImportReplyCheck });
  return passwordImportCallOutcome(hook.id, result);
}

/** The runner's extra check: an `error` object fails the call (recorded as FAILURE with its summary), whatever the commands say. */
export function passwordImportReplyCheck(reply: HookReply): string | undefined {
  return reply.error ? `The hook returned an error: ${reply.error.errorSummary || 'no errorSummary'}` : undefined;
}

/** What a call (run with `passwordImportReplyCheck`) decides. Pure: sign-in and the preview both read it from here. */
export function passwordImportCallOutcome(hookId: string, result: HookCallResult): Exclude<PasswordImportOutcome, { verdict: 'NO_HOOK' }> {
  if (!result.ok) return { verdict: 'FAILED', hookId, callId: result.callId, error: result.error };
  return { verdict: passwordImportVerdict(result.reply), hookId, callId: result.callId };
}
