/**
 * Telephony inline hook, `com.okta.telephony.provider` (reference §3.6): delivers SMS and voice OTPs. Never
 * retried; on failure Tollgate falls back to its own provider. Its command `value` is an array, unlike the
 * other object values.
 */
import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import type { HookReply } from './hook-reply.js';
import { defineInlineHook } from './hook-type.js';
import { callInlineHook, type HookCallResult } from './runner.js';
import { sampleTelephonyMessage, telephonyDecision } from './telephony.preview.js';

export const TELEPHONY_ACTION = 'com.okta.telephony.action';

export const TelephonyActionValue = Type.Array(Type.Object({
  status: Type.Union([Type.Literal('SUCCESSFUL'), Type.Literal('PENDING'), Type.Literal('FAILED')]),
  provider: Type.Optional(Type.String()),
  transactionId: Type.Optional(Type.String()),
  transactionMetadata: Type.Optional(Type.String()),
}, { additionalProperties: false }), { minItems: 1 });

/** The four flows that send a code, as Okta spells them in `requestType` (reference §3.6). */
export const TELEPHONY_REQUEST_TYPES = {
  enroll: 'com.okta.user.telephony.pre-enrollment',
  verify: 'com.okta.user.telephony.mfa-verification',
  unlock: 'com.okta.user.telephony.account-unlock',
  reset: 'com.okta.user.telephony.password-reset',
} as const;

/** The hook's `source`: the hook itself (Okta names the inline hook called). */
const sourceOf = (ctx: AppContext, hookId: string) => `${ctx.config.issuer}/api/v1/inlineHooks/${hookId}`;

export const telephonyHookType = defineInlineHook({
  type: 'com.okta.telephony.provider',
  name: 'Telephony',
  description: 'Sends SMS and voice messages through your own provider.',
  alias: 'telephony',
  retries: false,
  failure: 'fallback',
  onePerOrg: { count: 'active', message: 'Only one telephony inline hook can be active at a time; deactivate the active one first' },
  requiresAuthScheme: true,
  commands: { [TELEPHONY_ACTION]: TelephonyActionValue },
  buildRequest: (ctx, message: TelephonyMessage, hook) => buildTelephonyRequest(ctx, sourceOf(ctx, hook.id), message),
  checkReply: (_ctx, reply) => checkTelephonyReply(reply),
  preview: {
    requestTypes: Object.values(TELEPHONY_REQUEST_TYPES),
    requestTypeLabels: {
      [TELEPHONY_REQUEST_TYPES.enroll]: 'Enrollment',
      [TELEPHONY_REQUEST_TYPES.verify]: 'MFA verification',
      [TELEPHONY_REQUEST_TYPES.unlock]: 'Account unlock',
      [TELEPHONY_REQUEST_TYPES.reset]: 'Password reset',
    },
    sample(ctx, hook, requestType) {
      const purpose = (Object.entries(TELEPHONY_REQUEST_TYPES).find(([, t]) => t === requestType)?.[0] ?? 'enroll') as TelephonyPurpose;
      return buildTelephonyRequest(ctx, sourceOf(ctx, hook.id), sampleTelephonyMessage(ctx, purpose));
    },
    decide: (ctx, _hook, _payload, result) => telephonyDecision(ctx, telephonyCallOutcome(result)),
  },
});

export type TelephonyPurpose = keyof typeof TELEPHONY_REQUEST_TYPES;
export type TelephonyRequestType = (typeof TELEPHONY_REQUEST_TYPES)[TelephonyPurpose];

/** `deliveryChannel`: Okta's docs spell the voice value `voice call` (endpoints compare it case-insensitively). */
export type DeliveryChannel = 'SMS' | 'voice call';

export interface TelephonyMessage {
  purpose: TelephonyPurpose;
  user: { id: string; login: string; firstName: string | null; lastName: string | null };
  messageProfile: {
    msgTemplate: string;
    phoneNumber: string;
    otpExpires: string;
    deliveryChannel: DeliveryChannel;
    otpCode: string;
    locale: string;
  };
  request: { id: string; method: string; url: string; ipAddress: string | null };
}

/** What a provider (the hook or an HTTP fallback provider) said about one message. */
export interface TelephonyAction {
  status: 'SUCCESSFUL' | 'PENDING' | 'FAILED';
  provider?: string;
  transactionId?: string;
  transactionMetadata?: string;
}

