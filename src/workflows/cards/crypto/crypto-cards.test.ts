import { createHmac, generateKeyPairSync } from 'node:crypto';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { describe, expect, test } from 'vitest';
import { callCard } from '../test-kit.js';
import sign from '../jwt/sign.card.js';
import encodeComponent from '../url/encodeComponent.card.js';
import exportFlo from '../utility/exportFlo.card.js';
import hmac from './hmac.card.js';

const text = (key: string, value: unknown, group?: string) => ({ key, type: 'string' as const, value, group });

describe('HMAC (crypto:hmac)', () => {
  test.each([
    // RFC 4231 test case 2.
    ['sha256', 'Jefe', 'what do ya want for nothing?', 'hex', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['sha256', 'Jefe', 'what do ya want for nothing?', 'base64', 'W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM='],
    ['sha1', 'key', 'The quick brown fox jumps over the lazy dog', 'hex', 'de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9'],
  ])('%s %s %o in %s', async (algorithm, key, data, digest, expected) => {
    const { outputs } = await callCard(hmac, { inputs: [text('algorithm', algorithm), text('key', key), text('data', data), text('digest', digest)] });
    expect(outputs).toEqual({ output: expected });
  });

  test('binary digest is the raw bytes as text; unknown names fail', async () => {
    const { outputs } = await callCard(hmac, { inputs: [text('algorithm', 'sha256'), text('key', 'k'), text('data', 'd'), text('digest', 'binary')] });
    expect(outputs.output).toBe(createHmac('sha256', 'k').update('d').digest().toString('latin1'));
    await expect(callCard(hmac, { inputs: [text('algorithm', 'rot13'), text('key', 'k'), text('data', 'd'), text('digest', 'hex')] })).rejects.toThrow(/'rot13' is not a hash algorithm/);
    await expect(callCard(hmac, { inputs: [text('algorithm', 'sha256'), text('key', 'k'), text('data', 'd'), text('digest', 'base32')] })).rejects.toThrow(/digest 'base32'/);
  });
});

describe('Encode Component (url:encodeComponent)', () => {
  test.each([
    ['profile.email eq "jane@atko.email"', 'profile.email%20eq%20%22jane%40atko.email%22'],
    ['a&b=c/d?é', 'a%26b%3Dc%2Fd%3F%C3%A9'],
    [null, ''],
  ])('%o → %o', async (value, expected) => {
    expect((await callCard(encodeComponent, { inputs: [text('string', value)] })).outputs).toEqual({ output: expected });
  });
});

describe('JWT Sign (jwt:sign)', () => {
  test('HS256 with claims and options, verifiable with the same secret', async () => {
    const { outputs } = await callCard(sign, {
      inputs: [
        text('key', 'a-shared-secret-of-enough-length'),
        text('algorithm', 'HS256', 'options'),
        text('audience', 'https://api.example.com', 'options'),
        text('issuer', 'tollgate', 'options'),
        text('subject', '00u1', 'options'),
        { key: 'expiresIn', type: 'number', value: 600, group: 'options' },
        text('scope', 'read write', 'payload'),
      ],
      now: new Date('2026-01-02T03:04:05.000Z'),
    });
    const token = outputs.token as string;
    const { payload } = await jwtVerify(token, new TextEncoder().encode('a-shared-secret-of-enough-length'), { currentDate: new Date('2026-01-02T03:05:00Z') });
    expect(payload).toEqual({ scope: 'read write', aud: 'https://api.example.com', iss: 'tollgate', sub: '00u1', iat: 1767323045, exp: 1767323645 });
  });

  test('RS256 with a PKCS#8 key (as the Chrome OS template signs Google tokens), extra header fields, no timestamp', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const { outputs } = await callCard(sign, {
      inputs: [
        text('key', pem),
        text('algorithm', 'RS256', 'options'),
        { key: 'noTimestamp', type: 'boolean', value: true, group: 'options' },
        text('header', '{"kid":"key-1"}', 'options'),
        text('scope', 'https://www.googleapis.com/auth/chromeosdevicetoken', 'payload'),
      ],
    });
    const token = outputs.token as string;
    expect(decodeProtectedHeader(token)).toEqual({ kid: 'key-1', alg: 'RS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, await importSPKI(publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'RS256'));
    expect(payload).toEqual({ scope: 'https://www.googleapis.com/auth/chromeosdevicetoken' });
  });

  test('a wrong key or algorithm fails with the reason', async () => {
    await expect(callCard(sign, { inputs: [text('key', 'not a pem'), text('algorithm', 'RS256', 'options')] })).rejects.toThrow(/not a PKCS#8 PEM private key for RS256/);
    await expect(callCard(sign, { inputs: [text('key', 'secret'), text('algorithm', 'none', 'options')] })).rejects.toThrow(/algorithm 'none' is not one of/);
    await expect(callCard(sign, { inputs: [text('key', ''), text('algorithm', 'HS256', 'options')] })).rejects.toThrow(/a key is needed/);
  });
});

describe('Export Flow (utility:exportFlo)', () => {
  const inputs = (pretty: boolean) => [
    { key: 'flo', type: 'flo' as const, value: 'flow-1' },
    { key: 'pretty', type: 'boolean' as const, value: pretty },
    { key: 'indent', type: 'number' as const, value: 4 },
  ];

  test("asks the host for the flow's export and writes it as JSON text", async () => {
    const asked: string[] = [];
    const services = {
      exportFlow: (flowId: string) => {
        asked.push(flowId);
        return Promise.resolve({ type: 'flopack', data: { flos: {} } });
      },
    };
    expect((await callCard(exportFlo, { inputs: inputs(false), services })).outputs).toEqual({ output: '{"type":"flopack","data":{"flos":{}}}' });
    expect((await callCard(exportFlo, { inputs: inputs(true), services })).outputs.output).toBe('{\n    "type": "flopack",\n    "data": {\n        "flos": {}\n    }\n}');
    expect(asked).toEqual(['flow-1', 'flow-1']);
  });

  test('without the host service it fails, saying why', async () => {
    await expect(callCard(exportFlo, { inputs: inputs(false) })).rejects.toThrow(/needs the host's flows \(services.exportFlow\)/);
  });
});
