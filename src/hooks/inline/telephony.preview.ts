/**
 * The telephony hook's preview: a code for Rosario Jones (by the flow `requestType` names), and the decision
 * in an admin's words. The verdict itself is `telephonyCallOutcome`'s.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import type { PreviewDecision } from './hook-type.js';
import { because, SAMPLE_PERSON as PERSON, sampleRequestInfo } from './preview-kit.js';
import type { TelephonyHookOutcome, TelephonyMessage, TelephonyPurpose } from './telephony.inline-hook.js';

/** A message with a fresh code; `purpose` is the flow that sends it. */
export function sampleTelephonyMessage(ctx: AppContext, purpose: TelephonyPurpose): TelephonyMessage {
  const code = String(100_000 + (randomBytes(4).readUInt32BE(0) % 900_000));
  return {
    purpose,
    user: { id: PERSON.id, login: PERSON.login, firstName: PERSON.firstName, lastName: PERSON.lastName },
    messageProfile: {
      msgTemplate: `Your verification code is ${code}`, phoneNumber: '+15555550123',
      otpExpires: new Date(ctx.clock().getTime() + 5 * 60_000).toISOString(), deliveryChannel: 'SMS', otpCode: code, locale: 'EN-US',
    },
    request: sampleRequestInfo('POST', `/api/v1/users/${PERSON.id}/factors`),
  };
}

/** Whether the message was delivered, and else where the code goes (this server's fallback provider). */
export function telephonyDecision(ctx: AppContext, outcome: Extract<TelephonyHookOutcome, { called: true }>): PreviewDecision {
  if (outcome.delivered) {
    const { action } = outcome;
    return {
      result: 'DELIVERED', status: action.status, action,
      summary: `The hook took the message (${action.status}${action.provider ? `, provider ${action.provider}` : ''}): nothing else is sent.`,
    };
  }
  const fallbackProvider = ctx.config.telephonyFallback ? 'http' : ctx.config.telephonyDevelopment ? 'development' : 'none';
  if (fallbackProvider === 'none') {
    return {
      result: 'FALLBACK', reason: outcome.reason, fallbackProvider,
      ...(outcome.action ? { action: outcome.action } : {}),
      summary: `The code is not sent: no fallback provider is configured, ${because(outcome.reason)}. The user is told it could not be sent.`,
    };
  }
  const provider = fallbackProvider === 'http' ? 'the fallback HTTP provider' : 'the built-in development provider (the server console)';
  return {
    result: 'FALLBACK', reason: outcome.reason, fallbackProvider,
    ...(outcome.action ? { action: outcome.action } : {}),
    summary: `Falls back to the provider: the same code goes to ${provider}, ${because(outcome.reason)}.`,
  };
}
