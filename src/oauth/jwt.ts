/**
 * Compact JWS with RS256 over node:crypto: Tollgate signs the tokens it patches after a token hook, and
 * verifies its own access tokens at /userinfo, /introspect and /revoke.
 */
import { createPrivateKey, createPublicKey, sign, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

function encode(part: unknown): string {
  return Buffer.from(JSON.stringify(part)).toString('base64url');
}

/** Header and payload of a compact JWS, without checking the signature; undefined when it is not one. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
    return { header, payload };
  } catch {
    return undefined;
  }
}

export function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, privateJwk: JsonWebKey): string {
  const input = `${encode({ ...header, alg: 'RS256' })}.${encode(payload)}`;
  const key = createPrivateKey({ key: privateJwk, format: 'jwk' });
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** The payload when the signature verifies with one of the keys (by `kid`); undefined otherwise. Expiry is the caller's. */
export function verifyRs256(token: string, publicJwks: Array<JsonWebKey & { kid?: string }>): DecodedJwt | undefined {
  const decoded = decodeJwt(token);
  if (!decoded || decoded.header.alg !== 'RS256') return undefined;
  const jwk = publicJwks.find((k) => k.kid === decoded.header.kid);
  if (!jwk) return undefined;
  const [h, p, s] = token.split('.');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk, format: 'jwk' });
  } catch {
    return undefined;
  }
  return verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')) ? decoded : undefined;
}
