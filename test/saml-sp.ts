/**
 * Test helpers for SAML: a real service provider (`@node-saml/node-saml`) behind a real ACS endpoint on
 * loopback, and the browser steps of SSO through Tollgate's hosted pages.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAML, ValidateInResponseTo, type Profile } from '@node-saml/node-saml';
import { expect } from 'vitest';
import { Browser, type PageResponse } from './helpers/browser.js';
import type { TestServer } from './helpers/server.js';

export const PASSWORD = 'Sunny-Day-42';

export interface AcsResult {
  ok: boolean;
  profile?: Profile | null;
  relayState?: string;
  error?: string;
  /** The Response XML as received (base64-decoded). */
  xml: string;
}

export interface TestSp {
  entityId: string;
  acsUrl: string;
  /** The node-saml SP; set by `configure`. */
  saml: SAML;
  /** Points the SP at an IdP (after the app exists, since the app needs the ACS URL and the SP the app's certificate). */
  configure(options: SpOptions): SAML;
  received: AcsResult[];
  close(): Promise<void>;
}

export interface SpOptions {
  idpSsoUrl: string;
  idpIssuer: string;
  idpCertPem: string;
  wantAssertionsSigned?: boolean;
  wantAuthnResponseSigned?: boolean;
  validateInResponseTo?: ValidateInResponseTo;
  /** Send `IsPassive="true"`. */
  passive?: boolean;
}

/** An SP whose ACS (`POST /acs`) validates every Response with node-saml and answers with the result as JSON. */
export async function startTestSp(entityId = `urn:test:sp:${Math.random().toString(36).slice(2)}`): Promise<TestSp> {
  const received: AcsResult[] = [];
  let saml: SAML | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const samlResponse = form.get('SAMLResponse') ?? '';
      const relayState = form.get('RelayState') ?? undefined;
      const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
      let result: AcsResult;
      try {
        const { profile } = await saml!.validatePostResponseAsync({ SAMLResponse: samlResponse, ...(relayState !== undefined ? { RelayState: relayState } : {}) });
        result = { ok: true, profile, relayState, xml };
      } catch (err) {
        result = { ok: false, error: (err as Error).message, relayState, xml };
      }
      received.push(result);
      const body = JSON.stringify(result);
      res.writeHead(result.ok ? 200 : 401, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const acsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/acs`;
  const configure = (options: SpOptions): SAML => (saml = new SAML({
    callbackUrl: acsUrl,
    entryPoint: options.idpSsoUrl,
    issuer: entityId,
    audience: entityId,
    idpIssuer: options.idpIssuer,
    idpCert: options.idpCertPem,
    wantAssertionsSigned: options.wantAssertionsSigned ?? true,
    wantAuthnResponseSigned: options.wantAuthnResponseSigned ?? true,
    validateInResponseTo: options.validateInResponseTo ?? ValidateInResponseTo.ifPresent,
    acceptedClockSkewMs: 0,
    passive: options.passive ?? false,
  }));
  return {
    entityId, acsUrl, received, configure,
    get saml() {
      if (!saml) throw new Error('configure the SP first');
      return saml;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The form the SSO page posts: its action and hidden fields. */
export function postFormIn(page: PageResponse): { action: string; fields: Record<string, string> } {
  const form = /<form method="post" action="([^"]+)" id="saml-post">([\s\S]*?)<\/form>/.exec(page.html);
  if (!form) throw new Error(`No SAML POST form on the page (status ${page.status}): ${page.html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]] = decode(m[2]);
  return { action: decode(form[1]), fields };
}

function decode(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Posts the SSO page's form to the SP's ACS, as the browser does, and returns what the SP made of it. */
export async function postToAcs(page: PageResponse): Promise<AcsResult> {
  const { action, fields } = postFormIn(page);
  const res = await fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return (await res.json()) as AcsResult;
}

/** Signs the browser in through the hosted page, following `fromURI`, and returns the page it lands on. */
export async function signInAndFollow(browser: Browser, signInLocation: string, login: string, password = PASSWORD): Promise<PageResponse> {
  const url = new URL(signInLocation, browser.baseUrl);
  expect(url.pathname).toBe('/signin');
  const fromURI = url.searchParams.get('fromURI') ?? undefined;
  const signedIn = await browser.submit(url.pathname + url.search, '/signin', { username: login, password, fromURI });
  expect(signedIn.status, signedIn.html.slice(0, 300)).toBe(303);
  expect(signedIn.location).toBe(fromURI);
  return browser.get(signedIn.location!);
}

export async function createActiveUser(server: TestServer, login: string, profile: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await server.api('POST', '/api/v1/users?activate=true', {
    profile: { firstName: 'Ada', lastName: 'Lovelace', email: login, login, ...profile },
    credentials: { password: { value: PASSWORD } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** A SAML 2.0 app as an admin creates it through `/api/v1/apps`. */
export function samlAppBody(label: string, signOn: Record<string, unknown>): Record<string, unknown> {
  return { label, signOnMode: 'SAML_2_0', settings: { signOn } };
}

export async function logEvents(server: TestServer, eventType: string): Promise<any[]> {
  const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "${eventType}"`)}&limit=200`);
  expect(res.status).toBe(200);
  return res.body;
}

/** The IdP certificate of an app, from its public metadata, as a PEM (what an SP admin pastes in). */
export async function idpCertificateOf(server: TestServer, appId: string): Promise<{ pem: string; entityId: string; metadata: string }> {
  const res = await fetch(`${server.url}/app/${appId}/sso/saml/metadata`);
  expect(res.status).toBe(200);
  const metadata = await res.text();
  const cert = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(metadata)![1];
  const entityId = /entityID="([^"]+)"/.exec(metadata)![1];
  return { pem: `-----BEGIN CERTIFICATE-----\n${cert.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`, entityId: decode(entityId), metadata };
}
