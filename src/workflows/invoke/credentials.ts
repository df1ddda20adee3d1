import type { HttpTrigger } from '../engine/index.js';

/*
 * Credentials a caller sends to an invoke URL (other than the client token, which the flow never sees)
 * reach the flow, which may need them, but not its saved execution records: like Okta's hook call log,
 * the record shows "[redacted]" wherever a credential's value was.
 */

export const REDACTED = '[redacted]';

const CREDENTIAL_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'api-key', 'x-api-client-token']);
/** Header and query names that carry a secret by their name: `x-auth-token`, `api_key`, `x-okta-secret`, `access_token`. */
const CREDENTIAL_PART = /(?:^|[-_.])(?:api[-_]?key|apikey|token|secret|password|passwd|auth|session|signature|credentials?)(?:$|[-_.])/i;
/** Parts of a credential (a cookie's value, a bearer token) this long are redacted wherever they appear. */
const MIN_PART_LENGTH = 8;

export function isCredentialName(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_NAMES.has(lower) || CREDENTIAL_PART.test(lower);
}

/** The secret values in a call: whole header and query values, and their parts (cookie values, the token after `Bearer`). */
export function credentialValuesOf(trigger: HttpTrigger): string[] {
  const values = new Set<string>();
  const add = (value: string) => {
    const whole = value.trim();
    if (whole !== '') values.add(whole);
    for (const part of whole.split(/[;,\s]+/)) {
      const cookieValue = part.includes('=') ? part.slice(part.indexOf('=') + 1) : part;
      for (const piece of [part, cookieValue]) if (piece.length >= MIN_PART_LENGTH) values.add(piece);
    }
  };
  for (const [name, value] of Object.entries(trigger.headers)) if (isCredentialName(name)) add(value);
  for (const [name, value] of Object.entries(trigger.query)) if (isCredentialName(name)) add(value);
  // Longest first, so that a whole value is replaced before one of its parts.
  return [...values].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of the secrets in a text; `inJson` says whether any is in a JSON text at all. */
export interface Redactor {
  (text: string): string;
  inJson(json: string): boolean;
}

export function redactorOf(secrets: readonly string[]): Redactor {
  // A secret inside a JSON string appears as JSON writes it (quotes and backslashes escaped, character by
  // character), so this finds it in serialized records without walking them value by value.
  const escaped = secrets.map((secret) => JSON.stringify(secret).slice(1, -1));
  const redact = (text: string) => {
    let out = text;
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };
  return Object.assign(redact, { inJson: (json: string) => escaped.some((secret) => json.includes(secret)) });
}
