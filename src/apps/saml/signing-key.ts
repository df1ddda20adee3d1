/** Where a SAML app keeps its signing key: both halves in the app's encrypted secrets, the key id public. */
import type { AppContext } from '../../platform/context.js';
import type { AppRow } from '../app-kind.js';
import { generateSigningKey, type SigningKeyMaterial } from './certificate.js';

const PRIVATE_KEY = 'samlSigningPrivateKey';
const CERTIFICATE = 'samlSigningCertificate';
const KID = 'samlSigningKid';

export interface AppSigningKey {
  kid: string;
  privateKeyPem: string;
  certificatePem: string;
}

/** A new key for an app: the secrets to store and the public `credentials.signing`. */
export async function newAppSigningKey(commonName: string, now: Date): Promise<{ secrets: Record<string, string>; signing: { kid: string }; material: SigningKeyMaterial }> {
  const material = await generateSigningKey(commonName, now);
  return {
    secrets: { [PRIVATE_KEY]: material.privateKeyPem, [CERTIFICATE]: material.certificatePem, [KID]: material.kid },
    signing: { kid: material.kid },
    material,
  };
}

export function hasSigningKey(secrets: Record<string, string>): boolean {
  return typeof secrets[PRIVATE_KEY] === 'string' && typeof secrets[CERTIFICATE] === 'string';
}

/** The app's signing key (decrypted). Throws when the app has none or its secrets cannot be read. */
export function appSigningKey(ctx: AppContext, row: AppRow): AppSigningKey {
  // Read here rather than through apps.service, which lists the app kinds (one of which imports this file).
  const secrets = row.secrets_encrypted ? (JSON.parse(ctx.secrets.decrypt(row.secrets_encrypted)) as Record<string, string>) : {};
  if (!hasSigningKey(secrets)) throw new Error(`SAML app ${row.id} has no signing key`);
  return { kid: secrets[KID], privateKeyPem: secrets[PRIVATE_KEY], certificatePem: secrets[CERTIFICATE] };
}
