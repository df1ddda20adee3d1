/**
 * The fallback HTTP provider: a second telephony endpoint, configured by TOLLGATE_TELEPHONY_FALLBACK_URL (and
 * optionally TOLLGATE_TELEPHONY_FALLBACK_AUTHORIZATION, sent as the `Authorization` header). It speaks the
 * telephony hook's own wire format, so any telephony hook endpoint can serve as the fallback: the same
 * request, the same `com.okta.telephony.action` reply. One attempt, 3 s, no redirects, replies under 256 KB,
 * the SSRF guard of every outbound call.
 */
import type { AppContext } from '../../platform/context.js';
import { httpRequest } from '../../platform/http-client.js';
import { parseHookReply } from '../../hooks/inline/hook-reply.js';
import { HOOK_TIMEOUT_MS, MAX_REPLY_BYTES } from '../../hooks/inline/runner.js';
import {
  buildTelephonyRequest, checkTelephonyReply, telephonyActionOf, telephonyHookType, type TelephonyAction, type TelephonyMessage,
} from '../../hooks/inline/telephony.inline-hook.js';

export interface HttpTelephonyProvider {
  url: string;
  authorization?: string;
}

export type ProviderResult = { ok: true; action: TelephonyAction } | { ok: false; reason: string; action?: TelephonyAction };

export async function sendViaHttpProvider(ctx: AppContext, provider: HttpTelephonyProvider, message: TelephonyMessage): Promise<ProviderResult> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (provider.authorization) headers.authorization = provider.authorization;
  const payload = buildTelephonyRequest(ctx, `${ctx.config.issuer}/telephony/fallback`, message);
  const res = await httpRequest(ctx.config, {
    method: 'POST', url: provider.url, headers, body: JSON.stringify(payload), timeoutMs: HOOK_TIMEOUT_MS, maxResponseBytes: MAX_REPLY_BYTES,
  });
  if (!res.ok) return { ok: false, reason: `The fallback provider failed: ${res.error}` };
  if (res.status !== 200) return { ok: false, reason: `The fallback provider answered HTTP ${res.status}` };
  const parsed = parseHookReply(telephonyHookType, res.body);
  if ('invalid' in parsed) return { ok: false, reason: `The fallback provider's reply is invalid: ${parsed.invalid}` };
  const problem = checkTelephonyReply(parsed.reply);
  if (problem) return { ok: false, reason: `The fallback provider's reply is invalid: ${problem}` };
  const action = telephonyActionOf(parsed.reply);
  if (action.status === 'FAILED') return { ok: false, reason: 'The fallback provider could not deliver the message (status FAILED)', action };
  return { ok: true, action };
}
