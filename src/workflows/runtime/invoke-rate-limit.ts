/**
 * The invoke rate limit: at most `limit` invocations of one flow per second (Okta documents 10 a second
 * per flow, then 429). Counted in this process's memory, not in the database: a counter row written on
 * every invocation would cost more than the flow itself, and the limit protects the instance that runs
 * the flow. With several instances, each allows `limit`.
 */
export interface InvokeLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetEpochSeconds: number;
}

export class InvokeRateLimiter {
  private readonly windows = new Map<string, { second: number; count: number }>();

  /** Counts one invocation of the flow; `limit` 0 means no limit. */
  hit(flowId: string, limit: number, nowMs: number): InvokeLimitResult {
    const second = Math.floor(nowMs / 1000);
    let window = this.windows.get(flowId);
    if (!window || window.second !== second) {
      window = { second, count: 0 };
      this.windows.set(flowId, window);
    }
    window.count += 1;
    return {
      allowed: limit === 0 || window.count <= limit,
      limit,
      remaining: limit === 0 ? 0 : Math.max(0, limit - window.count),
      resetEpochSeconds: second + 1,
    };
  }

  forget(flowId: string): void {
    this.windows.delete(flowId);
  }
}
