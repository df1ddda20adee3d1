/**
 * One-time verification (reference §5.3): a GET to the hook's URI with `x-okta-verification-challenge`, the
 * auth header and the custom headers; the endpoint answers `{"verification": "<the same value>"}`. 3 s per
 * attempt and one retry after a timeout or an error response, then 400. The outcome is `event_hook.verified`.
 */
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.js';
import { OktaError } from '../../platform/errors.js';
import { httpRequest } from '../../platform/http-client.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { deliveryHeaders } from './delivery-request.js';
import type { EventHookChannel } from './event-hook-input.js';
import { DELIVERY_TIMEOUT_MS } from './event-hook-sink.js';
import { eventHookTarget, getEventHook, toOktaEventHook, type OktaEventHook } from './event-hooks.service.js';
import { bumpSubscriptionVersion } from '../../events/subscription-version.js';

const MAX_REPLY_BYTES = 64 * 1024;

export async function verifyEventHook(ctx: AppContext, audit: AuditContext, id: string): Promise<OktaEventHook> {
  const hook = await getEventHook(ctx.db, id);
  const channel = JSON.parse(hook.channel) as EventHookChannel;
  const challenge = randomBytes(24).toString('base64url');

  let problem: string | undefined;
  let authValue: string | null = null;
  try {
    authValue = hook.secret_encrypted ? ctx.secrets.decrypt(hook.secret_encrypted) : null;
  } catch {
    problem = "The hook's secret cannot be decrypted (was the secret key changed?)";
  }
  if (!problem) {
    const headers: Record<string, string> = { ...deliveryHeaders(channel, authValue), 'x-okta-verification-challenge': challenge };
    delete headers['content-type'];
    for (let attempt = 1; attempt <= 2; attempt++) {
      const res = await httpRequest(ctx.config, { method: 'GET', url: channel.config.uri, headers, timeoutMs: DELIVERY_TIMEOUT_MS, maxResponseBytes: MAX_REPLY_BYTES });
      problem = checkReply(res, challenge);
      if (!problem || (!res.ok && res.failure === 'blocked')) break;
    }
  }

  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await getEventHook(trx, id);
    // A channel changed while the challenge was out verifies nothing.
    const stillSame = current.channel === hook.channel && current.secret_encrypted === hook.secret_encrypted;
    const verified = !problem && stillSame;
    if (verified && current.verification_status !== 'VERIFIED') {
      await trx.updateTable('event_hooks').set({ verification_status: 'VERIFIED', last_updated: ctx.clock().toISOString() }).where('id', '=', id).execute();
      await bumpSubscriptionVersion(trx);
    }
    const reason = problem ?? (stillSame ? null : 'The hook was changed during verification');
    await recordEvent(ctx, trx, audit, {
      eventType: 'event_hook.verified',
      displayMessage: verified ? 'Event hook verified' : 'Event hook verification failed',
      outcome: verified ? 'SUCCESS' : 'FAILURE',
      reason,
      target: eventHookTarget(current),
    });
    return verified ? await getEventHook(trx, id) : reason ?? 'Verification failed';
  });
  if (typeof row === 'string') {
    throw new OktaError(400, 'E0000001', 'Api validation failed: Verification of the event hook failed', [{ errorSummary: row }]);
  }
  return toOktaEventHook(ctx, row);
}

function checkReply(res: Awaited<ReturnType<typeof httpRequest>>, challenge: string): string | undefined {
  if (!res.ok) {
    if (res.failure === 'timeout') return `The endpoint did not answer within ${DELIVERY_TIMEOUT_MS / 1000} seconds`;
    if (res.failure === 'blocked') return `The hook URL is not allowed: ${res.error}`;
    if (res.failure === 'too_large') return 'The verification reply is too large';
    return `Could not reach the endpoint: ${res.error}`;
  }
  if (res.status !== 200) return `The endpoint answered the verification request with HTTP ${res.status}; expected 200`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'The verification reply is not JSON; expected {"verification": "<the x-okta-verification-challenge value>"}';
  }
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).verification : undefined;
  if (value !== challenge) return 'The verification reply does not contain the value of x-okta-verification-challenge in "verification"';
  return undefined;
}
