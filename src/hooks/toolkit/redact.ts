/**
 * What a recording keeps of a request: the type's own redaction (a password import drops the password), then
 * every member that names a secret, wherever it is, replaced by "[REDACTED]" (telephony codes, client
 * secrets, tokens, passwords a sign-up form might carry).
 */
import type { InlineHookTypeDefinition } from '../inline/hook-type.js';

export const REDACTED = '[REDACTED]';
const SECRET_MEMBER = /^(password|newPassword|oldPassword|secret|clientSecret|client_secret|otpCode|authorization|accessToken|access_token|refreshToken|refresh_token|idToken|id_token|assertion|client_assertion)$/i;

function secretValues(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) value.forEach((v) => secretValues(v, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_MEMBER.test(k) && typeof v === 'string' && v.length >= 4) found.add(v);
      else secretValues(v, found);
    }
  }
}

function redactDeep(value: unknown, secrets: Set<string>): unknown {
  if (typeof value === 'string') {
    // A secret quoted elsewhere (the code inside a telephony message template) goes too.
    let text = value;
    for (const secret of secrets) text = text.replaceAll(secret, REDACTED);
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_MEMBER.test(k) && v !== null && v !== undefined ? REDACTED : redactDeep(v, secrets)]));
}

export function redactForRecording(definition: InlineHookTypeDefinition, payload: Record<string, unknown>): Record<string, unknown> {
  const typeRedacted = definition.redact(payload);
  const secrets = new Set<string>();
  secretValues(typeRedacted, secrets);
  return redactDeep(typeRedacted, secrets) as Record<string, unknown>;
}
