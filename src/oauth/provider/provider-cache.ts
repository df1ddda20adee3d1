/**
 * The running oidc-provider of each authorization server, rebuilt when the server's `revision` moves (scopes,
 * claims, keys, settings changed — possibly by another Tollgate instance, since the revision is in the store).
 * oidc-provider itself (about 18 MiB of memory) is loaded with the first provider, not at start.
 */
import type Provider from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import type { ServerRow } from '../management/servers.service.js';

interface Entry {
  revision: number;
  issuer: string;
  provider: Promise<Provider>;
}

const caches = new WeakMap<AppContext, Map<string, Entry>>();

export function providerFor(ctx: AppContext, server: ServerRow): Promise<Provider> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new Map();
    caches.set(ctx, cache);
  }
  const entry = cache.get(server.id);
  if (entry && entry.revision === server.revision && entry.issuer === ctx.config.issuer) return entry.provider;
  const provider = import('./provider-config.js').then(({ buildProvider }) => buildProvider(ctx, server));
  cache.set(server.id, { revision: server.revision, issuer: ctx.config.issuer, provider });
  provider.catch(() => {
    if (cache.get(server.id)?.provider === provider) cache.delete(server.id);
  });
  return provider;
}
