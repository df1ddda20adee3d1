/**
 * Claims a token hook may not add, replace or remove, per token (reference §3.2, Okta's table). `aud` and
 * `sub` are reserved in ID tokens only: a hook may change them in access tokens.
 */
const BOTH = ['acr', 'auth_time', 'cid', 'exp', 'groups', 'iat', 'iss', 'jti', 'sid', 'token_type', 'ver', 'cnf'];
const ID_ONLY = [
  'active', 'aid', 'amr', 'app_id', 'app_type', 'at_hash', 'aud', 'c_hash', 'client_id', 'client_ip', 'client_req_id', 'client_type',
  'client_user_agent', 'device_compliance', 'device_id', 'device_known', 'device_managed', 'device_name', 'device_trust', 'did', 'dst',
  'group', 'hotk', 'idp', 'idp_iss', 'mac_key', 'may_act', 'nonce', 'oid', 'okta_emailVerified', 'okta_lastUpdated', 'orig',
  'permissions', 'purpose', 'pwd_exp_days', 'pwd_exp_time', 'rid', 'role', 'scope', 'scopes', 'sub', 'term', 'user_ip',
];
const ACCESS_ONLY = ['as_uri', 'authorization_details', 'rpt', 'rsi', 'scp', 'uid', 'username'];

export const RESERVED_ID_TOKEN_CLAIMS: ReadonlySet<string> = new Set([...BOTH, ...ID_ONLY]);
export const RESERVED_ACCESS_TOKEN_CLAIMS: ReadonlySet<string> = new Set([...BOTH, ...ACCESS_ONLY]);

/** Names a custom claim (`/claims` API) may not take. */
export const RESERVED_CLAIM_NAMES: ReadonlySet<string> = new Set([...BOTH, ...ID_ONLY, ...ACCESS_ONLY, 'aud', 'sub']);
