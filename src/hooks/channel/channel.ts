/** The stored (and returned) shape of a hook's channel (channel.schema.ts). Secrets are never part of it. */
import type { HookChannel } from './channel.schema.js';

export type { HookChannel, HookHeader, HttpChannel, OAuthChannel } from './channel.schema.js';

/** Headers Tollgate sets itself on every hook call; a hook's configuration may not set them. */
export const RESERVED_HEADERS = new Set([
  'accept', 'content-type', 'content-length', 'content-encoding', 'transfer-encoding', 'host', 'connection',
  'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-authorization', 'proxy-connection',
]);

export function parseChannel(json: string): HookChannel {
  return JSON.parse(json) as HookChannel;
}
