/**
 * Access tokens for inline hooks on an OAUTH channel (reference §2.1, §4.4). Tollgate asks the hook's
 * `tokenUrl` for a client-credentials token and sends it to the hook as `Authorization: Bearer …`:
 * - `client_secret_post`: `client_id` and `client_secret` (and `scope`) in the form body;
 * - `private_key_jwt`: a client assertion (RFC 7523: `iss` = `sub` = client id, `aud` = token URL, a fresh
 *   `jti`, five minutes of life) signed RS256 with the hook key named by `hookKeyId` (`/api/v1/hook-keys`).
 *
 * A token is cached per hook until shortly before it expires (a hook that changed, or whose key changed,
 * never reuses an old one), and calls that need a token at the same moment share one request for it. The
 * cache is per process: another instance simply fetches its own token.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AppContext } from '../../platform/context.js';
import { httpRequest } from '../../platform/http-client.js';
import { HOOK_KEY_ALG, hookSigningKey } from '../keys/hook-keys.service.js';
import type { OAuthChannel } from '../channel/channel.js';
import type { InlineHookRow } from './runner.js';

const TOKEN_TIMEOUT_MS = 3_000;
const MAX_TOKEN_REPLY_BYTES = 64 * 1024;
/** Renew this long before `expires_in` runs out (at most half the lifetime, for short-lived tokens). */
const EXPIRY_MARGIN_MS = 30_000;
const ASSERTION_LIFETIME_S = 300;
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

type TokenResult = { accessToken: string } | { error: string };

/** Cached tokens by hook id; `version` is what the token was obtained for (hook update time and key). */
const cache = new Map<string, { version: string; accessToken: string; expiresAt: number }>();
/** Token requests in flight, by hook id and version. */
const pending = new Map<string, Promise<TokenResult>>();

function versionOf(hook: InlineHookRow, channel: OAuthChannel): string {
  return `${hook.last_updated}|${channel.config.authType}|${channel.config.hookKeyId ?? ''}`;
}

/** The access token to send to `hook`: from the cache, or freshly obtained from its token endpoint. */
export async function oauthAccessToken(ctx: AppContext, hook: InlineHookRow, channel: OAuthChannel): Promise<TokenResult> {
  const version = versionOf(hook, channel);
  const cached = cache.get(hook.id);
  if (cached && cached.version === version && cached.expiresAt > ctx.clock().getTime()) return { accessToken: cached.accessToken };

  const flightKey = `${hook.id}|${version}`;
  let flight = pending.get(flightKey);
  if (!flight) {
    flight = fetchToken(ctx, hook, channel, version).finally(() => pending.delete(flightKey));
    pending.set(flightKey, flight);
  }
  return flight;
}

/** Drops the cached token of a hook (its endpoint refused it: the next call asks for a new one). */
export function forgetOAuthToken(hookId: string): void {
  cache.delete(hookId);
}

async function fetchToken(ctx: AppContext, hook: InlineHookRow, channel: OAuthChannel, version: string): Promise<TokenResult> {
  const { config } = channel;
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (config.scope) form.set('scope', config.scope);
  if (config.authType === 'client_secret_post') {
    if (!hook.secret_encrypted) return { error: 'The hook has no client secret' };
    form.set('client_id', config.clientId);
    form.set('client_secret', ctx.secrets.decrypt(hook.secret_encrypted));
  } else {
    if (!config.hookKeyId) return { error: 'The hook has no hookKeyId' };
    const signing = await hookSigningKey(ctx, config.hookKeyId);
    if (!signing) return { error: `The hook key ${config.hookKeyId} does not exist` };
    const now = Math.floor(ctx.clock().getTime() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: HOOK_KEY_ALG, kid: signing.kid, typ: 'JWT' })
      .setIssuer(config.clientId)
      .setSubject(config.clientId)
      .setAudience(config.tokenUrl)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_LIFETIME_S)
      .sign(signing.key);
    form.set('client_id', config.clientId);
    form.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
    form.set('client_assertion', assertion);
  }

  const res = await httpRequest(ctx.config, {
    method: 'POST', url: config.tokenUrl, body: form.toString(), timeoutMs: TOKEN_TIMEOUT_MS, maxResponseBytes: MAX_TOKEN_REPLY_BYTES,
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
  });
  if (!res.ok) return { error: `Could not get an access token from ${config.tokenUrl}: ${res.error}` };
  let json: { access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown } = {};
  try { json = JSON.parse(res.body); } catch { /* reported below */ }
  if (res.status !== 200 || typeof json.access_token !== 'string' || json.access_token === '') {
    const why = typeof json.error === 'string' ? `${json.error}${typeof json.error_description === 'string' ? `: ${json.error_description}` : ''}` : `HTTP ${res.status}`;
    return { error: `The token endpoint ${config.tokenUrl} refused to issue an access token (${why})` };
  }
  const lifetimeMs = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in * 1000 : 0;
  if (lifetimeMs > 0) {
    const expiresAt = ctx.clock().getTime() + lifetimeMs - Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2);
    cache.set(hook.id, { version, accessToken: json.access_token, expiresAt });
  } else {
    cache.delete(hook.id);
  }
  return { accessToken: json.access_token };
}
