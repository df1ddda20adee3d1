import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_DELIVERY_POLICY, readDeliveryPolicy, retryDecision, type BackoffRetry, type DeliveryPolicy } from './delivery-policy.js';

const backoff: BackoffRetry = { type: 'EXPONENTIAL_BACKOFF', maxAttempts: 5, initialDelaySeconds: 10, maxDelaySeconds: 60, jitter: false, retryOnStatuses: [429] };
const withBackoff: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, retry: backoff };

describe('delivery policy', () => {
  it("follows Okta's rule by default: one immediate retry on timeout, connection error or 5xx; none on 4xx", () => {
    expect(retryDecision(DEFAULT_DELIVERY_POLICY, 1, null)).toEqual({ retry: 'now' });
    expect(retryDecision(DEFAULT_DELIVERY_POLICY, 1, 503)).toEqual({ retry: 'now' });
    expect(retryDecision(DEFAULT_DELIVERY_POLICY, 2, 503)).toEqual({ retry: 'no' });
    expect(retryDecision(DEFAULT_DELIVERY_POLICY, 1, 404)).toEqual({ retry: 'no' });
    expect(retryDecision(DEFAULT_DELIVERY_POLICY, 1, 429)).toEqual({ retry: 'no' });
    expect(retryDecision(DEFAULT_DELIVERY_POLICY, 1, 302)).toEqual({ retry: 'no' });
  });

  it('backs off exponentially up to the cap, retries only listed 4xx, and stops at maxAttempts', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(backoff, n))).toEqual([10_000, 20_000, 40_000, 60_000]);
    expect(retryDecision(withBackoff, 1, 500)).toEqual({ retry: 'later', delayMs: 10_000 });
    expect(retryDecision(withBackoff, 2, 429)).toEqual({ retry: 'later', delayMs: 20_000 });
    expect(retryDecision(withBackoff, 2, 400)).toEqual({ retry: 'no' });
    expect(retryDecision(withBackoff, 5, 500)).toEqual({ retry: 'no' });
  });

  it('draws jittered delays between half and all of the backoff', () => {
    const jittered = { ...backoff, jitter: true };
    expect(backoffDelayMs(jittered, 2, () => 0)).toBe(10_000);
    expect(backoffDelayMs(jittered, 2, () => 0.999999)).toBe(20_000);
    expect(backoffDelayMs(jittered, 2, () => 0.5)).toBe(15_000);
  });

  it('reads a body with defaults, and reports every bad member', () => {
    const problems: string[] = [];
    const fail = (field: string, message: string) => problems.push(`${field}: ${message}`);
    expect(readDeliveryPolicy({}, fail)).toEqual(DEFAULT_DELIVERY_POLICY);
    expect(readDeliveryPolicy({ retry: { type: 'EXPONENTIAL_BACKOFF' }, deadLetter: true, autoDeactivateAfterFailures: 10 }, fail)).toEqual({
      retry: { type: 'EXPONENTIAL_BACKOFF', maxAttempts: 8, initialDelaySeconds: 10, maxDelaySeconds: 3600, jitter: true, retryOnStatuses: [] },
      deadLetter: true, autoDeactivateAfterFailures: 10, maxBatchSize: 50,
    });
    expect(problems).toEqual([]);
    readDeliveryPolicy({ retry: { type: 'EXPONENTIAL_BACKOFF', maxAttempts: 0, initialDelaySeconds: 100, maxDelaySeconds: 5, retryOnStatuses: [503] }, maxBatchSize: 1000 }, fail);
    readDeliveryPolicy({ retry: { type: 'OKTA', maxAttempts: 3 } }, fail);
    expect(problems).toEqual([
      'deliveryPolicy.retry.maxAttempts: maxAttempts must be an integer from 1 to 50',
      'deliveryPolicy.retry.maxDelaySeconds: maxDelaySeconds must be at least initialDelaySeconds and at most 604800 (7 days)',
      'deliveryPolicy.retry.retryOnStatuses: 503 is not a 3xx or 4xx status (5xx are always retried)',
      'deliveryPolicy.maxBatchSize: maxBatchSize must be from 1 to 500',
      "deliveryPolicy.retry: Okta's retry rule (type OKTA) takes no settings; use type EXPONENTIAL_BACKOFF to configure retries",
    ]);
  });
});
