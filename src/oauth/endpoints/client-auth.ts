/** Client authentication for /introspect and /revoke: client_secret_basic, client_secret_post, or none. */
import type { IncomingHttpHeaders } from 'node:http';
import type { AppContext } from '../../platform/context.js';
import { safeEqual } from '../../platform/crypto.js';
import { appSecrets } from '../../apps/apps.service.js';
import { findOidcAppByClientId } from '../../apps/oidc.app-kind.js';

export interface AuthenticatedClient {
  clientId: string;
  appId: string;
  label: string;
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')), secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')) };
  } catch {
    return undefined;
  }
}

export async function authenticateClient(ctx: AppContext, headers: IncomingHttpHeaders, form: Record<string, string>): Promise<AuthenticatedClient | undefined> {
  const basic = basicCredentials(headers.authorization);
  const clientId = basic?.id ?? form.client_id;
  if (!clientId) return undefined;
  const app = await findOidcAppByClientId(ctx, ctx.db, clientId);
  if (!app || app.status !== 'ACTIVE') return undefined;
  const method = (JSON.parse(app.credentials).oauthClient?.token_endpoint_auth_method ?? 'client_secret_basic') as string;
  if (method === 'none') return basic ? undefined : { clientId, appId: app.id, label: app.label };
  const presented = basic?.secret ?? form.client_secret;
  const secret = appSecrets(ctx, app).client_secret;
  if (!presented || !secret || !safeEqual(presented, secret)) return undefined;
  return { clientId, appId: app.id, label: app.label };
}
