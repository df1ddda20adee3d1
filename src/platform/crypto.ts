import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDir } from './private-files.js';

/** Encrypts secrets at rest (hook auth values, client secrets) with AES-256-GCM. */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** HMAC-SHA256 with a key derived from the secret key (CSRF tokens and the like). */
  sign(data: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes');
  const macKey = createHash('sha256').update(key).update('tollgate-mac').digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unreadable sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    sign(data) {
      return createHmac('sha256', macKey).update(data).digest('base64url');
    },
  };
}

/**
 * The key comes from TOLLGATE_SECRET_KEY (hex or base64 of 32 bytes, or any passphrase, hashed), or from
 * `<dataDir>/secret-key`, created with mode 0600 on first start.
 */
export function loadSecretKey(secretKey: string | undefined, dataDir: string): Buffer {
  if (secretKey) {
    if (/^[0-9a-f]{64}$/i.test(secretKey)) return Buffer.from(secretKey, 'hex');
    const b64 = Buffer.from(secretKey, 'base64');
    if (b64.length === 32) return b64;
    return createHash('sha256').update(secretKey).digest();
  }
  const file = path.join(dataDir, 'secret-key');
  if (fs.existsSync(file)) return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
  makePrivateDir(dataDir);
  const key = randomBytes(32);
  fs.writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600 });
  return key;
}

/** API tokens and session tokens are stored as SHA-256: they are long random values, so no salt is needed. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
