/** oidc-provider client metadata, built from the OIDC app (`/api/v1/apps`) with that client id. */
import type { AdapterPayload, ClientAuthMethod } from 'oidc-provider';
import type { AppContext } from '../../platform/context.js';
import { appSecrets } from '../../apps/apps.service.js';
import { IMPLEMENTED_GRANTS } from '../../apps/oauth-grants.js';
import { findOidcAppByClientId } from '../../apps/oidc.app-kind.js';

/** Extra client metadata Tollgate passes through oidc-provider. */
export const EXTRA_CLIENT_METADATA = ['tollgate_app_id', 'tollgate_app_label', 'tollgate_pkce_required', 'tollgate_refresh_rotation', 'tollgate_public'];

/** What is read here of an OIDC app's stored `settings.oauthClient` (oidc.app-kind.ts writes it). */
interface StoredClientSettings {
  grant_types?: string[];
  redirect_uris?: string[];
  post_logout_redirect_uris?: string[];
  application_type?: string;
  refresh_token?: { rotation_type?: string };
}

/** What is read here of its `credentials.oauthClient`. */
interface StoredClientCredentials {
  token_endpoint_auth_method?: ClientAuthMethod;
  pkce_required?: boolean;
}

export async function clientMetadataFor(ctx: AppContext, clientId: string): Promise<AdapterPayload | undefined> {
  const app = await findOidcAppByClientId(ctx, ctx.db, clientId);
  if (!app || app.status !== 'ACTIVE') return undefined;
  const settings = (JSON.parse(app.settings).oauthClient ?? {}) as StoredClientSettings;
  const creds = (JSON.parse(app.credentials).oauthClient ?? {}) as StoredClientCredentials;
  const authMethod = creds.token_endpoint_auth_method ?? 'client_secret_basic';
  const secret = authMethod === 'none' ? undefined : appSecrets(ctx, app).client_secret;
  // The app keeps every grant Okta accepts; oidc-provider is told only those it implements (it refuses a
  // client listing others), and a request for another one is explained by unimplemented-flows.ts.
  const grantTypes = (settings.grant_types ?? []).filter((g) => IMPLEMENTED_GRANTS.includes(g));
  const rotation = settings.refresh_token?.rotation_type ?? (settings.application_type === 'browser' ? 'ROTATE' : 'STATIC');
  return {
    client_id: clientId,
    ...(secret ? { client_secret: secret } : {}),
    client_name: app.label,
    redirect_uris: settings.redirect_uris ?? [],
    post_logout_redirect_uris: settings.post_logout_redirect_uris ?? [],
    grant_types: grantTypes,
    response_types: grantTypes.includes('authorization_code') ? ['code'] : [],
    token_endpoint_auth_method: authMethod,
    application_type: 'web',
    tollgate_app_id: app.id,
    tollgate_app_label: app.label,
    tollgate_pkce_required: creds.pkce_required === true || authMethod === 'none',
    tollgate_refresh_rotation: rotation,
    tollgate_public: authMethod === 'none',
  };
}
