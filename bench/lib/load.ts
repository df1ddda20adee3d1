import autocannon from 'autocannon';

/** The load every Tollgate benchmark applies: autocannon, 50 connections, a warm-up, then the measure. */
export const CONNECTIONS = 50;
export const WARM_UP_SECONDS = Number(process.env.BENCH_WARMUP ?? 5);
export const MEASURE_SECONDS = Number(process.env.BENCH_DURATION ?? 15);

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** The server's CPU time per request during the measure, in µs (when `serverCpu` was given). */
  cpuPerRequest?: number;
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export type LoadOptions = {
  url: string;
  /** Requests each connection sends in turn, round and round (the request mix). */
  requests?: LoadRequest[];
  /** Or: builds each request (unique bodies). */
  next?: () => LoadRequest;
  /** Statuses that count as success besides 2xx (e.g. 303 after a form post). */
  expectStatus?: number;
  /** Seconds a request may take before it counts as timed out (autocannon's default is 10). */
  timeoutSeconds?: number;
  /** Seconds to wait after the warm-up, so that its requests still in the server do not weigh on the measure. */
  settleSeconds?: number;
  /** Connections, when not the standard 50. */
  connections?: number;
  /** Durations other than the standard warm-up and measure (diagnostic runs). */
  seconds?: number;
  warmUpSeconds?: number;
  /** The server's CPU time so far (µs), to report its CPU time per request during the measure. */
  serverCpu?: () => Promise<number>;
};

function fire(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  const requests = options.next
    ? [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, ...options.next!() }) }]
    : options.requests;
  return new Promise((resolve, reject) => {
    autocannon({
      url: options.url,
      connections: options.connections ?? CONNECTIONS,
      duration: seconds,
      requests: requests as autocannon.Request[],
      timeout: options.timeoutSeconds ?? 10,
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** Warm-up (discarded), then the measured run. */
export async function measureLoad(options: LoadOptions): Promise<LoadResult> {
  await fire(options, options.warmUpSeconds ?? WARM_UP_SECONDS);
  if (options.settleSeconds) await new Promise((resolve) => setTimeout(resolve, options.settleSeconds! * 1000));
  const cpuBefore = await options.serverCpu?.();
  const result = await fire(options, options.seconds ?? MEASURE_SECONDS);
  const cpuAfter = await options.serverCpu?.();
  const byStatus = result.statusCodeStats as Record<string, { count: number }> | undefined;
  const expected = options.expectStatus ? byStatus?.[String(options.expectStatus)]?.count ?? 0 : 0;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx - expected,
    errors: result.errors,
    timeouts: result.timeouts,
    cpuPerRequest: cpuBefore !== undefined && cpuAfter !== undefined && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : undefined,
  };
}
