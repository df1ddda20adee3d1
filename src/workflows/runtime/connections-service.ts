/**
 * The connections service of stored flows (`ctx.services.connections`): turns the binding of the
 * connection an API Connector card references into the request's auth headers. Basic and custom-header
 * auth come from the sealed secrets; OAuth client credentials fetch a token from the binding's token URL
 * through the platform's outbound client (its SSRF guard, no redirects) and keep it until shortly before
 * it expires (a re-bind drops it).
 *
 * The Okta connector cards do not go through here: every Okta card works against this org itself
 * (runtime/okta-service.ts) whether or not its `okta` connection is bound. Binding an `okta` connection only
 * records that it stands for this org; it matters once Tollgate can reach more than one org.
 */
import type { AppContext } from '../../platform/context.js';
import { httpRequest } from '../../platform/http-client.js';
import { ConnectionError, type ConnectionsService } from '../engine/services/connections.js';
import { API_CONNECTOR, connectorName } from '../store/connections.bindings.js';
import { findConnectionRow, secretsOf, storedBinding, type ConnectionRow } from '../store/connections.store.js';

/** Budget for a token request, and the largest token answer read. */
const TOKEN_TIMEOUT_MS = 30_000;
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
/** A token is renewed this long before it expires, so that it does not expire during the request. */
const EXPIRY_MARGIN_MS = 30_000;

interface CachedToken {
  /** The binding the token was fetched for (its `last_updated`): a re-bind makes it stale. */
  stamp: string;
  header: string;
  expiresAt: number;
}

interface TokenCache {
  tokens: Map<string, CachedToken>;
  /** Token requests in flight, so that cards running at once share one. */
  pending: Map<string, Promise<CachedToken>>;
}

const caches = new WeakMap<AppContext, TokenCache>();

export function connectionsService(ctx: AppContext): ConnectionsService {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = { tokens: new Map(), pending: new Map() };
    caches.set(ctx, cache);
  }
  const tokens = cache;
  return {
    async authHeaders(connectionId, signal) {
      const row = await findConnectionRow(ctx.db, connectionId);
      if (!row) throw new ConnectionError(`the connection '${connectionId}' does not exist in this org: import it with the flow, or create it under Workflows → Connections`);
      if (row.connector !== API_CONNECTOR) {
        throw new ConnectionError(`the connection '${row.name}' is a ${connectorName(row.connector)} connection, not an API Connector connection`);
      }
      const binding = storedBinding(row);
      if (!binding) throw new ConnectionError(`the connection '${row.name}' (API Connector) is not bound: bind it under Workflows → Connections`);
      const secrets = secretsOf(ctx, row) ?? {};
      switch (binding.auth) {
        case 'basic':
          return { Authorization: `Basic ${Buffer.from(`${binding.username}:${secrets.password ?? ''}`).toString('base64')}` };
        case 'header':
          return { [binding.name]: secrets.value ?? '' };
        case 'oauth2-client-credentials':
          return { Authorization: (await accessToken(ctx, tokens, row, signal)).header };
        default:
          return {};
      }
    },
  };
}

async function accessToken(ctx: AppContext, cache: TokenCache, row: ConnectionRow, signal: AbortSignal): Promise<CachedToken> {
  const cached = cache.tokens.get(row.id);
  if (cached && cached.stamp === row.last_updated && ctx.clock().getTime() < cached.expiresAt - EXPIRY_MARGIN_MS) return cached;
  const key = `${row.id}|${row.last_updated}`;
  let pending = cache.pending.get(key);
  if (!pending) {
    pending = fetchToken(ctx, row, signal).finally(() => cache.pending.delete(key));
    cache.pending.set(key, pending);
  }
  const token = await pending;
  if (Number.isFinite(token.expiresAt)) cache.tokens.set(row.id, token);
  return token;
}

/** RFC 6749 §4.4: a client credentials grant, the client authenticated with HTTP Basic (§2.3.1). */
async function fetchToken(ctx: AppContext, row: ConnectionRow, signal: AbortSignal): Promise<CachedToken> {
  const binding = storedBinding(row);
  if (binding?.auth !== 'oauth2-client-credentials') throw new ConnectionError(`the connection '${row.name}' is not bound to OAuth client credentials`);
  const secret = secretsOf(ctx, row)?.clientSecret ?? '';
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (binding.scope) form.set('scope', binding.scope);
  const basic = Buffer.from(`${encodeURIComponent(binding.clientId)}:${encodeURIComponent(secret)}`).toString('base64');
  const where = `the connection '${row.name}' could not get an access token from ${binding.tokenUrl.split('?')[0]}`;
  const result = await httpRequest(ctx.config, {
    method: 'POST',
    url: binding.tokenUrl,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
    body: form.toString(),
    timeoutMs: TOKEN_TIMEOUT_MS,
    maxResponseBytes: MAX_TOKEN_RESPONSE_BYTES,
    signal,
  });
  if (!result.ok) throw new ConnectionError(`${where}: ${result.error}`);
  let answer: unknown;
  try {
    answer = JSON.parse(result.body);
  } catch {
    answer = undefined;
  }
  const fields = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  if (result.status < 200 || result.status > 299) {
    const reason = typeof fields.error === 'string' ? `${fields.error}${typeof fields.error_description === 'string' ? `: ${fields.error_description}` : ''}` : '';
    throw new ConnectionError(`${where}: HTTP ${result.status}${reason ? ` (${reason})` : ''}`);
  }
  if (typeof fields.access_token !== 'string' || fields.access_token === '') throw new ConnectionError(`${where}: the answer has no access_token`);
  const type = typeof fields.token_type === 'string' && fields.token_type.toLowerCase() !== 'bearer' ? fields.token_type : 'Bearer';
  const expiresIn = typeof fields.expires_in === 'number' ? fields.expires_in : typeof fields.expires_in === 'string' ? Number(fields.expires_in) : NaN;
  return {
    stamp: row.last_updated,
    header: `${type} ${fields.access_token}`,
    // Without expires_in the token is used for this request only.
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? ctx.clock().getTime() + expiresIn * 1000 : NaN,
  };
}
