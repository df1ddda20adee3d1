/**
 * Reading an SP's `<samlp:AuthnRequest>`: HTTP-Redirect (deflated, in the query) or HTTP-POST (base64, in a
 * form), validated against the SAML 2.0 XML schemas (samlify's validator, xmllint-wasm), read with samlify's
 * extractor, then checked against
 * the app: the ACS URL it asks for must be one the app has (`ssoAcsUrl` or, with
 * `allowMultipleAcsEndpoints`, one of `acsEndpoints` by URL or index).
 */
import { inflateRawSync } from 'node:zlib';
import type { SamlSignOn } from '../apps/saml/saml-settings.js';

/**
 * samlify with its schema validator (xmllint compiled to wasm), loaded with the first AuthnRequest: several
 * MiB of memory that a server without SAML apps never needs. samlify is CommonJS with getter exports that
 * Node's named-export detection misses: use module.exports (`default`).
 */
type Samlify = typeof import('samlify');
let samlifyLoaded: Promise<Samlify> | undefined;
export function loadSamlify(): Promise<Samlify> {
  return (samlifyLoaded ??= Promise.all([import('samlify'), import('@authenio/samlify-xmllint-wasm')]).then(([module, validator]) => {
    const samlify = (module as unknown as { default: Samlify }).default;
    samlify.setSchemaValidator(validator);
    return samlify;
  }));
}

/** Larger requests are refused before any XML parsing (real AuthnRequests are a few KB). */
export const MAX_SAML_REQUEST_CHARS = 64 * 1024;

export interface AuthnRequestInfo {
  id: string;
  issuer: string | null;
  /** The ACS URL the response goes to (the request's, when the app allows it, else the app's). */
  acsUrl: string;
  forceAuthn: boolean;
  isPassive: boolean;
}

export class SamlRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SamlRequestError';
  }
}

const REQUEST_FIELDS = [
  { key: 'request', localPath: ['AuthnRequest'], attributes: ['ID', 'AssertionConsumerServiceURL', 'AssertionConsumerServiceIndex', 'ForceAuthn', 'IsPassive'] },
  { key: 'issuer', localPath: ['AuthnRequest', 'Issuer'], attributes: [] },
];

/**
 * Parses and checks an AuthnRequest. HTTP-Redirect carries it deflated; HTTP-POST plain (or deflated, as
 * some SPs send it and Okta's `requestCompressed` allows). Throws SamlRequestError with a message fit to
 * show on the error page.
 */
export async function readAuthnRequest(signOn: SamlSignOn, samlRequest: string): Promise<AuthnRequestInfo> {
  if (samlRequest.length > MAX_SAML_REQUEST_CHARS) throw new SamlRequestError('The SAML request is too large.');
  const xml = decodeSamlRequest(samlRequest);
  if (xml === undefined) throw new SamlRequestError('The SAML request could not be decoded.');
  const samlify = await loadSamlify();
  try {
    await samlify.SamlLib.isValidXml(xml);
  } catch {
    throw new SamlRequestError('The SAML request is not a valid AuthnRequest.');
  }
  const extracted = samlify.Extractor.extract(xml, REQUEST_FIELDS) as {
    request?: { id?: string; assertionConsumerServiceUrl?: string; assertionConsumerServiceIndex?: string; forceAuthn?: string; isPassive?: string };
    issuer?: string | null;
  };
  const request = extracted.request;
  if (!request?.id) throw new SamlRequestError('The SAML message is not an AuthnRequest.');
  return {
    id: request.id,
    issuer: typeof extracted.issuer === 'string' ? extracted.issuer : null,
    acsUrl: chooseAcsUrl(signOn, request.assertionConsumerServiceUrl, request.assertionConsumerServiceIndex),
    forceAuthn: request.forceAuthn === 'true' || request.forceAuthn === '1',
    isPassive: request.isPassive === 'true' || request.isPassive === '1',
  };
}

/** base64, then raw-deflated or not; a bounded inflate, so a small request cannot expand into a huge one. */
function decodeSamlRequest(samlRequest: string): string | undefined {
  const bytes = Buffer.from(samlRequest.replace(/\s+/g, ''), 'base64');
  if (bytes.length === 0) return undefined;
  const plain = bytes.toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (plain.startsWith('<')) return plain;
  try {
    return inflateRawSync(bytes, { maxOutputLength: MAX_SAML_REQUEST_CHARS * 4 }).toString('utf8');
  } catch {
    return undefined;
  }
}

/** The ACS the response may go to: never one the app does not list, so a request cannot redirect assertions. */
function chooseAcsUrl(signOn: SamlSignOn, url: string | undefined, index: string | undefined): string {
  const endpoints = signOn.allowMultipleAcsEndpoints ? signOn.acsEndpoints : [];
  if (url) {
    if (url === signOn.ssoAcsUrl || endpoints.some((e) => e.url === url)) return url;
    throw new SamlRequestError('The SAML request asks for an Assertion Consumer Service URL that this app does not have.');
  }
  if (index !== undefined) {
    const endpoint = endpoints.find((e) => String(e.index) === index);
    if (endpoint) return endpoint.url;
    throw new SamlRequestError('The SAML request asks for an Assertion Consumer Service index that this app does not have.');
  }
  return signOn.ssoAcsUrl;
}
