/** Apps (OIDC, SAML, bookmark, import, …) and their user assignments. */
export interface AppTables {
  apps: AppsTable;
  app_users: AppUsersTable;
}

export interface AppsTable {
  id: string;
  /** Okta's app name: `oidc_client`, `bookmark`, or the generated name of a custom SAML app. */
  name: string;
  label: string;
  sign_on_mode: string;
  status: string;
  /** JSON documents as the API returns them (without secrets). */
  settings: string;
  credentials: string;
  accessibility: string;
  visibility: string;
  features: string;
  profile: string | null;
  /** Encrypted JSON object of this app's secrets (client secret, private keys), or null. */
  secrets_encrypted: string | null;
  created: string;
  last_updated: string;
}

export interface AppUsersTable {
  app_id: string;
  user_id: string;
  scope: string;
  status: string;
  /** JSON: the app user's profile. */
  profile: string;
  /** JSON: `{userName}` and the like. */
  credentials: string;
  created: string;
  last_updated: string;
}
