/**
 * The SAML `<saml2p:Response>` built from the (patched) assertion model, then signed as the app says:
 * the assertion (`assertionSigned`), the response (`responseSigned`), or both, assertion first, with the
 * app's `signatureAlgorithm` and `digestAlgorithm` (xml-crypto, exclusive C14N, enveloped signatures placed
 * after `Issuer` as the schema requires).
 */
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import type { AssertionModel } from '../hooks/inline/saml/assertion-model.js';
import type { SamlSignOn } from '../apps/saml/saml-settings.js';

const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};
const ENTITY_FORMAT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity';
/** Okta dates `NotBefore` five minutes back, for SPs whose clocks run a little behind. */
const CLOCK_SKEW_SECONDS = 300;

export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  noPassive: 'urn:oasis:names:tc:SAML:2.0:status:NoPassive',
} as const;

export interface ResponseEnvelope {
  /** The IdP entity ID. */
  issuer: string;
  destination: string;
  /** The AuthnRequest's ID (SP-initiated only). */
  inResponseTo?: string;
  issueInstant: Date;
}

export interface SigningInput {
  privateKeyPem: string;
  certificatePem: string;
  settings: Pick<SamlSignOn, 'responseSigned' | 'assertionSigned' | 'signatureAlgorithm' | 'digestAlgorithm'>;
}

const SIGNATURE_URIS = {
  RSA_SHA256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  RSA_SHA1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
} as const;
const DIGEST_URIS = {
  SHA256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  SHA1: 'http://www.w3.org/2000/09/xmldsig#sha1',
} as const;
const TRANSFORMS = ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'];

/** An XML ID (an NCName, so it starts with a letter), like Okta's `id…`. */
export function newSamlId(): string {
  return 'id' + randomBytes(16).toString('hex');
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function attrs(values: Record<string, string | undefined>): string {
  return Object.entries(values).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXml(v!)}"`).join('');
}

function plus(date: Date, seconds: number): string {
  return new Date(date.getTime() + seconds * 1000).toISOString();
}

function issuerXml(issuer: string): string {
  return `<saml2:Issuer xmlns:saml2="${NS.assertion}" Format="${ENTITY_FORMAT}">${escapeXml(issuer)}</saml2:Issuer>`;
}

/** The unsigned `<saml2:Assertion>` of a model. */
export function assertionXml(model: AssertionModel, envelope: ResponseEnvelope, assertionId: string): string {
  const at = envelope.issueInstant;
  const instant = at.toISOString();
  const expires = plus(at, model.lifetime.expiration);
  const { subject, authentication, conditions } = model;
  const claims = Object.entries(model.claims).map(([name, claim]) => {
    const values = claim.attributeValues.map((v) => {
      const type = v.attributes?.['xsi:type'];
      return `<saml2:AttributeValue xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}"${attrs({ 'xsi:type': type })}>${escapeXml(String(v.value))}</saml2:AttributeValue>`;
    }).join('');
    return `<saml2:Attribute${attrs({ Name: name, NameFormat: claim.attributes?.NameFormat, FriendlyName: claim.attributes?.FriendlyName })}>${values}</saml2:Attribute>`;
  });
  return `<saml2:Assertion xmlns:saml2="${NS.assertion}"${attrs({ ID: assertionId, IssueInstant: instant, Version: '2.0' })}>`
    + issuerXml(envelope.issuer)
    + `<saml2:Subject><saml2:NameID${attrs({ Format: subject.nameFormat })}>${escapeXml(subject.nameId)}</saml2:NameID>`
    + `<saml2:SubjectConfirmation${attrs({ Method: subject.confirmation.method })}>`
    + `<saml2:SubjectConfirmationData${attrs({ InResponseTo: envelope.inResponseTo, NotOnOrAfter: expires, Recipient: subject.confirmation.data.recipient })}/>`
    + '</saml2:SubjectConfirmation></saml2:Subject>'
    + `<saml2:Conditions${attrs({ NotBefore: plus(at, -CLOCK_SKEW_SECONDS), NotOnOrAfter: expires })}><saml2:AudienceRestriction>`
    + conditions.audienceRestriction.map((a) => `<saml2:Audience>${escapeXml(a)}</saml2:Audience>`).join('')
    + '</saml2:AudienceRestriction></saml2:Conditions>'
    + `<saml2:AuthnStatement${attrs({
      AuthnInstant: instant,
      SessionIndex: authentication.sessionIndex,
      SessionNotOnOrAfter: authentication.sessionLifetime !== undefined ? plus(at, authentication.sessionLifetime) : undefined,
    })}><saml2:AuthnContext><saml2:AuthnContextClassRef>${escapeXml(authentication.authnContext.authnContextClassRef)}</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>`
    + (claims.length > 0 ? `<saml2:AttributeStatement>${claims.join('')}</saml2:AttributeStatement>` : '')
    + '</saml2:Assertion>';
}

function responseXml(envelope: ResponseEnvelope, status: { code: string; subCode?: string; message?: string }, body: string): string {
  const statusXml = `<saml2p:Status><saml2p:StatusCode Value="${status.code}">${status.subCode ? `<saml2p:StatusCode Value="${status.subCode}"/>` : ''}</saml2p:StatusCode>`
    + (status.message ? `<saml2p:StatusMessage>${escapeXml(status.message)}</saml2p:StatusMessage>` : '') + '</saml2p:Status>';
  return `<?xml version="1.0" encoding="UTF-8"?><saml2p:Response xmlns:saml2p="${NS.protocol}"${attrs({
    Destination: envelope.destination, ID: newSamlId(), InResponseTo: envelope.inResponseTo, IssueInstant: envelope.issueInstant.toISOString(), Version: '2.0',
  })}>${issuerXml(envelope.issuer)}${statusXml}${body}</saml2p:Response>`;
}

function signElement(xml: string, elementXPath: string, signing: SigningInput): string {
  const sig = new SignedXml({
    privateKey: signing.privateKeyPem,
    publicCert: signing.certificatePem,
    signatureAlgorithm: SIGNATURE_URIS[signing.settings.signatureAlgorithm],
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({ xpath: elementXPath, transforms: TRANSFORMS, digestAlgorithm: DIGEST_URIS[signing.settings.digestAlgorithm] });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${elementXPath}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

/** A successful, signed Response carrying the model's assertion. */
export function signedSuccessResponse(model: AssertionModel, envelope: ResponseEnvelope, signing: SigningInput): string {
  let xml = responseXml(envelope, { code: STATUS.success }, assertionXml(model, envelope, newSamlId()));
  if (signing.settings.assertionSigned) xml = signElement(xml, "/*[local-name(.)='Response']/*[local-name(.)='Assertion']", signing);
  if (signing.settings.responseSigned) xml = signElement(xml, "/*[local-name(.)='Response']", signing);
  return xml;
}

/** A signed Response without an assertion, reporting why there is none (e.g. `NoPassive`). */
export function signedErrorResponse(envelope: ResponseEnvelope, status: { code: string; subCode?: string; message?: string }, signing: SigningInput): string {
  return signElement(responseXml(envelope, status, ''), "/*[local-name(.)='Response']", signing);
}
