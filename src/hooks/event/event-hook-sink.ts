/**
 * Event hooks as an outbox sink: who is subscribed, who may receive now, and one batch's delivery with the
 * hook's retry rule, its delivery log, `event_hook.delivery` on failure, and auto-deactivation.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Selectable } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { Trx } from '../../platform/db/index.js';
import type { EventHooksTable } from '../../platform/db/tables/event-hooks.js';
import { httpRequest, type OutboundResult } from '../../platform/http-client.js';
import { newId, newUuid } from '../../platform/ids.js';
import { clientOf, SYSTEM_ACTOR, type AuditContext } from '../../events/log-event.js';
import { recordEvent } from '../../events/record-event.js';
import { parseDeliveryPolicy, retryDecision, type DeliveryPolicy } from './delivery-policy.js';
import { deliveryEnvelope, deliveryHeaders } from './delivery-request.js';
import type { EventHookChannel } from './event-hook-input.js';
import type { BatchOutcome, EventSink, LiveTarget, OutboxItem } from '../../events/sink.js';
import { bumpSubscriptionVersion } from '../../events/subscription-version.js';
import { activeSigningKeys, signatureHeaders } from './signing-secrets.js';
import { createEventHookSubscriptions } from './subscriptions.js';

export const EVENT_HOOK_SINK = 'eventHook';
/** Okta's per-attempt timeout (reference §5.5). */
export const DELIVERY_TIMEOUT_MS = 3_000;
/** The receiver's reply is not used; this much of it is kept in the delivery log. */
const EXCERPT_CHARS = 1024;
const MAX_REPLY_BYTES = 64 * 1024;
/** Names this process in the delivery log, so an attempt can be traced to the instance that made it. */
const WORKER = `${os.hostname()}/${process.pid}`;

/** Who acts when the delivery machinery writes to the System Log. */
export function deliveryAudit(): AuditContext {
  return { actor: SYSTEM_ACTOR, client: clientOf(null, null), transactionId: newId('request') };
}

/** The event-hook sink of one server (its subscription cache is its own). */
export function createEventHookSink(): EventSink {
  const eventHooksFor = createEventHookSubscriptions();
  return { ...eventHookDelivery, name: EVENT_HOOK_SINK, targetsFor: (ctx, db, event, hints) => eventHooksFor(ctx, db, event, hints.subscriptionVersion) };
}

/** Who may receive and how a batch goes out: the sink without its subscriptions (the hook toolkit sends with it). */
export const eventHookDelivery: Pick<EventSink, 'liveTargets' | 'deliver' | 'purge'> = {
  async liveTargets(ctx, db) {
    const rows = await db.selectFrom('event_hooks').selectAll()
      .where('status', '=', 'ACTIVE').where('verification_status', '=', 'VERIFIED').execute();
    const keys = await activeSigningKeys(ctx, db, rows.map((r) => r.id));
    return new Map<string, LiveTarget>(rows.map((hook) => {
      const state: HookState = { hook, keys: keys.get(hook.id) ?? [] };
      return [hook.id, { maxBatchSize: parseDeliveryPolicy(hook.delivery_policy).maxBatchSize, state }];
    }));
  },

  deliver: (ctx, hookId, items, live) => deliverBatch(ctx, hookId, items, live.state as HookState | undefined),

  async purge(ctx, olderThan) {
    await ctx.db.deleteFrom('event_hook_deliveries').where('created', '<', olderThan.toISOString()).execute();
  },
};

/** A live hook as read for the dispatcher's pass: its row and its signing keys (or why they are unreadable). */
interface HookState {
  hook: Selectable<EventHooksTable>;
  keys: Buffer[] | { error: string };
}

interface AttemptRecord {
  id: string;
  /** When the attempt started (strictly increasing within the process, so the log keeps its order). */
  at: string;
  attempt: number;
  ok: boolean;
  status: number | null;
  latencyMs: number;
  excerpt: string | null;
  error: string | null;
}

