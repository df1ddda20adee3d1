/**
 * `tollgate hook check URL --type event`: creates an event hook in a throw-away Tollgate (with the signing
 * secret, when given), runs Okta's one-time verification (`verifyEventHook`), and when it passes delivers one
 * event through the event hook sink (headers, signatures, retry rule and delivery log as a server's). Both
 * answers' codes are checked: verification wants 200 with the challenge, a delivery any 2xx.
 */
import type { AppContext } from '../../platform/context.js';
import { OktaError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { DELIVERY_TIMEOUT_MS, EVENT_HOOK_SINK, eventHookDelivery } from '../event/event-hook-sink.js';
import { createEventHook } from '../event/event-hooks.service.js';
import { rotateSigningSecret } from '../event/signing-secrets.js';
import { verifyEventHook } from '../event/verification.js';
import { SAMPLE_PERSON } from '../inline/preview-kit.js';
import { eventChannel, ToolError, type EndpointAuth } from './hook-target.js';

export const SAMPLE_EVENT_TYPE = 'user.lifecycle.create';

export interface EventCaseReport {
  name: 'verification' | 'delivery';
  description: string;
  passed: boolean;
  status: number | null;
  durationMs: number | null;
  /** HTTP attempts (null for the verification, whose retry the service keeps to itself). */
  attempts: number | null;
  budgetMs: number;
  error?: string;
  responseExcerpt?: string | null;
  summary: string;
}

export interface EventCheckReport {
  url: string;
  type: 'event';
  passed: boolean;
  cases: EventCaseReport[];
}

export async function checkEventHook(
  ctx: AppContext, audit: AuditContext, options: { url: string; auth: EndpointAuth; signingSecret?: string },
): Promise<EventCheckReport> {
  const hook = await createEventHook(ctx, audit, {
    name: 'hook check event', events: { type: 'EVENT_TYPE', items: [SAMPLE_EVENT_TYPE] }, channel: eventChannel(options.url, options.auth),
  });
  if (options.signingSecret) {
    try {
      await rotateSigningSecret(ctx, ctx.db, hook.id, 0, options.signingSecret);
    } catch (err) {
      throw new ToolError(`--signing-secret: ${err instanceof OktaError ? err.errorCauses[0]?.errorSummary ?? err.errorSummary : String(err)}`);
    }
  }

  const cases: EventCaseReport[] = [];
  const started = performance.now();
  let verifyError: string | undefined;
  try {
    await verifyEventHook(ctx, audit, hook.id);
  } catch (err) {
    if (!(err instanceof OktaError)) throw err;
    verifyError = err.errorCauses[0]?.errorSummary ?? err.errorSummary;
  }
  cases.push({
    name: 'verification', description: 'One-time verification: GET with x-okta-verification-challenge',
    passed: !verifyError, status: null, durationMs: Math.round(performance.now() - started), attempts: null, budgetMs: DELIVERY_TIMEOUT_MS,
    ...(verifyError ? { error: verifyError } : {}),
    summary: verifyError ? `Okta would not verify the hook, and would deliver nothing to it: ${verifyError}` : 'Verified: the endpoint echoed the challenge.',
  });
  if (verifyError) {
    cases.push({
      name: 'delivery', description: `One ${SAMPLE_EVENT_TYPE} event`, passed: false, status: null, durationMs: null, attempts: 0, budgetMs: DELIVERY_TIMEOUT_MS,
      error: 'Not attempted: the hook is not verified', summary: 'Not attempted: Okta delivers only to verified hooks.',
    });
    return { url: options.url, type: 'event', passed: false, cases };
  }

  const event = await recordEvent(ctx, ctx.db, audit, {
    eventType: SAMPLE_EVENT_TYPE, displayMessage: 'Create okta user',
    target: [{ id: SAMPLE_PERSON.id, type: 'User', alternateId: SAMPLE_PERSON.login, displayName: `${SAMPLE_PERSON.firstName} ${SAMPLE_PERSON.lastName}` }],
  });
  const live = (await eventHookDelivery.liveTargets(ctx, ctx.db)).get(hook.id);
  if (!live) throw new Error('the verified hook is not live');
  const item = { id: newId('request'), sink: EVENT_HOOK_SINK, targetId: hook.id, eventUuid: event.uuid, eventType: event.eventType, published: event.published, attempts: 0, event };
  const outcome = await eventHookDelivery.deliver(ctx, hook.id, [item], live);
  if (outcome.record) await ctx.db.transaction().execute((trx) => outcome.record!(trx));
  const attempts = await ctx.db.selectFrom('event_hook_deliveries').selectAll().where('hook_id', '=', hook.id).orderBy('created', 'asc').execute();
  const last = attempts[attempts.length - 1];
  const delivered = outcome.result === 'DELIVERED';
  cases.push({
    name: 'delivery', description: `One ${SAMPLE_EVENT_TYPE} event${options.signingSecret ? ', signed (Standard Webhooks)' : ''}`,
    passed: delivered, status: last?.status_code ?? null, durationMs: attempts.reduce((n, a) => n + Number(a.latency_ms), 0),
    attempts: attempts.length, budgetMs: DELIVERY_TIMEOUT_MS, responseExcerpt: last?.response_excerpt ?? null,
    ...(delivered ? {} : { error: last?.error ?? ('error' in outcome ? outcome.error : 'Delivery failed') }),
    summary: delivered
      ? `Delivered (HTTP ${last?.status_code}).`
      : `Okta would count the delivery as failed after ${attempts.length} attempt(s) and not send the event again: ${last?.error ?? 'delivery failed'}`,
  });
  return { url: options.url, type: 'event', passed: cases.every((c) => c.passed), cases };
}
