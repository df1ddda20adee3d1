/** Where a SAML app lives on Tollgate, at Okta's paths. */
import type { AppContext } from '../../platform/context.js';
import type { AppRow } from '../app-kind.js';
import type { SamlSignOn } from './saml-settings.js';

/** `/app/{appName}/{appId}/sso/saml`: SP-initiated (AuthnRequest) and IdP-initiated SSO. */
export function ssoUrlOf(ctx: AppContext, row: Pick<AppRow, 'id' | 'name'>): string {
  return `${ctx.config.issuer}/app/${encodeURIComponent(row.name)}/${row.id}/sso/saml`;
}

/** The public IdP metadata, `/app/{appId}/sso/saml/metadata`. */
export function publicMetadataUrlOf(ctx: AppContext, row: Pick<AppRow, 'id'>): string {
  return `${ctx.config.issuer}/app/${row.id}/sso/saml/metadata`;
}

/** The management API's copy of the metadata (`_links.metadata`). */
export function apiMetadataUrlOf(ctx: AppContext, row: Pick<AppRow, 'id'>): string {
  return `${ctx.config.issuer}/api/v1/apps/${row.id}/sso/saml/metadata`;
}

/**
 * The IdP entity ID (the `Issuer` of every response): the app's `idpIssuer` when an admin set one, else the
 * public metadata URL. Okta's default `http://www.okta.com/${org.externalKey}` (any `${…}` template) means
 * "the default" here, so apps created from Okta's examples get Tollgate's own entity ID.
 */
export function entityIdOf(ctx: AppContext, row: Pick<AppRow, 'id'>, signOn: Pick<SamlSignOn, 'idpIssuer'>): string {
  return signOn.idpIssuer && !signOn.idpIssuer.includes('${') ? signOn.idpIssuer : publicMetadataUrlOf(ctx, row);
}
