import { importPKCS8, SignJWT, type JWTPayload } from 'jose';
import { CardError, defineCard, kernelAddress, outputsByKey } from '../../engine/card.js';
import { toBooleanLoose, toNumberLoose } from '../../engine/values/coerce.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { setOwn } from '../../model/own-keys.js';

const ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512'] as const;

/**
 * JWT Sign: a signed JSON Web Token. `key` is the secret (HS*) or a PKCS#8 PEM private key (RS*,
 * ES*, PS*); the `payload` group holds the claims; the `options` group Okta's settings: `algorithm`
 * (default HS256), `expiresIn` and `notBefore` (seconds from now), `audience`, `issuer`, `subject`,
 * `jwtid`, `noTimestamp` (no `iat`) and `header` (extra header fields, a JSON object).
 */
export default defineCard({
  type: 'jwt:sign',
  title: 'Sign',
  description: 'Create a signed JSON Web Token.',
  kind: 'function',
  okta: { address: kernelAddress('jwt:sign'), timeout: 90000 },
  inputs: [
    { key: 'key', type: 'string' },
    { key: 'algorithm', type: 'string', group: 'options', value: 'HS256' },
  ],
  outputs: [{ key: 'token', type: 'string' }],
  extensible: { inputs: true },
  async run(ctx) {
    const option = (key: string): unknown => ctx.inputs.find(({ field }) => field.group === 'options' && field.key === key)?.value ?? null;
    const algorithm = textOf(option('algorithm')) || 'HS256';
    if (!(ALGORITHMS as readonly string[]).includes(algorithm)) throw new CardError(`algorithm '${algorithm}' is not one of ${ALGORITHMS.join(', ')}`);
    const payload: JWTPayload = {};
    for (const { field, value } of ctx.inputs) if (field.group === 'payload' && value !== null) setOwn(payload, field.key, value);
    const header = option('header');
    const extraHeader = typeof header === 'string' && header.trim() !== '' ? parseHeader(header) : isPlainObject(header) ? header : {};
    const jwt = new SignJWT(payload).setProtectedHeader({ ...extraHeader, alg: algorithm, typ: 'JWT' });
    const now = Math.floor(ctx.now().getTime() / 1000);
    if (toBooleanLoose(option('noTimestamp')) !== true) jwt.setIssuedAt(now);
    const seconds = (key: string): number | undefined => {
      const value = toNumberLoose(option(key));
      return typeof value === 'number' ? value : undefined;
    };
    const expiresIn = seconds('expiresIn');
    if (expiresIn !== undefined) jwt.setExpirationTime(now + expiresIn);
    const notBefore = seconds('notBefore');
    if (notBefore !== undefined) jwt.setNotBefore(now + notBefore);
    for (const [key, set] of [
      ['audience', (value: string) => jwt.setAudience(value)],
      ['issuer', (value: string) => jwt.setIssuer(value)],
      ['subject', (value: string) => jwt.setSubject(value)],
      ['jwtid', (value: string) => jwt.setJti(value)],
    ] as const) {
      const value = textOf(option(key));
      if (value !== '') set(value);
    }
    const token = await jwt.sign(await signingKey(algorithm, textOf(ctx.input('key'))));
    return { outputs: outputsByKey(ctx, { token }) };
  },
});

function parseHeader(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    if (isPlainObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new CardError('options.header must be a JSON object');
}

async function signingKey(algorithm: string, key: string): Promise<Uint8Array | CryptoKey> {
  if (key === '') throw new CardError('a key is needed to sign the token');
  if (algorithm.startsWith('HS')) return new TextEncoder().encode(key);
  try {
    return await importPKCS8(key.replace(/\\n/g, '\n'), algorithm);
  } catch (error) {
    throw new CardError(`the key is not a PKCS#8 PEM private key for ${algorithm} (${(error as Error).message})`);
  }
}
