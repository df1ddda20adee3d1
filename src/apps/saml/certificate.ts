/**
 * A SAML app's signing key: an RSA key pair and a self-signed X.509 certificate for it, as Okta generates one
 * per app (valid ten years, `CN=<name>`). Node can make the keys but not certificates, so the certificate is
 * built here in DER (RFC 5280: version 3, SHA-256 with RSA, no extensions).
 */
import { createHash, generateKeyPair, randomBytes, sign, X509Certificate } from 'node:crypto';
import { promisify } from 'node:util';

export interface SigningKeyMaterial {
  /** PKCS#8 PEM. Secret: stored encrypted in the app's secrets. */
  privateKeyPem: string;
  /** The certificate, PEM. */
  certificatePem: string;
  /** Okta-style key id: base64url SHA-256 of the certificate's DER. */
  kid: string;
  /** `notAfter` of the certificate, ISO-8601. */
  expiresAt: string;
}

const TEN_YEARS_MS = 10 * 365.25 * 24 * 3600 * 1000;

const generateRsaKeyPair = promisify(generateKeyPair);

/** Generates the key pair off the event loop (RSA key generation takes long enough to stall other requests). */
export async function generateSigningKey(commonName: string, now: Date): Promise<SigningKeyMaterial> {
  const { privateKey, publicKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const notAfter = new Date(notBefore.getTime() + TEN_YEARS_MS);
  const serial = randomBytes(16);
  serial[0] = (serial[0] & 0x7f) | 0x01; // positive and without a leading zero byte
  const name = der(0x30, der(0x31, der(0x30, oid('2.5.4.3'), der(0x0c, Buffer.from(commonName.slice(0, 64), 'utf8')))));
  const sha256WithRsa = der(0x30, oid('1.2.840.113549.1.1.11'), der(0x05));
  const tbs = der(0x30,
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serial),
    sha256WithRsa,
    name,
    der(0x30, time(notBefore), time(notAfter)),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificateDer = der(0x30, tbs, sha256WithRsa, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const certificatePem = toPem('CERTIFICATE', certificateDer);
  // Parse it back: a certificate Node cannot read or verify is a bug here, not something to hand to an SP.
  if (!new X509Certificate(certificatePem).verify(publicKey)) throw new Error('generated certificate does not verify');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem,
    kid: createHash('sha256').update(certificateDer).digest('base64url'),
    expiresAt: notAfter.toISOString(),
  };
}

/** The certificate's DER as one base64 line, as `<ds:X509Certificate>` and `x5c` carry it. */
export function certificateBase64(certificatePem: string): string {
  return certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

function toPem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(iso.slice(2), 'ascii')) : der(0x18, Buffer.from(iso, 'ascii'));
}
