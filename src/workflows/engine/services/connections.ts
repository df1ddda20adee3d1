/**
 * Workflows connections as cards see them. The host (src/workflows/runtime/connections-service.ts) looks up
 * the connection an action card references (Okta's `node.model.config`) and turns its binding into what
 * the request needs; secrets never reach the engine otherwise.
 */

/** Thrown when a card's connection cannot be used; the message names the connection and says why. */
export class ConnectionError extends Error {}

export interface ConnectionsService {
  /**
   * The headers that apply an API Connector connection's auth (e.g. `Authorization`), by connection id;
   * `{}` for a connection bound with `none`. Rejects with `ConnectionError` for a connection that does not
   * exist, is not an API Connector connection, is not bound, or whose OAuth token could not be had.
   */
  authHeaders(connectionId: string, signal: AbortSignal): Promise<Record<string, string>>;
}
