/**
 * The built-in development provider, used when no fallback HTTP provider is configured: it "delivers" a
 * message by writing it to the server log (and the caller writes it to the System Log), so that a developer
 * can sign in with SMS or voice factors without a telephony account. Never use it where real people sign in.
 */
import type { AppContext } from '../../platform/context.js';
import type { TelephonyAction, TelephonyMessage } from '../../hooks/inline/telephony.inline-hook.js';

export const DEVELOPMENT_PROVIDER = 'TOLLGATE_DEVELOPMENT';

/** The text a person would read or hear. */
export function messageText(message: TelephonyMessage): string {
  return message.messageProfile.deliveryChannel === 'SMS'
    ? message.messageProfile.msgTemplate
    : `Voice call: your verification code is ${message.messageProfile.otpCode.split('').join(' ')}`;
}

export function sendViaDevelopmentProvider(ctx: AppContext, message: TelephonyMessage): TelephonyAction {
  ctx.log.warn({
    provider: DEVELOPMENT_PROVIDER,
    to: message.messageProfile.phoneNumber,
    channel: message.messageProfile.deliveryChannel,
    userId: message.user.id,
    text: messageText(message),
  }, 'development telephony provider: message not sent to a phone, shown here instead');
  return { status: 'SUCCESSFUL', provider: DEVELOPMENT_PROVIDER };
}
