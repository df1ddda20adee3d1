/**
 * The Okta connector's way into this org's own management API (owner: the Okta connector engineer):
 * a request to `/api/v1/...` as the connection's principal, answered by Tollgate's own routes.
 */
export interface OktaApiRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/users?search=...`. */
  path: string;
  headers?: Record<string, string>;
  /** JSON body (serialized by the service). */
  body?: unknown;
}

export interface OktaApiResponse {
  statusCode: number;
  headers: Record<string, string>;
  /** Parsed JSON, or the text when it is not JSON, or null for no body. */
  body: unknown;
}

export type OktaApi = (request: OktaApiRequest, signal: AbortSignal) => Promise<OktaApiResponse>;
