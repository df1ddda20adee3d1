/**
 * The HTTP-POST binding page: a form that sends `SAMLResponse` (and `RelayState`) to the SP's ACS. A
 * script submits it at once; without JavaScript the person presses Continue. The page's CSP allows that one
 * script (by hash) and form posts only to the ACS's origin.
 */
import { createHash } from 'node:crypto';
import { html, layout, SafeHtml } from '../platform/html/layout.js';

const AUTO_SUBMIT = "document.getElementById('saml-post').submit();";
const AUTO_SUBMIT_HASH = `'sha256-${createHash('sha256').update(AUTO_SUBMIT).digest('base64')}'`;

export interface SamlPostView {
  acsUrl: string;
  samlResponse: string;
  relayState?: string;
  appLabel: string;
}

export function samlPostPage(view: SamlPostView): { html: string; contentSecurityPolicy: string } {
  const page = layout({
    title: `Signing in to ${view.appLabel}`,
    body: html`<h1>Signing in to ${view.appLabel}</h1>
<form method="post" action="${view.acsUrl}" id="saml-post">
  <input type="hidden" name="SAMLResponse" value="${view.samlResponse}">
  ${view.relayState !== undefined ? html`<input type="hidden" name="RelayState" value="${view.relayState}">` : ''}
  <p>You are being sent to ${view.appLabel}. If nothing happens, press Continue.</p>
  <button type="submit">Continue</button>
</form>
<script>${new SafeHtml(AUTO_SUBMIT)}</script>`,
  });
  const acsOrigin = new URL(view.acsUrl).origin;
  return {
    html: page,
    contentSecurityPolicy: `default-src 'none'; style-src 'self'; img-src 'self'; script-src ${AUTO_SUBMIT_HASH}; form-action ${acsOrigin}; frame-ancestors 'none'; base-uri 'none'`,
  };
}
