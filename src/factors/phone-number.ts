/**
 * Phone numbers of `sms` and `call` factors. Okta's schema asks for E.164 (`^\+[1-9]\d{1,14}$`) while its
 * examples send `+1-555-415-1337`: spaces, dashes, dots and parentheses are accepted and dropped, and the
 * number is stored and returned in E.164.
 */
const E164 = /^\+[1-9]\d{1,14}$/;

/** The number in E.164, or undefined when it is not a valid phone number. */
export function normalizePhoneNumber(raw: string): string | undefined {
  const compact = raw.trim().replace(/[\s().-]/g, '');
  return E164.test(compact) ? compact : undefined;
}

/** A phone extension: up to 15 digits. */
export function normalizeExtension(raw: string | null | undefined): string | null | undefined {
  if (raw === null || raw === undefined) return null;
  const compact = String(raw).trim();
  if (compact === '') return null;
  return /^\d{1,15}$/.test(compact) ? compact : undefined;
}

/** The last digits, to show which phone a code went to without showing the number. */
export function maskedPhone(e164: string): string {
  return `ending in ${e164.slice(-4)}`;
}
