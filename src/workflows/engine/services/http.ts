/**
 * Outbound HTTP for the API Connector cards. The host hands the engine the platform's client, with its
 * SSRF guard (src/workflows/runtime/http-service.ts); cards never open sockets themselves.
 */
export interface OutboundHttpRequest {
  /** Upper-case method: GET, POST, PUT, PATCH, DELETE (Raw Request also HEAD and OPTIONS). */
  method: string;
  /** Absolute URL, query included. */
  url: string;
  headers: Record<string, string>;
  /** The body as sent (the card has already serialized it). */
  body?: string;
  /** The card's time budget for the whole request (Okta's model: 30000 ms for API Connector cards). */
  timeoutMs: number;
}

export interface OutboundHttpResponse {
  statusCode: number;
  /** Header names lower-case. */
  headers: Record<string, string>;
  /** The body as received, as text. */
  body: string;
}

/**
 * Why a request produced no response: no answer in time, the network failed, the SSRF guard refused
 * the address, the answer was too large, or the execution was cut off.
 */
export type OutboundHttpFailure = 'timeout' | 'network' | 'blocked' | 'too_large' | 'aborted';

/** Thrown by an `OutboundHttp` when there is no response to give; any status code is a response. */
export class OutboundHttpError extends Error {
  constructor(
    readonly failure: OutboundHttpFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Sends one request; resolves with any status, rejects with `OutboundHttpError` when no answer came. */
export type OutboundHttp = (request: OutboundHttpRequest, signal: AbortSignal) => Promise<OutboundHttpResponse>;