async function deliverBatch(ctx: AppContext, hookId: string, items: OutboxItem[], state: HookState | undefined): Promise<BatchOutcome> {
  const hook = state?.hook;
  if (!hook || hook.status !== 'ACTIVE' || hook.verification_status !== 'VERIFIED') return { result: 'RELEASE' };
  const channel = JSON.parse(hook.channel) as EventHookChannel;
  const policy = parseDeliveryPolicy(hook.delivery_policy);
  const eventId = newUuid();
  const body = JSON.stringify(deliveryEnvelope(ctx, hookId, eventId, items.map((i) => i.event)));
  const priorAttempts = Math.min(...items.map((i) => i.attempts));

  let headers: Record<string, string>;
  const keys = Array.isArray(state.keys) ? state.keys : [];
  try {
    if (!Array.isArray(state.keys)) throw new Error(state.keys.error);
    headers = deliveryHeaders(channel, hook.secret_encrypted ? ctx.secrets.decrypt(hook.secret_encrypted) : null);
  } catch (err) {
    ctx.log.error({ err, hookId }, 'could not read the secrets of an event hook');
    const attempt: AttemptRecord = { id: newUuid(), at: attemptTime(ctx), attempt: priorAttempts + 1, ok: false, status: null, latencyMs: 0, excerpt: null, error: "The hook's secrets cannot be decrypted (was the secret key changed?)" };
    return finalOutcome(ctx, hook, policy, items, eventId, [attempt], { retry: 'no' });
  }

  const attempts: AttemptRecord[] = [];
  for (let local = 1; ; local++) {
    const started = performance.now();
    const at = attemptTime(ctx);
    const signed = signatureHeaders(keys, eventId, Math.floor(ctx.clock().getTime() / 1000), body);
    const res = await httpRequest(ctx.config, {
      method: 'POST', url: channel.config.uri, headers: { ...headers, ...signed }, body, timeoutMs: DELIVERY_TIMEOUT_MS, maxResponseBytes: MAX_REPLY_BYTES,
    });
    const record = attemptRecord(res, at, priorAttempts + local, Math.round(performance.now() - started));
    attempts.push(record);
    if (record.ok) return finalOutcome(ctx, hook, policy, items, eventId, attempts, { retry: 'no' });
    // Okta counts a retry within the same job; the backoff policy counts every attempt the rows have had.
    const decision = res.ok || res.failure === 'timeout' || res.failure === 'network' || res.failure === 'too_large'
      ? retryDecision(policy, policy.retry.type === 'OKTA' ? local : priorAttempts + local, record.status)
      : { retry: 'no' as const };
    if (decision.retry !== 'now') return finalOutcome(ctx, hook, policy, items, eventId, attempts, decision);
  }
}

let lastAttemptMs = 0;

function attemptTime(ctx: AppContext): string {
  lastAttemptMs = Math.max(ctx.clock().getTime(), lastAttemptMs + 1);
  return new Date(lastAttemptMs).toISOString();
}

function attemptRecord(res: OutboundResult, at: string, attempt: number, latencyMs: number): AttemptRecord {
  const status = res.ok ? res.status : res.status ?? null;
  // A 2xx is success even when the (unused) reply is larger than what is read of it.
  const ok = status !== null && status >= 200 && status < 300;
  let error: string | null = null;
  if (!ok) {
    if (res.ok) error = status !== null && status < 400 ? `The receiver answered with a redirect (HTTP ${status}); redirects are not followed` : `The receiver answered with HTTP ${status}`;
    else if (res.failure === 'timeout') error = `The receiver did not answer within ${DELIVERY_TIMEOUT_MS / 1000} seconds`;
    else if (res.failure === 'blocked') error = `The hook URL is not allowed: ${res.error}`;
    else error = `Could not reach the receiver: ${res.error}`;
  }
  return { id: newUuid(), at, attempt, ok, status, latencyMs, excerpt: res.ok ? res.body.slice(0, EXCERPT_CHARS) : null, error };
}