export type TelephonyHookOutcome =
  /** No active telephony hook: Tollgate's own provider sends the code. */
  | { called: false }
  /** The hook took the message (SUCCESSFUL or PENDING): nothing else is sent. */
  | { called: true; delivered: true; action: TelephonyAction; callId: string }
  /** The hook failed or said FAILED: the same code goes to the fallback provider. */
  | { called: true; delivered: false; reason: string; callId: string; action?: TelephonyAction };

/** Okta's telephony request (reference §3.6), field by field. `source` names the hook (or provider) called. */
export function buildTelephonyRequest(ctx: AppContext, source: string, message: TelephonyMessage): Record<string, unknown> {
  return {
    eventId: randomBytes(16).toString('base64url'),
    eventTime: ctx.clock().toISOString(),
    eventType: telephonyHookType.type,
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source,
    requestType: TELEPHONY_REQUEST_TYPES[message.purpose],
    data: {
      context: {
        request: {
          id: message.request.id, method: message.request.method,
          url: { value: message.request.url }, ipAddress: message.request.ipAddress,
        },
      },
      userProfile: {
        firstName: message.user.firstName,
        lastName: message.user.lastName,
        login: message.user.login,
        userId: message.user.id,
      },
      messageProfile: { ...message.messageProfile },
    },
  };
}

/**
 * A telephony reply must carry exactly one `com.okta.telephony.action` command. An `error` object, an empty
 * reply (204 or `{}`) or several commands make the hook fail, and the code goes to the fallback provider.
 */
export function checkTelephonyReply(reply: HookReply): string | undefined {
  if (reply.error) {
    const summary = reply.error.errorSummary || 'no errorSummary';
    return `The telephony hook reported an error: ${summary}`;
  }
  if (reply.commands.length === 0) return `A telephony hook must reply with a ${TELEPHONY_ACTION} command`;
  if (reply.commands.length > 1) return `A telephony hook must reply with exactly one ${TELEPHONY_ACTION} command`;
  return undefined;
}

/** The first result of the reply's `com.okta.telephony.action` (the reply has passed `checkTelephonyReply`). */
export function telephonyActionOf(reply: HookReply): TelephonyAction {
  return (reply.commands[0].value as TelephonyAction[])[0];
}

/**
 * Sends the code through the org's active telephony hook, once (telephony hooks are never retried).
 * Anything but HTTP 200 with a valid `com.okta.telephony.action` saying SUCCESSFUL or PENDING counts as not
 * delivered: a timeout, a network error, a non-200 status, a malformed or oversize reply, an `error` object
 * or a `FAILED` status. The caller then hands the same code to the fallback provider.
 *
 * Call it outside any open database transaction (the runner records the call in its own transaction).
 */
export async function runTelephonyHook(ctx: AppContext, audit: AuditContext, message: TelephonyMessage): Promise<TelephonyHookOutcome> {
  const hook = await ctx.db.selectFrom('inline_hooks').selectAll()
    .where('type', '=', telephonyHookType.type).where('status', '=', 'ACTIVE')
    .orderBy('created', 'asc').executeTakeFirst();
  if (!hook) return { called: false };

  const { result } = await callInlineHook(ctx, audit, hook, telephonyHookType, message);
  return telephonyCallOutcome(result);
}

/**
 * Whether a call delivered the message: only HTTP 200 with SUCCESSFUL or PENDING does; anything else sends
 * the same code to the fallback provider. Pure: OTP delivery and the preview both read the decision from here.
 */
export function telephonyCallOutcome(result: HookCallResult): Extract<TelephonyHookOutcome, { called: true }> {
  if (!result.ok) return { called: true, delivered: false, reason: result.error, callId: result.callId };
  // Okta: "any status code besides 200" skips the hook (a 204 is already refused as an empty reply).
  if (result.status !== 200) {
    return { called: true, delivered: false, reason: `The telephony hook answered HTTP ${result.status}; only 200 is accepted`, callId: result.callId };
  }
  const action = telephonyActionOf(result.reply);
  if (action.status === 'FAILED') {
    return { called: true, delivered: false, reason: 'The telephony hook could not deliver the message (status FAILED)', callId: result.callId, action };
  }
  return { called: true, delivered: true, action, callId: result.callId };
}
