/**
 * The IdP metadata of a SAML app, in Okta's shape: one signing key, the NameID formats, and the SSO URL for
 * both HTTP-POST and HTTP-Redirect. Served at `/app/{appId}/sso/saml/metadata` (public, as SPs fetch it) and
 * `/api/v1/apps/{appId}/sso/saml/metadata` (management API).
 */
import type { AppContext } from '../platform/context.js';
import type { AppRow } from '../apps/app-kind.js';
import { certificateBase64 } from '../apps/saml/certificate.js';
import { escapeXml } from './saml-response.js';
import { signOnOf } from '../apps/saml/saml-settings.js';
import { entityIdOf, ssoUrlOf } from '../apps/saml/saml-urls.js';
import { appSigningKey } from '../apps/saml/signing-key.js';

const BINDINGS = ['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect'];

export function idpMetadataXml(ctx: AppContext, row: AppRow): string {
  const signOn = signOnOf(row.settings);
  const key = appSigningKey(ctx, row);
  const ssoUrl = escapeXml(ssoUrlOf(ctx, row));
  const formats = [...new Set([signOn.subjectNameIdFormat, 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified'])];
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeXml(entityIdOf(ctx, row, signOn))}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data>
          <ds:X509Certificate>${certificateBase64(key.certificatePem)}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
${formats.map((f) => `    <md:NameIDFormat>${escapeXml(f)}</md:NameIDFormat>`).join('\n')}
${BINDINGS.map((b) => `    <md:SingleSignOnService Binding="${b}" Location="${ssoUrl}"/>`).join('\n')}
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}
