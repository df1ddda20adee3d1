import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import type { AssertionModel } from '../hooks/inline/saml/assertion-model.js';
import { loadSamlify } from './authn-request.js';
import { generateSigningKey } from '../apps/saml/certificate.js';
import { signedErrorResponse, signedSuccessResponse, STATUS } from './saml-response.js';

const key = await generateSigningKey('unit', new Date());
const settings = { responseSigned: true, assertionSigned: true, signatureAlgorithm: 'RSA_SHA256', digestAlgorithm: 'SHA256' } as const;
const model: AssertionModel = {
  subject: { nameId: 'a&b<c>@example.com', nameFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', confirmation: { method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer', data: { recipient: 'https://sp/acs?x=1&y=2' } } },
  authentication: { sessionIndex: 'id1.2', authnContext: { authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' }, sessionLifetime: 60 },
  conditions: { audienceRestriction: ['urn:sp'] },
  claims: { 'quote"name': { attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' }, attributeValues: [{ attributes: { 'xsi:type': 'xs:integer' }, value: 7 }, { value: '<b>' }] } },
  lifetime: { expiration: 120 },
};
const envelope = { issuer: 'https://idp/metadata', destination: 'https://sp/acs?x=1&y=2', inResponseTo: '_req1', issueInstant: new Date('2030-01-02T03:04:05.000Z') };

function signaturesVerify(xml: string): number {
  const signatures = [...xml.matchAll(/<ds:Signature [\s\S]*?<\/ds:Signature>/g)].map((m) => m[0]);
  for (const signature of signatures) {
    const verifier = new SignedXml({ publicCert: key.certificatePem });
    verifier.loadSignature(signature);
    expect(verifier.checkSignature(xml)).toBe(true);
  }
  return signatures.length;
}

describe('SAML Response XML', () => {
  it('is valid against the SAML 2.0 protocol schema, escapes text, and carries the model', async () => {
    const xml = signedSuccessResponse(model, envelope, { privateKeyPem: key.privateKeyPem, certificatePem: key.certificatePem, settings });
    await expect((await loadSamlify()).SamlLib.isValidXml(xml)).resolves.toBe(true);
    expect(xml).toContain('<saml2:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">a&amp;b&lt;c&gt;@example.com</saml2:NameID>');
    expect(xml).toContain('Name="quote&quot;name"');
    expect(xml).toContain('xsi:type="xs:integer">7</saml2:AttributeValue>');
    expect(xml).toContain('&lt;b&gt;</saml2:AttributeValue>');
    expect(xml).toContain('Recipient="https://sp/acs?x=1&amp;y=2"');
    expect(xml).toContain('NotBefore="2030-01-02T02:59:05.000Z" NotOnOrAfter="2030-01-02T03:06:05.000Z"');
    expect(xml).toContain('SessionNotOnOrAfter="2030-01-02T03:05:05.000Z"');
    expect(xml).toContain('InResponseTo="_req1"');
    expect(signaturesVerify(xml)).toBe(2);
  });

  it('signs only what the app asks for, and a tampered assertion no longer verifies', () => {
    const xml = signedSuccessResponse(model, envelope, { privateKeyPem: key.privateKeyPem, certificatePem: key.certificatePem, settings: { ...settings, responseSigned: false } });
    expect(signaturesVerify(xml)).toBe(1);
    const tampered = xml.replace('a&amp;b&lt;c&gt;@example.com', 'mallory@example.com');
    const verifier = new SignedXml({ publicCert: key.certificatePem });
    verifier.loadSignature(/<ds:Signature [\s\S]*?<\/ds:Signature>/.exec(tampered)![0]);
    let verified: boolean;
    try {
      verified = verifier.checkSignature(tampered);
    } catch {
      verified = false;
    }
    expect(verified).toBe(false);
  });

  it('builds a signed, schema-valid error Response without an assertion', async () => {
    const xml = signedErrorResponse(envelope, { code: STATUS.responder, subCode: STATUS.noPassive, message: 'nobody' }, { privateKeyPem: key.privateKeyPem, certificatePem: key.certificatePem, settings });
    await expect((await loadSamlify()).SamlLib.isValidXml(xml)).resolves.toBe(true);
    expect(xml).not.toContain('Assertion');
    expect(signaturesVerify(xml)).toBe(1);
  });
});

describe('signing certificates', () => {
  it('are X.509 v3, self-signed, ten years; dates from 2050 use GeneralizedTime', async () => {
    const later = await generateSigningKey('later', new Date('2045-06-01T00:00:00Z'));
    const cert = new X509Certificate(later.certificatePem);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.subject).toBe('CN=later');
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2055);
    expect(later.expiresAt.startsWith('2055-')).toBe(true);
  });
});
