/**
 * The built-in development provider, only when chosen (TOLLGATE_TELEPHONY=development, or the demo org): it
 * "delivers" a message by printing it on the server's own console (stderr), so that a developer can sign in
 * with SMS or voice factors without a telephony account. The code goes nowhere else: not to the System Log,
 * hence not to event hooks. Never use it where real people sign in.
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
  // Straight to stderr, whatever the log level: the log may be shipped elsewhere, the console is this machine's.
  process.stderr.write(`[development telephony] ${message.messageProfile.deliveryChannel} to ${message.messageProfile.phoneNumber} `
    + `(user ${message.user.id}), not sent: ${messageText(message)}\n`);
  void ctx;
  return { status: 'SUCCESSFUL', provider: DEVELOPMENT_PROVIDER };
}

/** Set in `settings` when the demo org is created: its phone factors work without a telephony account. */
const DEMO_TELEPHONY_KEY = 'demo_org.telephony';

/**
 * Whether the development provider is on for this start: TOLLGATE_TELEPHONY decides when set; otherwise
 * it is on in the demo org only (created at this start, or marked when it was). Says so on the console.
 */
export async function resolveDevelopmentTelephony(ctx: AppContext, creatingDemoOrg: boolean): Promise<boolean> {
  let on: boolean;
  if (ctx.config.telephony) {
    on = ctx.config.telephony === 'development';
  } else if (creatingDemoOrg) {
    await ctx.db.insertInto('settings').values({ key: DEMO_TELEPHONY_KEY, value: JSON.stringify('development') })
      .onConflict((oc) => oc.column('key').doNothing()).execute();
    on = true;
  } else {
    on = !!(await ctx.db.selectFrom('settings').select('key').where('key', '=', DEMO_TELEPHONY_KEY).executeTakeFirst());
  }
  ctx.config.telephonyDevelopment = on;
  if (on) {
    process.stderr.write('[development telephony] ON: SMS and voice codes that no telephony hook or fallback provider delivers are '
      + 'printed on this console and sent to no phone. Set TOLLGATE_TELEPHONY=none where real people sign in.\n');
  }
  return on;
}
