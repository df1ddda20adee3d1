/**
 * Access tokens for inline hooks on an OAUTH channel (reference §2.1, §4.4). `client_secret_post`: Tollgate
 * asks `tokenUrl` for a client-credentials token with the client id and secret (and scope) in the form body,
 * and caches it until shortly before it expires. `private_key_jwt` needs hook keys (`/api/v1/hook-keys`),
 * which Tollgate does not have yet: such a hook fails with a clear error.
 */
import type { AppContext } from '../../platform/context.js';
import { httpRequest } from '../../platform/http-client.js';
import type { OAuthChannel } from './channel.js';
import type { InlineHookRow } from './runner.js';

const TOKEN_TIMEOUT_MS = 3_000;
const MAX_TOKEN_REPLY_BYTES = 64 * 1024;
/** Renew this long before `expires_in` runs out. */
const EXPIRY_MARGIN_MS = 30_000;

/** Cached tokens, keyed by hook id and its last update (a changed hook never reuses an old token). */
const cache = new Map<string, { accessToken: string; expiresAt: number }>();

export async function oauthAccessToken(ctx: AppContext, hook: InlineHookRow, channel: OAuthChannel): Promise<{ accessToken: string } | { error: string }> {
  const { config } = channel;
  if (config.authType !== 'client_secret_post') {
    return { error: 'OAuth 2.0 private_key_jwt hook authentication is not supported yet (Tollgate has no hook keys)' };
  }
  if (!hook.secret_encrypted) return { error: 'The hook has no client secret' };
  const key = `${hook.id}:${hook.last_updated}`;
  const cached = cache.get(key);
  if (cached && cached.expiresAt > Date.now()) return { accessToken: cached.accessToken };

  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: config.clientId, client_secret: ctx.secrets.decrypt(hook.secret_encrypted) });
  if (config.scope) form.set('scope', config.scope);
  const res = await httpRequest(ctx.config, {
    method: 'POST', url: config.tokenUrl, body: form.toString(), timeoutMs: TOKEN_TIMEOUT_MS, maxResponseBytes: MAX_TOKEN_REPLY_BYTES,
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (!res.ok) return { error: `Could not get an access token from ${config.tokenUrl}: ${res.error}` };
  let json: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
  try { json = JSON.parse(res.body); } catch { /* reported below */ }
  if (res.status !== 200 || typeof json.access_token !== 'string') {
    const why = typeof json.error === 'string' ? `${json.error}${typeof json.error_description === 'string' ? `: ${json.error_description}` : ''}` : `HTTP ${res.status}`;
    return { error: `The token endpoint ${config.tokenUrl} refused to issue an access token (${why})` };
  }
  const lifetimeMs = typeof json.expires_in === 'number' ? json.expires_in * 1000 : 0;
  if (lifetimeMs > EXPIRY_MARGIN_MS) {
    for (const k of cache.keys()) if (k.startsWith(`${hook.id}:`)) cache.delete(k);
    cache.set(key, { accessToken: json.access_token, expiresAt: Date.now() + lifetimeMs - EXPIRY_MARGIN_MS });
  }
  return { accessToken: json.access_token };
}
