/**
 * Where to go after signing in (Okta's `fromURI`, the Authentication API's `redirectUrl`): only a place on
 * this site, so that the sign-in page cannot be used to send people elsewhere. OIDC and SAML flows come back
 * here through it. The value is parsed with `URL` against the issuer and kept only when it stays on the
 * issuer's origin; what is returned is the URL's own path, query and fragment (percent-encoded ASCII, safe
 * in a Location header), never the raw text. Refused (undefined, so the default applies): control
 * characters, spaces and non-ASCII anywhere (browsers strip a tab in `/\t/host` and go to `//host`; CR/LF
 * cannot go in a header), backslashes (read as `/` by browsers), and anything that normalizes to `//…`.
 */
export function safeReturnPath(fromURI: string | undefined, issuer: string): string | undefined {
  if (!fromURI || !/^[\x21-\x7e]+$/.test(fromURI) || fromURI.includes('\\')) return undefined;
  let base: URL;
  let url: URL;
  try {
    base = new URL(issuer);
    url = new URL(fromURI, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin || url.username || url.password) return undefined;
  // A path-only value must be a single-slash path (not `//host`, a scheme-relative URL).
  if (!/^[a-z][a-z0-9+.-]*:/i.test(fromURI) && (!fromURI.startsWith('/') || fromURI.startsWith('//'))) return undefined;
  const target = url.pathname + url.search + url.hash;
  return target.startsWith('//') ? undefined : target;
}