function finalOutcome(
  ctx: AppContext, hook: Selectable<EventHooksTable>, policy: DeliveryPolicy, items: OutboxItem[], eventId: string,
  attempts: AttemptRecord[], decision: ReturnType<typeof retryDecision>,
): BatchOutcome {
  const last = attempts[attempts.length - 1];
  const record = (trx: Trx) => recordAttempts(ctx, trx, {
    hookId: hook.id, hookName: hook.name, policy, items, eventId, attempts, willRetry: decision.retry === 'later',
  });
  if (last.ok) return { result: 'DELIVERED', attempts: attempts.length, record };
  const error = last.error ?? 'Delivery failed';
  if (decision.retry === 'later' && policy.retry.type === 'EXPONENTIAL_BACKOFF') {
    return {
      result: 'RETRY', at: new Date(ctx.clock().getTime() + decision.delayMs), error, attempts: attempts.length, record,
      giveUpAtAttempts: policy.retry.maxAttempts, deadLetter: policy.deadLetter,
    };
  }
  return { result: 'GIVE_UP', deadLetter: policy.deadLetter, error, attempts: attempts.length, record };
}

interface AttemptsToRecord {
  hookId: string;
  hookName: string;
  policy: DeliveryPolicy;
  items: OutboxItem[];
  eventId: string;
  attempts: AttemptRecord[];
  willRetry: boolean;
}

/** The delivery log rows, the failure counter, `event_hook.delivery` and auto-deactivation, with the rows' new state. */
async function recordAttempts(ctx: AppContext, trx: Trx, r: AttemptsToRecord): Promise<void> {
  const now = ctx.clock().toISOString();
  const uuids = JSON.stringify(r.items.map((i) => i.eventUuid));
  await trx.insertInto('event_hook_deliveries').values(r.attempts.map((a) => ({
    id: a.id, hook_id: r.hookId, event_id: r.eventId, attempt: a.attempt, event_uuids: uuids, event_count: r.items.length,
    outcome: a.ok ? 'SUCCESS' : 'FAILURE', status_code: a.status, latency_ms: a.latencyMs, response_excerpt: a.excerpt, error: a.error, worker: WORKER, created: a.at,
  }))).execute();

  const failed = r.attempts.filter((a) => !a.ok).length;
  const last = r.attempts[r.attempts.length - 1];
  if (last.ok) {
    // A success ends the run of failures (the condition makes it a no-op write when there was none).
    await trx.updateTable('event_hooks').set({ consecutive_failures: 0 }).where('id', '=', r.hookId).where('consecutive_failures', '!=', 0).execute();
    return;
  }
  const target = [{ id: r.hookId, type: 'EventHook', alternateId: r.hookId, displayName: r.hookName }];
  const audit = deliveryAudit();
  await recordEvent(ctx, trx, audit, {
    eventType: 'event_hook.delivery',
    displayMessage: 'Event hook delivery failed',
    severity: 'WARN',
    outcome: 'FAILURE',
    reason: last.error,
    target,
    debugData: {
      eventHookId: r.hookId, deliveryId: last.id, eventId: r.eventId, eventCount: r.items.length,
      statusCode: last.status, attempts: r.attempts.length, willRetry: r.willRetry,
    },
  });
  const updated = await trx.updateTable('event_hooks').set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', failed) }))
    .where('id', '=', r.hookId).returning(['consecutive_failures', 'status']).executeTakeFirst();
  const limit = r.policy.autoDeactivateAfterFailures;
  if (!updated || limit === null || updated.status !== 'ACTIVE' || Number(updated.consecutive_failures) < limit) return;
  await trx.updateTable('event_hooks').set({ status: 'INACTIVE', last_updated: now }).where('id', '=', r.hookId).execute();
  await bumpSubscriptionVersion(trx);
  await recordEvent(ctx, trx, audit, {
    eventType: 'event_hook.deactivated',
    displayMessage: 'Event hook deactivated',
    severity: 'WARN',
    reason: `Deactivated automatically after ${Number(updated.consecutive_failures)} failed delivery attempts in a row`,
    target,
    debugData: { eventHookId: r.hookId, consecutiveFailures: Number(updated.consecutive_failures), autoDeactivateAfterFailures: limit },
  });
}
