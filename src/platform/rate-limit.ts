import { sql } from 'kysely';
import type { AppContext } from './context.js';

export interface RateLimitOptions {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends, in epoch seconds (Okta's `X-Rate-Limit-Reset`). */
  resetEpochSeconds: number;
}

/** Sign-in and sign-up: 20 attempts a minute per client address and route. */
export const PAGE_RATE_LIMIT: RateLimitOptions = { limit: 20, windowSeconds: 60 };

/**
 * Counts one request against `key` in a fixed window and says whether it is allowed. The counter is a row in
 * `rate_limits`, so every instance sharing the database shares it; one upsert per request, on both dialects.
 */
export async function hitRateLimit(ctx: AppContext, key: string, options: RateLimitOptions): Promise<RateLimitResult> {
  const windowMs = options.windowSeconds * 1000;
  const windowStart = Math.floor(ctx.clock().getTime() / windowMs) * windowMs;
  const row = await ctx.db.insertInto('rate_limits')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({
      // Both dialects evaluate SET against the old row: a new window restarts the count.
      count: sql<number>`case when ${sql.ref('rate_limits.window_start')} = ${sql.ref('excluded.window_start')} then ${sql.ref('rate_limits.count')} + 1 else 1 end`,
      window_start: sql<number>`${sql.ref('excluded.window_start')}`,
    }))
    .returning(['count'])
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  return {
    allowed: count <= options.limit,
    limit: options.limit,
    remaining: Math.max(0, options.limit - count),
    resetEpochSeconds: Math.ceil((windowStart + windowMs) / 1000),
  };
}

/** Okta's rate-limit headers, for JSON endpoints. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  return {
    'x-rate-limit-limit': String(result.limit),
    'x-rate-limit-remaining': String(result.remaining),
    'x-rate-limit-reset': String(result.resetEpochSeconds),
  };
}

/**
 * Failures (wrong passwords, wrong tokens) per client address: checked before the credential is, counted
 * only when it was wrong, so that guessing is throttled while a client that keeps getting it right is not.
 */
export interface FailureThrottle {
  /** The current count in the window, without counting this request. */
  check(ctx: AppContext, address: string): Promise<RateLimitResult>;
  fail(ctx: AppContext, address: string): Promise<void>;
}

export function failureThrottle(name: string, options: RateLimitOptions): FailureThrottle {
  const keyOf = (address: string) => `fail:${name}|${address}`;
  return {
    async check(ctx, address) {
      const windowMs = options.windowSeconds * 1000;
      const windowStart = Math.floor(ctx.clock().getTime() / windowMs) * windowMs;
      const row = await ctx.db.selectFrom('rate_limits').select(['count', 'window_start']).where('key', '=', keyOf(address)).executeTakeFirst();
      const count = row && Number(row.window_start) === windowStart ? Number(row.count) : 0;
      return {
        allowed: count < options.limit, limit: options.limit, remaining: Math.max(0, options.limit - count),
        resetEpochSeconds: Math.ceil((windowStart + windowMs) / 1000),
      };
    },
    async fail(ctx, address) {
      await hitRateLimit(ctx, keyOf(address), options);
    },
  };
}

/**
 * Wrong passwords per client address, on `/api/v1/authn` and the sign-in page together: in front of the
 * per-account lockout, so that one address cannot lock out account after account.
 */
export const signInFailures = failureThrottle('sign-in', { limit: 30, windowSeconds: 600 });

/**
 * The same for hot paths (every API call, every flow invoke), kept in memory: a database read per request
 * would cost more than the guessing it stops. Per instance; at most `maxAddresses` tracked (the oldest
 * windows are forgotten first), so that many addresses cannot grow it without bound.
 */
export function memoryFailureThrottle(options: RateLimitOptions & { maxAddresses?: number }) {
  const windowMs = options.windowSeconds * 1000;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const counts = new Map<string, { windowStart: number; count: number }>();
  const current = (address: string, now: number) => {
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const entry = counts.get(address);
    return entry && entry.windowStart === windowStart ? entry : { windowStart, count: 0 };
  };
  return {
    check(address: string, now: number): RateLimitResult {
      const { windowStart, count } = current(address, now);
      return {
        allowed: count < options.limit, limit: options.limit, remaining: Math.max(0, options.limit - count),
        resetEpochSeconds: Math.ceil((windowStart + windowMs) / 1000),
      };
    },
    fail(address: string, now: number): void {
      const entry = current(address, now);
      counts.delete(address);
      counts.set(address, { windowStart: entry.windowStart, count: entry.count + 1 });
      // Map keeps insertion order: the first keys are the least recently failed.
      while (counts.size > maxAddresses) counts.delete(counts.keys().next().value as string);
    },
  };
}

/** Wrong API tokens and wrong flow client tokens, per client address: 50 a minute, then 429. */
export const TOKEN_FAILURE_LIMIT: RateLimitOptions = { limit: 50, windowSeconds: 60 };

const tokenThrottles = new WeakMap<AppContext, ReturnType<typeof memoryFailureThrottle>>();

/** This server's throttle of wrong tokens (one per context, so that test servers in one process do not share it). */
export function tokenFailures(ctx: AppContext): ReturnType<typeof memoryFailureThrottle> {
  let throttle = tokenThrottles.get(ctx);
  if (!throttle) tokenThrottles.set(ctx, throttle = memoryFailureThrottle(TOKEN_FAILURE_LIMIT));
  return throttle;
}
