/**
 * Which `grant_types` and `response_types` Okta accepts on an OIDC app, per `application_type`, and which of
 * them Tollgate's authorization servers implement. Okta's accepted combinations are stored as given; a flow
 * Tollgate does not implement is refused when a client uses it, with a message that says so
 * (see src/oauth/provider/unimplemented-flows.ts), not at app creation.
 *
 * Okta's Client API reference (okta-oauth-openapi.yaml, createClient), "Different app types have different
 * valid values for the corresponding grant type":
 *   browser: authorization_code, implicit, saml2-bearer (+ the Direct Authentication grants)
 *   native:  authorization_code, implicit, password, refresh_token, saml2-bearer (+ Direct Auth) — "Must have
 *            at least authorization_code"
 *   service: client_credentials, saml2-bearer (+ Direct Auth) — "Works with the OAuth 2.0 flow (not OpenID Connect)"
 *   web:     authorization_code, implicit, refresh_token, client_credentials, saml2-bearer (+ Direct Auth) —
 *            "Must have at least authorization_code"
 * Okta's guides add the Identity Engine grants to that table: interaction_code (browser, native, web),
 * device_code and token-exchange (native; token-exchange also for service and web), jwt-bearer (service, web),
 * CIBA (web), refresh_token for SPAs (refresh token rotation, "ROTATE: the default rotation type for SPAs").
 */
const SAML2_BEARER = 'urn:ietf:params:oauth:grant-type:saml2-bearer';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CIBA = 'urn:openid:params:grant-type:ciba';
const DIRECT_AUTH = [
  'urn:okta:params:oauth:grant-type:otp', 'urn:okta:params:oauth:grant-type:oob',
  'http://auth0.com/oauth/grant-type/mfa-otp', 'http://auth0.com/oauth/grant-type/mfa-oob',
];

export const GRANTS_BY_APP_TYPE: Record<string, readonly string[]> = {
  browser: ['authorization_code', 'implicit', 'refresh_token', 'interaction_code', SAML2_BEARER, ...DIRECT_AUTH],
  native: ['authorization_code', 'implicit', 'password', 'refresh_token', 'interaction_code', DEVICE_CODE, TOKEN_EXCHANGE, SAML2_BEARER, ...DIRECT_AUTH],
  service: ['client_credentials', TOKEN_EXCHANGE, JWT_BEARER, SAML2_BEARER, ...DIRECT_AUTH],
  web: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials', 'password', 'interaction_code', TOKEN_EXCHANGE, JWT_BEARER, CIBA, SAML2_BEARER, ...DIRECT_AUTH],
};

/** Okta's OAuthResponseType enum. */
export const RESPONSE_TYPES = ['code', 'token', 'id_token'];

/** What Tollgate's authorization servers (oidc-provider) can issue tokens for. */
export const IMPLEMENTED_GRANTS = ['authorization_code', 'refresh_token', 'client_credentials'];
export const IMPLEMENTED_RESPONSE_TYPES = ['code'];

/** Grants that can start a session a refresh token then continues. */
const REFRESHABLE = ['authorization_code', 'password', 'interaction_code', DEVICE_CODE, TOKEN_EXCHANGE, JWT_BEARER, SAML2_BEARER, CIBA, ...DIRECT_AUTH];

export function grantLabel(grant: string): string {
  return grant.replace(/^urn:ietf:params:oauth:grant-type:|^urn:okta:params:oauth:grant-type:|^urn:openid:params:grant-type:|^http:\/\/auth0\.com\/oauth\/grant-type\//, '');
}

/** The default `response_types` when none are given: what the grants imply. */
export function impliedResponseTypes(applicationType: string, grants: string[]): string[] {
  const out: string[] = [];
  if (grants.includes('authorization_code')) out.push('code');
  // Okta's service app example stores response_types ["token"] with client_credentials.
  if (applicationType === 'service' && grants.includes('client_credentials')) out.push('token');
  return out;
}

/** Okta's rules tying grant types to an app type and to response types; one message per broken rule. */
export function grantAndResponseProblems(applicationType: string, grants: string[], responseTypes: string[]): string[] {
  const g = 'settings.oauthClient.grant_types';
  const r = 'settings.oauthClient.response_types';
  const problems: string[] = [];
  const allowed = GRANTS_BY_APP_TYPE[applicationType] ?? [];
  const refused = grants.filter((x) => !allowed.includes(x));
  if (refused.length) problems.push(`${g}: ${refused.join(', ')} ${refused.length === 1 ? 'is' : 'are'} not valid for a ${applicationType} app (valid: ${allowed.join(', ')})`);
  if ((applicationType === 'web' || applicationType === 'native') && !grants.includes('authorization_code') && !(applicationType === 'native' && grants.includes(DEVICE_CODE))) {
    problems.push(`${g}: A ${applicationType} app must have at least authorization_code`);
  }
  if (grants.includes('refresh_token') && !grants.some((x) => REFRESHABLE.includes(x))) {
    problems.push(`${g}: refresh_token needs a grant that signs a user in (authorization_code, password, device_code, …)`);
  }
  const unknown = responseTypes.filter((x) => !RESPONSE_TYPES.includes(x));
  if (unknown.length) problems.push(`${r}: ${unknown.join(', ')} is not a valid response type (valid: ${RESPONSE_TYPES.join(', ')})`);
  // "A grant_types value that includes authorization_code implies a response_types value that includes code."
  if (grants.includes('authorization_code') && !responseTypes.includes('code')) problems.push(`${r}: 'code' is required with authorization_code`);
  if (responseTypes.includes('code') && !grants.includes('authorization_code')) problems.push(`${r}: 'code' needs the authorization_code grant`);
  for (const t of ['token', 'id_token']) {
    if (!responseTypes.includes(t)) continue;
    // Service apps: `token` means client credentials only (OAuth 2.0, not OpenID Connect: no id_token).
    if (applicationType === 'service') {
      if (t === 'id_token') problems.push(`${r}: A service app works with OAuth 2.0, not OpenID Connect: id_token is not valid`);
      else if (!grants.includes('client_credentials')) problems.push(`${r}: 'token' on a service app needs the client_credentials grant`);
    } else if (!grants.includes('implicit')) problems.push(`${r}: '${t}' needs the implicit grant`);
  }
  if (grants.includes('implicit') && !responseTypes.some((x) => x === 'token' || x === 'id_token')) {
    problems.push(`${r}: The implicit grant needs 'token' or 'id_token'`);
  }
  return problems;
}

/** Okta-accepted values this app stores that Tollgate cannot serve (shown to callers that use them). */
export function unimplemented(grants: string[], responseTypes: string[], applicationType: string): string[] {
  const out = grants.filter((x) => !IMPLEMENTED_GRANTS.includes(x));
  for (const t of responseTypes) if (!IMPLEMENTED_RESPONSE_TYPES.includes(t) && !(applicationType === 'service' && t === 'token')) out.push(`response_type ${t}`);
  return out;
}
