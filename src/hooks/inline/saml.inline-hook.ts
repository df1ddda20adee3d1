/**
 * SAML assertion inline hook, `com.okta.saml.tokens.transform` (reference §3.3): called when Tollgate has
 * built the assertion of a custom SAML app and before it is signed. `com.okta.assertion.patch` changes
 * claims, subject, conditions, authentication and the session lifetime. Fails OPEN: on a timeout, a
 * connection error, a non-2xx answer, a malformed or oversized reply, a command of another hook type, an
 * `error` object or a patch that cannot be applied, the original assertion is used (and the call is
 * recorded as a failure with its reason).
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import type { AssertionModel } from './saml/assertion-model.js';
import { applyAssertionPatch, type AssertionPatchOperation } from './saml/assertion-patch.js';
import type { HookReply } from './hook-reply.js';
import { defineInlineHook } from './hook-type.js';
import { dataOf } from './preview-kit.js';
import { callInlineHook, type HookCallResult } from './runner.js';
import { samlDecision, samlPreviewProblems, sampleSamlInput } from './saml.preview.js';

export const ASSERTION_PATCH = 'com.okta.assertion.patch';

const AssertionPatch = Type.Array(Type.Object({
  op: Type.Union([Type.Literal('add'), Type.Literal('replace')]),
  path: Type.String({ pattern: '^/(subject|authentication|conditions|claims)/.+$' }),
  value: Type.Unknown(),
}, { additionalProperties: false }));

/** Okta's text when a hook's error object has no `errorSummary`. */
export const SAML_HOOK_DEFAULT_ERROR = 'The callback service returned an error';

export const samlHookType = defineInlineHook({
  type: 'com.okta.saml.tokens.transform',
  name: 'SAML',
  description: 'Adds attributes to or changes SAML assertions.',
  alias: 'saml',
  retries: true,
  failure: 'open',
  commands: {
    [ASSERTION_PATCH]: AssertionPatch,
  },
  buildRequest: (ctx, input: Omit<SamlHookInput, 'hookId'>) => buildSamlHookRequest(ctx, input),
  checkReply: checkSamlReply,
  preview: {
    requestTypes: [''],
    sample: (ctx) => buildSamlHookRequest(ctx, sampleSamlInput(ctx)),
    problems: samlPreviewProblems,
    decide(_ctx, _hook, payload, result) {
      return samlDecision(samlCallOutcome(result, dataOf(payload).assertion as AssertionModel), result.ok ? assertionPatchOperations(result.reply) : []);
    },
  },
});

/** `data.context` of the request (reference §2.2 and §3.3): what the hook can see but not change. */
export interface SamlHookContext {
  request: { id: string; method: string; url: { value: string }; ipAddress: string | null };
  protocol: { type: 'SAML2.0'; issuer: { id: string; name: string; uri: string } };
  session: Record<string, unknown>;
  user: Record<string, unknown>;
}

export interface SamlHookInput {
  /** `settings.signOn.inlineHooks[0].id` of the app. */
  hookId: string;
  /** The app's SSO URL; it becomes the request's `source`. */
  source: string;
  context: SamlHookContext;
  assertion: AssertionModel;
}

export type SamlHookOutcome =
  | { status: 'SKIPPED'; assertion: AssertionModel; reason: string }
  | { status: 'UNCHANGED'; assertion: AssertionModel; callId: string }
  | { status: 'PATCHED'; assertion: AssertionModel; callId: string; operations: number }
  | { status: 'FAILED_OPEN'; assertion: AssertionModel; callId: string; reason: string };

export function buildSamlHookRequest(ctx: AppContext, input: Omit<SamlHookInput, 'hookId'>): Record<string, unknown> {
  return {
    source: input.source,
    eventId: randomBytes(16).toString('base64url'),
    eventTime: ctx.clock().toISOString(),
    eventTypeVersion: '1.0',
    cloudEventVersion: '0.1',
    contentType: 'application/json',
    eventType: samlHookType.type,
    data: { context: input.context, assertion: input.assertion },
  };
}

/** Every operation of every `com.okta.assertion.patch` command, in order. */
export function assertionPatchOperations(reply: HookReply): AssertionPatchOperation[] {
  return reply.commands.filter((c) => c.type === ASSERTION_PATCH).flatMap((c) => c.value as AssertionPatchOperation[]);
}

/**
 * A reply with an `error` object, or whose patch cannot be applied to the assertion that was sent, is a
 * failed call (recorded with this reason; the assertion stays as it was).
 */
function checkSamlReply(_ctx: AppContext, reply: HookReply, request: Record<string, unknown>): string | undefined {
  if (reply.error) return `The hook answered with an error: ${reply.error.errorSummary || SAML_HOOK_DEFAULT_ERROR}`;
  const assertion = (request.data as { assertion?: AssertionModel } | undefined)?.assertion;
  if (!assertion) return undefined; // a preview request without an assertion: nothing to patch
  const result = applyAssertionPatch(assertion, assertionPatchOperations(reply));
  return result.ok ? undefined : `The assertion patch cannot be applied: ${result.error}`;
}

/**
 * Runs the app's SAML hook through the shared runner and returns the assertion to sign. A missing, inactive
 * or non-SAML hook is skipped. Call it outside any open database transaction.
 */
export async function runSamlHook(ctx: AppContext, audit: AuditContext, input: SamlHookInput): Promise<SamlHookOutcome> {
  const hook = await ctx.db.selectFrom('inline_hooks').selectAll().where('id', '=', input.hookId).executeTakeFirst();
  if (!hook) return { status: 'SKIPPED', assertion: input.assertion, reason: `inline hook ${input.hookId} does not exist` };
  if (hook.status !== 'ACTIVE') return { status: 'SKIPPED', assertion: input.assertion, reason: `inline hook ${hook.id} is not active` };
  if (hook.type !== samlHookType.type) {
    ctx.log.warn({ hookId: hook.id, type: hook.type }, 'a SAML app names an inline hook that is not a SAML hook; skipped');
    return { status: 'SKIPPED', assertion: input.assertion, reason: `inline hook ${hook.id} is not a SAML hook` };
  }
  const { result } = await callInlineHook(ctx, audit, hook, samlHookType, input);
  return samlCallOutcome(result, input.assertion);
}

/**
 * The assertion a call decides on: the original one on any failure (fail open), else the reply's patches
 * applied to it. Pure: SSO and the preview both read the decision from here.
 */
export function samlCallOutcome(result: HookCallResult, assertion: AssertionModel): Exclude<SamlHookOutcome, { status: 'SKIPPED' }> {
  if (!result.ok) return { status: 'FAILED_OPEN', assertion, callId: result.callId, reason: result.error };
  const operations = assertionPatchOperations(result.reply);
  if (operations.length === 0) return { status: 'UNCHANGED', assertion, callId: result.callId };
  const patched = applyAssertionPatch(assertion, operations);
  // checkReply has already applied the same patch to the same assertion, so this cannot fail; stay open if it does.
  if (!patched.ok) return { status: 'FAILED_OPEN', assertion, callId: result.callId, reason: patched.error };
  return { status: 'PATCHED', assertion: patched.model, callId: result.callId, operations: operations.length };
}
