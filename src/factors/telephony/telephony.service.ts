/**
 * Delivering a one-time passcode by SMS or voice: first through the org's active telephony inline hook; when
 * there is none, or it fails in any way (timeout, error, non-200, malformed or oversize reply, `error`
 * object, status FAILED), the SAME code goes to the fallback provider: the configured HTTP provider, or else
 * the built-in development provider when it is turned on (TOLLGATE_TELEPHONY=development or the demo org).
 * With none of them, the delivery fails: a FAILURE event, and the caller tells the user the code could not be
 * sent. Nothing is retried. The code itself is never logged. Every delivery writes Okta's System Log event for
 * its flow (`system.sms.send_*` / `system.voice.send_*`) saying who delivered it.
 *
 * Call it outside any open database transaction (the hook runner records its call in its own transaction).
 */
import type { AppContext } from '../../platform/context.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { runTelephonyHook, type TelephonyMessage, type TelephonyPurpose } from '../../hooks/inline/telephony.inline-hook.js';
import { sendViaDevelopmentProvider } from './development-provider.js';
import { sendViaHttpProvider } from './http-provider.js';

export interface OtpDelivery {
  delivered: boolean;
  /** Who took the message: the telephony hook, the fallback HTTP provider, or the development provider. */
  via: 'hook' | 'fallback' | 'development' | 'none';
  status: 'SUCCESSFUL' | 'PENDING' | 'FAILED';
  provider?: string;
  transactionId?: string;
  /** The inline hook call record, when the hook was called. */
  hookCallId?: string;
  /** Why the hook's answer was not used. */
  hookFailure?: string;
  /** Why the fallback provider did not deliver either. */
  failure?: string;
}

const EVENT_TYPES: Record<TelephonyPurpose, { sms: [string, string]; voice: [string, string] }> = {
  enroll: {
    sms: ['system.sms.send_phone_verification_message', 'Send phone verification SMS message'],
    voice: ['system.voice.send_phone_verification_call', 'Send phone verification call'],
  },
  verify: {
    sms: ['system.sms.send_factor_verify_message', 'Send second factor auth SMS'],
    voice: ['system.voice.send_mfa_challenge_call', 'Send second factor auth call'],
  },
  unlock: {
    sms: ['system.sms.send_account_unlock_message', 'Send self-service account unlock SMS message'],
    voice: ['system.voice.send_account_unlock_call', 'Send self-service account unlock call'],
  },
  reset: {
    sms: ['system.sms.send_password_reset_message', 'Send self-service password reset SMS message'],
    voice: ['system.voice.send_password_reset_call', 'Send self-service password reset call'],
  },
};

export async function deliverOtp(ctx: AppContext, audit: AuditContext, message: TelephonyMessage): Promise<OtpDelivery> {
  const hook = await runTelephonyHook(ctx, audit, message);
  let delivery: OtpDelivery;
  if (hook.called && hook.delivered) {
    delivery = {
      delivered: true, via: 'hook', status: hook.action.status, provider: hook.action.provider,
      transactionId: hook.action.transactionId, hookCallId: hook.callId,
    };
  } else {
    const hookPart = hook.called ? { hookCallId: hook.callId, hookFailure: hook.reason } : {};
    if (hook.called) ctx.log.warn({ hookCallId: hook.callId, reason: hook.reason }, 'telephony hook failed; sending the code through the fallback provider');
    const fallback = ctx.config.telephonyFallback;
    if (fallback) {
      const sent = await sendViaHttpProvider(ctx, fallback, message);
      delivery = sent.ok
        ? { delivered: true, via: 'fallback', status: sent.action.status, provider: sent.action.provider, transactionId: sent.action.transactionId, ...hookPart }
        : { delivered: false, via: 'fallback', status: 'FAILED', failure: sent.reason, ...hookPart };
      if (!sent.ok) ctx.log.error({ reason: sent.reason, userId: message.user.id }, 'the fallback telephony provider could not deliver a code');
    } else if (ctx.config.telephonyDevelopment) {
      const action = sendViaDevelopmentProvider(ctx, message);
      delivery = { delivered: true, via: 'development', status: action.status, provider: action.provider, ...hookPart };
    } else {
      const failure = hook.called
        ? 'The telephony hook failed and no fallback provider is configured'
        : 'No telephony hook is active and no fallback provider is configured';
      delivery = { delivered: false, via: 'none', status: 'FAILED', failure, ...hookPart };
      ctx.log.error({ reason: failure, userId: message.user.id }, 'an SMS or voice code could not be sent');
    }
  }
  await recordDelivery(ctx, audit, message, delivery);
  return delivery;
}

async function recordDelivery(ctx: AppContext, audit: AuditContext, message: TelephonyMessage, delivery: OtpDelivery): Promise<void> {
  const channel = message.messageProfile.deliveryChannel === 'SMS' ? 'sms' : 'voice';
  const [eventType, displayMessage] = EVENT_TYPES[message.purpose][channel];
  const { user } = message;
  const displayName = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.login;
  try {
    await recordEvent(ctx, ctx.db, audit, {
      eventType,
      displayMessage,
      outcome: delivery.delivered ? 'SUCCESS' : 'FAILURE',
      reason: delivery.failure ?? null,
      severity: delivery.delivered ? 'INFO' : 'ERROR',
      target: [{ id: user.id, type: 'User', alternateId: user.login, displayName }],
      debugData: {
        phoneNumber: message.messageProfile.phoneNumber,
        deliveryChannel: message.messageProfile.deliveryChannel,
        deliveredBy: delivery.via,
        deliveryStatus: delivery.status,
        ...(delivery.provider ? { provider: delivery.provider } : {}),
        ...(delivery.transactionId ? { transactionId: delivery.transactionId } : {}),
        ...(delivery.hookCallId ? { inlineHookCallId: delivery.hookCallId } : {}),
        ...(delivery.hookFailure ? { inlineHookFailure: delivery.hookFailure } : {}),
      },
    });
  } catch (err) {
    ctx.log.error({ err, userId: user.id }, 'could not record a telephony delivery');
  }
}
