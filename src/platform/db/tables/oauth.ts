/**
 * OpenID Connect authorization servers (owner: the OIDC engineer): Okta's custom authorization servers with
 * their signing keys, scopes, claims, access policies and rules, and the state oidc-provider keeps (codes,
 * refresh tokens, grants, sessions, interactions). Added to `Database` through this interface; migration 0005.
 */
export interface OAuthTables {
  oauth_servers: OAuthServersTable;
  oauth_keys: OAuthKeysTable;
  oauth_scopes: OAuthScopesTable;
  oauth_claims: OAuthClaimsTable;
  oauth_policies: OAuthPoliciesTable;
  oauth_policy_rules: OAuthPolicyRulesTable;
  oauth_store: OAuthStoreTable;
  oauth_revoked_tokens: OAuthRevokedTokensTable;
}

export interface OAuthServersTable {
  /** `default` for the org's default server, else `aus…`. */
  id: string;
  name: string;
  description: string | null;
  /** JSON array: the `aud` of access tokens (Okta supports exactly one). */
  audiences: string;
  issuer_mode: string;
  status: string;
  /** Bumped by every change that the running OpenID provider must see (scopes, claims, keys): it is rebuilt. */
  revision: number;
  created: string;
  last_updated: string;
}

export interface OAuthKeysTable {
  /** The `kid`. */
  id: string;
  server_id: string;
  /** ACTIVE (signs), NEXT (published, signs after the next rotation) or EXPIRED (published only). */
  status: string;
  alg: string;
  /** JSON: the public JWK. */
  public_jwk: string;
  /** Encrypted JSON of the private JWK. */
  private_jwk_encrypted: string;
  created: string;
  last_rotated: string | null;
}

export interface OAuthScopesTable {
  id: string;
  server_id: string;
  name: string;
  display_name: string | null;
  description: string | null;
  consent: string;
  is_default: number;
  metadata_publish: string;
  optional: number;
  system: number;
  created: string;
  last_updated: string;
}

export interface OAuthClaimsTable {
  id: string;
  server_id: string;
  name: string;
  status: string;
  /** IDENTITY (ID token) or RESOURCE (access token). */
  claim_type: string;
  /** EXPRESSION, GROUPS or SYSTEM. */
  value_type: string;
  value: string;
  always_include_in_token: number;
  group_filter_type: string | null;
  /** JSON: `{scopes: [...]}`. */
  conditions: string;
  system: number;
  created: string;
  last_updated: string;
}

export interface OAuthPoliciesTable {
  id: string;
  server_id: string;
  name: string;
  description: string | null;
  status: string;
  priority: number;
  system: number;
  /** JSON: `{clients: {include: [...]}}`. */
  conditions: string;
  created: string;
  last_updated: string;
}

export interface OAuthPolicyRulesTable {
  id: string;
  policy_id: string;
  server_id: string;
  name: string;
  status: string;
  priority: number;
  system: number;
  /** JSON: `{people, grantTypes, scopes}`. */
  conditions: string;
  /** JSON: `{token: {accessTokenLifetimeMinutes, refreshTokenLifetimeMinutes, refreshTokenWindowMinutes, inlineHook?}}`. */
  actions: string;
  created: string;
  last_updated: string;
}

/** oidc-provider's adapter storage: one row per model instance (AuthorizationCode, RefreshToken, Grant, Session, …). */
export interface OAuthStoreTable {
  server_id: string;
  model: string;
  id: string;
  /** JSON payload, as oidc-provider gives it. */
  payload: string;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  /** ISO timestamp; null when the model never expires. */
  expires_at: string | null;
  consumed: number;
}

/** JWT access tokens cannot be deleted (they are not stored): a revoked one is remembered here until it expires. */
export interface OAuthRevokedTokensTable {
  jti: string;
  server_id: string;
  expires_at: string;
}
