/**
 * Tollgate's per-hook delivery policy (an extension of Okta's EventHook: the `deliveryPolicy` member). The
 * default is exactly Okta's behaviour: one immediate retry on timeout, connection error or 5xx, none on
 * 4xx, and the event is given up after that. Everything beyond it is opt-in per hook.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { BackoffRetry, EventHookDeliveryPolicy } from './event-hook.schema.js';

export type { BackoffRetry, OktaRetry } from './event-hook.schema.js';
/** The policy as stored and answered (event-hook.schema.ts). */
export type DeliveryPolicy = EventHookDeliveryPolicy;

export const DEFAULT_MAX_BATCH_SIZE = 50;

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  retry: { type: 'OKTA' },
  deadLetter: false,
  autoDeactivateAfterFailures: null,
  maxBatchSize: DEFAULT_MAX_BATCH_SIZE,
};

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DeliveryPolicySchema = Type.Object({
  retry: Type.Optional(Nullable(Type.Object({
    type: Type.Optional(Type.String()),
    maxAttempts: Type.Optional(Type.Number()),
    initialDelaySeconds: Type.Optional(Type.Number()),
    maxDelaySeconds: Type.Optional(Type.Number()),
    jitter: Type.Optional(Type.Boolean()),
    retryOnStatuses: Type.Optional(Type.Array(Type.Integer())),
  }))),
  deadLetter: Type.Optional(Type.Boolean()),
  autoDeactivateAfterFailures: Type.Optional(Nullable(Type.Integer())),
  maxBatchSize: Type.Optional(Type.Integer()),
});
export type DeliveryPolicyBody = Static<typeof DeliveryPolicySchema>;

type Fail = (field: string, message: string) => void;

/** Reads a policy body; members left out take the default. Problems go to `fail`. */
export function readDeliveryPolicy(body: DeliveryPolicyBody, fail: Fail): DeliveryPolicy {
  const field = 'deliveryPolicy';
  let retry: DeliveryPolicy['retry'] = { type: 'OKTA' };
  const r = body.retry;
  if (r && r.type !== undefined && r.type !== 'OKTA') {
    if (r.type !== 'EXPONENTIAL_BACKOFF') {
      fail(`${field}.retry.type`, `Unsupported retry type '${r.type}'. Supported: OKTA, EXPONENTIAL_BACKOFF`);
    } else {
      const maxAttempts = r.maxAttempts ?? 8;
      const initialDelaySeconds = r.initialDelaySeconds ?? 10;
      const maxDelaySeconds = r.maxDelaySeconds ?? 3600;
      if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 50) fail(`${field}.retry.maxAttempts`, 'maxAttempts must be an integer from 1 to 50');
      if (!(initialDelaySeconds >= 0.01 && initialDelaySeconds <= 86_400)) fail(`${field}.retry.initialDelaySeconds`, 'initialDelaySeconds must be from 0.01 to 86400');
      if (!(maxDelaySeconds >= initialDelaySeconds && maxDelaySeconds <= 7 * 86_400)) fail(`${field}.retry.maxDelaySeconds`, 'maxDelaySeconds must be at least initialDelaySeconds and at most 604800 (7 days)');
      const retryOnStatuses = [...new Set(r.retryOnStatuses ?? [])].sort((a, b) => a - b);
      for (const s of retryOnStatuses) {
        if (s < 300 || s > 499) fail(`${field}.retry.retryOnStatuses`, `${s} is not a 3xx or 4xx status (5xx are always retried)`);
      }
      retry = { type: 'EXPONENTIAL_BACKOFF', maxAttempts, initialDelaySeconds, maxDelaySeconds, jitter: r.jitter ?? true, retryOnStatuses };
    }
  } else if (r && (r.maxAttempts !== undefined || r.initialDelaySeconds !== undefined || r.maxDelaySeconds !== undefined || r.retryOnStatuses !== undefined)) {
    fail(`${field}.retry`, "Okta's retry rule (type OKTA) takes no settings; use type EXPONENTIAL_BACKOFF to configure retries");
  }
  // null arrives as 0 through the API's type coercion; both mean "never".
  const auto = body.autoDeactivateAfterFailures || null;
  if (auto !== null && (auto < 1 || auto > 100_000)) fail(`${field}.autoDeactivateAfterFailures`, 'autoDeactivateAfterFailures must be from 1 to 100000, or null');
  const maxBatchSize = body.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  if (maxBatchSize < 1 || maxBatchSize > 500) fail(`${field}.maxBatchSize`, 'maxBatchSize must be from 1 to 500');
  return { retry, deadLetter: body.deadLetter ?? false, autoDeactivateAfterFailures: auto, maxBatchSize };
}

export function parseDeliveryPolicy(json: string): DeliveryPolicy {
  return { ...DEFAULT_DELIVERY_POLICY, ...(JSON.parse(json) as Partial<DeliveryPolicy>) };
}

/** What to do after a failed attempt: retry now, retry later, or give up. */
export type RetryDecision = { retry: 'now' } | { retry: 'later'; delayMs: number } | { retry: 'no' };

/**
 * `attemptsMade` counts every attempt so far, the failed one included. `status` is the HTTP status, or null
 * for a timeout or connection error.
 */
export function retryDecision(policy: DeliveryPolicy, attemptsMade: number, status: number | null, random: () => number = Math.random): RetryDecision {
  const serverSide = status === null || status >= 500;
  if (policy.retry.type === 'OKTA') return serverSide && attemptsMade < 2 ? { retry: 'now' } : { retry: 'no' };
  const r = policy.retry;
  if (attemptsMade >= r.maxAttempts) return { retry: 'no' };
  if (!serverSide && !r.retryOnStatuses.includes(status)) return { retry: 'no' };
  return { retry: 'later', delayMs: backoffDelayMs(r, attemptsMade, random) };
}

/** Exponential backoff after the `attemptsMade`-th attempt, capped, with equal jitter when enabled. */
export function backoffDelayMs(r: BackoffRetry, attemptsMade: number, random: () => number = Math.random): number {
  const base = Math.min(r.maxDelaySeconds, r.initialDelaySeconds * 2 ** Math.max(0, attemptsMade - 1)) * 1000;
  return Math.round(r.jitter ? base / 2 + random() * (base / 2) : base);
}
