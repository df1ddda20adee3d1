import { createHash } from 'node:crypto';

/** A non-secret id for a refresh token, so that a hook can correlate grants without seeing the token. */
export function refreshTokenJti(value: string): string {
  const digest = createHash('sha256').update(value).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return 'oar' + [...digest.subarray(0, 17)].map((b) => alphabet[b % 62]).join('');
}
