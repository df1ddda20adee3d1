/** The browser cookie that holds the session token (only its SHA-256 is stored). */
export const SESSION_COOKIE = 'tg_session';

/**
 * The session cookie's name: on https `__Host-tg_session`, which browsers accept only from this host, with
 * Secure and path / (a sibling subdomain cannot plant one); on plain http (development) `tg_session`.
 */
export function sessionCookieName(config: { issuer: string }): string {
  return config.issuer.startsWith('https:') ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}
