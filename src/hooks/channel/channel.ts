/** The stored (and returned) shape of an inline hook's channel. Secrets are never part of it. */
export interface HookHeader {
  key: string;
  value: string;
}

export interface HttpChannel {
  type: 'HTTP';
  version: string;
  config: {
    uri: string;
    method: 'POST';
    headers: HookHeader[];
    authScheme: { type: 'HEADER'; key: string } | null;
  };
}

export interface OAuthChannel {
  type: 'OAUTH';
  version: string;
  config: {
    uri: string;
    method: 'POST';
    headers: HookHeader[];
    authType: 'client_secret_post' | 'private_key_jwt';
    clientId: string;
    tokenUrl: string;
    scope: string | null;
    hookKeyId: string | null;
    authScheme: null;
  };
}

export type HookChannel = HttpChannel | OAuthChannel;

/** Headers Tollgate sets itself on every hook call; a hook's configuration may not set them. */
export const RESERVED_HEADERS = new Set([
  'accept', 'content-type', 'content-length', 'content-encoding', 'transfer-encoding', 'host', 'connection',
  'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-authorization', 'proxy-connection',
]);

export function parseChannel(json: string): HookChannel {
  return JSON.parse(json) as HookChannel;
}
