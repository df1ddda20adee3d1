/**
 * Outbound HTTP for the API Connector cards (owner: the API Connector engineer). The host hands the
 * engine the platform's client, with its SSRF guard; cards never open sockets themselves.
 */
export interface OutboundHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as sent (the card has already serialized it). */
  body?: string;
}

export interface OutboundHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** The body as received, as text. */
  body: string;
}

export type OutboundHttp = (request: OutboundHttpRequest, signal: AbortSignal) => Promise<OutboundHttpResponse>;
