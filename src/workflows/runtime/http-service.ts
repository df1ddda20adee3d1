import type { AppContext } from '../../platform/context.js';
import { httpRequest, type OutboundPolicy, type OutboundRequest } from '../../platform/http-client.js';
import { OutboundHttpError, type OutboundHttp } from '../engine/services/http.js';

/**
 * Outbound HTTP for flows (the API Connector cards), through the platform's client: `https://` only,
 * except loopback and allow-listed hosts (`TOLLGATE_ALLOWED_HOSTS`); private and reserved addresses
 * refused at connect time unless allow-listed; redirects never followed (a 3xx is an answer like any
 * other); the card's time budget; and a cap on the size of the answer.
 */

/** The largest answer a card reads (Okta gives an execution 100 MB of memory; one answer gets a tenth). */
export const MAX_FLOW_RESPONSE_BYTES = 10 * 1024 * 1024;

const METHODS: ReadonlySet<string> = new Set<OutboundRequest['method']>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function isMethod(method: string): method is OutboundRequest['method'] {
  return METHODS.has(method);
}

export function outboundHttp(ctx: AppContext): OutboundHttp {
  return outboundHttpFor(ctx.config);
}

/** The same, from the allow-list alone (`tollgate flow run` and `flow test`, which start no server). */
export function outboundHttpFor(config: OutboundPolicy): OutboundHttp {
  return async (request, signal) => {
    const method = request.method.toUpperCase();
    if (!isMethod(method)) throw new OutboundHttpError('network', `the method ${request.method} cannot be sent`);
    const result = await httpRequest(config, {
      method,
      url: request.url,
      headers: request.headers,
      body: request.body,
      timeoutMs: request.timeoutMs,
      maxResponseBytes: MAX_FLOW_RESPONSE_BYTES,
      signal,
    });
    if (result.ok) return { statusCode: result.status, headers: result.headers, body: result.body };
    if (signal.aborted) throw new OutboundHttpError('aborted', `the execution was cut off (${reasonOf(signal)})`);
    throw new OutboundHttpError(result.failure, result.error);
  };
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? 'aborted');
}
