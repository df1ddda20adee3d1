/** What Okta puts in a new authorization server: system scopes, and for `default` its policy and rule. */

export const SYSTEM_SCOPES = [
  { name: 'openid', displayName: 'openid', description: 'Signals that a request is an OpenID request.' },
  { name: 'profile', displayName: 'profile', description: "Allows access to end-user's default profile claims." },
  { name: 'email', displayName: 'email', description: "Allows access to end-user's email and email_verified claims." },
  { name: 'address', displayName: 'address', description: "Allows access to end-user's address claim." },
  { name: 'phone', displayName: 'phone', description: "Allows access to end-user's phone_number and phone_number_verified claims." },
  { name: 'offline_access', displayName: 'offline_access', description: 'Allows the client to request refresh tokens.' },
] as const;

export const OIDC_SCOPE_NAMES: ReadonlySet<string> = new Set(SYSTEM_SCOPES.map((s) => s.name));

export const DEFAULT_POLICY = {
  name: 'Default Policy',
  description: 'Default policy description',
  conditions: { clients: { include: ['ALL_CLIENTS'] } },
};

export const DEFAULT_RULE = {
  name: 'Default Policy Rule',
  conditions: {
    people: { groups: { include: ['EVERYONE'], exclude: [] }, users: { include: [], exclude: [] } },
    grantTypes: { include: ['client_credentials', 'authorization_code', 'implicit', 'password'] },
    scopes: { include: ['*'] },
  },
  actions: {
    token: { accessTokenLifetimeMinutes: 60, refreshTokenLifetimeMinutes: 0, refreshTokenWindowMinutes: 10080 },
  },
};
