/** OpenID Connect authorization servers (owner: the OIDC engineer). Tables are added to `Database` through this interface; their migration is beside the others. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface OAuthTables {}
