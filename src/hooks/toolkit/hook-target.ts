/**
 * What the developer tools are pointed at: a hook type by its wire name or a short name, and the auth the
 * endpoint expects, turned into the management API's hook bodies (so the services validate them as a server
 * would).
 */
import type { InlineHookTypeDefinition } from '../inline/hook-type.js';
import type { InlineHookBody } from '../inline/inline-hook-input.js';

export class ToolError extends Error {}

/** A type of `types` by its wire name or its short name (`alias`), or 'event' for event hooks. */
export function resolveHookType(name: string, types: readonly InlineHookTypeDefinition[]): string {
  if (types.some((t) => t.type === name)) return name;
  if (name === 'com.okta.event_hook' || name === 'event') return 'event';
  const short = types.find((t) => t.alias === name);
  if (short) return short.type;
  const aliases = types.flatMap((t) => (t.alias ? [t.alias] : []));
  throw new ToolError(`unknown hook type '${name}'; use one of: ${[...aliases, 'event', ...types.map((t) => t.type)].join(', ')}`);
}

export interface EndpointAuth {
  /** `Name: value`, repeatable. A header named Authorization becomes the channel's authScheme (the secret header). */
  headers: string[];
  /** `TOKEN_URL,CLIENT_ID,CLIENT_SECRET` (the secret may itself contain commas). */
  oauth2ClientCredentials?: string;
  scope?: string;
}

function parseHeaders(list: string[]): Array<{ key: string; value: string }> {
  return list.map((h) => {
    const i = h.indexOf(':');
    if (i <= 0) throw new ToolError(`--header '${h}' is not "Name: value"`);
    return { key: h.slice(0, i).trim(), value: h.slice(i + 1).trim() };
  });
}

/** The channel of an inline hook body for `url` with `auth`. */
export function inlineChannel(url: string, auth: EndpointAuth): NonNullable<InlineHookBody['channel']> {
  const headers = parseHeaders(auth.headers);
  if (auth.oauth2ClientCredentials) {
    const [tokenUrl, clientId, ...rest] = auth.oauth2ClientCredentials.split(',');
    if (!tokenUrl || !clientId || rest.length === 0) throw new ToolError('--oauth2-client-credentials is TOKEN_URL,CLIENT_ID,CLIENT_SECRET');
    return {
      type: 'OAUTH', version: '1.0.0',
      config: { uri: url, headers, authType: 'client_secret_post', tokenUrl, clientId, clientSecret: rest.join(','), scope: auth.scope ?? null },
    };
  }
  const authIndex = headers.findIndex((h) => h.key.toLowerCase() === 'authorization');
  const authScheme = authIndex >= 0 ? { type: 'HEADER', key: headers[authIndex].key, value: headers[authIndex].value } : null;
  return { type: 'HTTP', version: '1.0.0', config: { uri: url, headers: headers.filter((_, i) => i !== authIndex), authScheme } };
}

/** The channel of an event hook body (event hooks have no OAuth channel). */
export function eventChannel(url: string, auth: EndpointAuth) {
  if (auth.oauth2ClientCredentials) throw new ToolError('--oauth2-client-credentials applies to inline hooks only (Okta event hooks have no OAuth channel)');
  const channel = inlineChannel(url, auth);
  return { type: 'HTTP', version: '1.0.0', config: { uri: url, headers: channel.config?.headers ?? [], authScheme: channel.config?.authScheme ?? null } };
}
