/**
 * SAML 2.0 SSO over real HTTP: a real SP (`@node-saml/node-saml` behind its own ACS endpoint) sends
 * AuthnRequests to Tollgate, the browser signs in on the hosted page, and the SP validates the signed
 * Response (signature, issuer, audience, InResponseTo, timestamps) and reads the attributes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidateInResponseTo } from '@node-saml/node-saml';
import { Browser } from './helpers/browser.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import {
  createActiveUser, idpCertificateOf, logEvents, postFormIn, postToAcs, samlAppBody, signInAndFollow, startTestSp, type TestSp,
} from './saml-sp.js';

const LOGIN = 'ada.sso@example.com';

function relativeOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

describe('SAML 2.0 SSO with a real service provider', () => {
  let server: TestServer;
  let sp: TestSp;
  let user: { id: string };
  let app: any;

  beforeAll(async () => {
    server = await startTestServer();
    sp = await startTestSp();
    user = await createActiveUser(server, LOGIN, { department: 'Engines', nickName: 'Countess' });
    const created = await server.api('POST', '/api/v1/apps', samlAppBody('Analytical Engine', {
      ssoAcsUrl: sp.acsUrl,
      audience: sp.entityId,
      subjectNameIdTemplate: '${user.userName}',
      subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      attributeStatements: [
        { type: 'EXPRESSION', name: 'email', namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: ['user.email'] },
        { type: 'EXPRESSION', name: 'displayName', namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified', values: ['user.firstName + " " + user.lastName'] },
        { type: 'EXPRESSION', name: 'department', values: ['user.department'] },
        { type: 'EXPRESSION', name: 'plan', values: ['"gold"'] },
        { type: 'GROUP', name: 'groups', filterType: 'STARTS_WITH', filterValue: 'eng-' },
      ],
    }));
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    app = created.body;
    for (const name of ['eng-builders', 'eng-mathematicians', 'sales']) {
      const group = await server.api('POST', '/api/v1/groups', { profile: { name } });
      expect(group.status).toBe(200);
      expect((await server.api('PUT', `/api/v1/groups/${group.body.id}/users/${user.id}`)).status).toBe(204);
    }
    expect((await server.api('POST', `/api/v1/apps/${app.id}/users`, { id: user.id })).status).toBe(200);
    const idp = await idpCertificateOf(server, app.id);
    sp.configure({ idpSsoUrl: app._links.appLinks[0].href, idpIssuer: idp.entityId, idpCertPem: idp.pem, validateInResponseTo: ValidateInResponseTo.ifPresent });
  });
  afterAll(async () => {
    await sp?.close();
    await server?.close();
  });

  it('SP-initiated with HTTP-Redirect: sign-in on the hosted page, then a signed Response the SP accepts', async () => {
    const authorizeUrl = await sp.saml.getAuthorizeUrlAsync('relay-redirect', undefined, {});
    expect(relativeOf(authorizeUrl)).toMatch(new RegExp(`^/app/${app.name}/${app.id}/sso/saml\\?SAMLRequest=`));
    const browser = new Browser(server.url);
    const first = await browser.get(relativeOf(authorizeUrl));
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/^\/signin\?fromURI=/);

    const page = await signInAndFollow(browser, first.location!, LOGIN);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<button type="submit">Continue</button>');
    const { action, fields } = postFormIn(page);
    expect(action).toBe(sp.acsUrl);
    expect(fields.RelayState).toBe('relay-redirect');
    expect(page.headers.get('content-security-policy')).toContain(`form-action ${new URL(sp.acsUrl).origin}`);
    expect(page.headers.get('cache-control')).toBe('no-store');

    const result = await postToAcs(page);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.relayState).toBe('relay-redirect');
    expect(result.profile).toMatchObject({
      issuer: `${server.ctx.config.issuer}/app/${app.id}/sso/saml/metadata`,
      nameID: LOGIN,
      nameIDFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      email: LOGIN,
      displayName: 'Ada Lovelace',
      department: 'Engines',
      plan: 'gold',
      groups: ['eng-builders', 'eng-mathematicians'],
    });
    // What node-saml does not check itself: the Response is addressed to this ACS and the subject confirmed for it.
    expect(result.xml).toContain(`Destination="${sp.acsUrl}"`);
    expect(result.xml).toContain(`Recipient="${sp.acsUrl}"`);
    expect(result.xml).toMatch(/<saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2\.0:ac:classes:PasswordProtectedTransport</);
    expect(result.xml).not.toContain('SessionNotOnOrAfter');

    const sso = (await logEvents(server, 'user.authentication.sso')).find((e) => e.debugContext.debugData.authnRequestId);
    expect(sso).toMatchObject({ outcome: { result: 'SUCCESS' }, actor: { id: user.id, alternateId: LOGIN } });
    expect(sso.debugContext.debugData).toMatchObject({ initiationType: 'SP_INITIATED', audience: sp.entityId, acsUrl: sp.acsUrl, spIssuer: sp.entityId });
    expect(sso.target.map((t: any) => t.type)).toEqual(['AppInstance', 'AppUser']);
  });

  it('SP-initiated with HTTP-POST: the AuthnRequest is carried through sign-in, and answered at once with a session', async () => {
    const form = await sp.saml.getAuthorizeFormAsync('relay-post', undefined);
    const samlRequest = /name="SAMLRequest" value="([^"]+)"/.exec(form)![1];
    const ssoPath = relativeOf(app._links.appLinks[0].href);

    const browser = new Browser(server.url);
    const first = await browser.request('POST', ssoPath, { SAMLRequest: samlRequest, RelayState: 'relay-post' });
    expect(first.status).toBe(303);
    const page = await signInAndFollow(browser, first.location!, LOGIN);
    const result = await postToAcs(page);
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ ok: true, relayState: 'relay-post', profile: { nameID: LOGIN } });

    // Signed in already: a second AuthnRequest is answered directly, with a fresh Response for that request.
    const second = await sp.saml.getAuthorizeFormAsync('again', undefined);
    const direct = await browser.request('POST', ssoPath, { SAMLRequest: /name="SAMLRequest" value="([^"]+)"/.exec(second)![1], RelayState: 'again' });
    expect(direct.status).toBe(200);
    const again = await postToAcs(direct);
    expect(again).toMatchObject({ ok: true, relayState: 'again' });
  });

  it('IdP-initiated: a signed-in user opens the app link; the Response has no InResponseTo and the SP accepts it', async () => {
    const browser = new Browser(server.url);
    const first = await browser.get(`${relativeOf(app._links.appLinks[0].href)}?RelayState=%2Fdashboard`);
    expect(first.status).toBe(302);
    const page = await signInAndFollow(browser, first.location!, LOGIN);
    const { action, fields } = postFormIn(page);
    expect(action).toBe(sp.acsUrl);
    expect(fields.RelayState).toBe('/dashboard');
    const result = await postToAcs(page);
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ ok: true, relayState: '/dashboard', profile: { nameID: LOGIN, email: LOGIN } });
    expect(result.xml).not.toContain('InResponseTo');
    expect(result.xml).toContain(`Destination="${sp.acsUrl}"`);
    const sso = (await logEvents(server, 'user.authentication.sso')).filter((e) => e.debugContext.debugData.initiationType === 'IDP_INITIATED');
    expect(sso[0]).toMatchObject({ outcome: { result: 'SUCCESS' }, actor: { id: user.id } });
    expect(sso[0].debugContext.debugData.authnRequestId).toBeUndefined();
  });

  it('IdP-initiated without RelayState uses the app\'s defaultRelayState', async () => {
    const updated = await server.api('PUT', `/api/v1/apps/${app.id}`, { ...app, settings: { ...app.settings, signOn: { ...app.settings.signOn, defaultRelayState: '/home' } } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    try {
      const browser = new Browser(server.url);
      const first = await browser.get(relativeOf(app._links.appLinks[0].href));
      const page = await signInAndFollow(browser, first.location!, LOGIN);
      expect(postFormIn(page).fields.RelayState).toBe('/home');
      expect(await postToAcs(page)).toMatchObject({ ok: true, relayState: '/home' });
    } finally {
      await server.api('PUT', `/api/v1/apps/${app.id}`, app);
    }
  });

  it('refuses a user who is not assigned to the app, with a page and System Log events, and sends nothing to the SP', async () => {
    await createActiveUser(server, 'not.assigned@example.com');
    const browser = new Browser(server.url);
    const first = await browser.get(relativeOf(await sp.saml.getAuthorizeUrlAsync('x', undefined, {})));
    const page = await signInAndFollow(browser, first.location!, 'not.assigned@example.com');
    expect(page.status).toBe(403);
    expect(page.html).toContain('<h1>No access to this app</h1>');
    expect(page.html).not.toContain('SAMLResponse');
    const attempts = await logEvents(server, 'app.generic.unauth_app_access_attempt');
    expect(attempts[0]).toMatchObject({ outcome: { result: 'FAILURE' }, actor: { alternateId: 'not.assigned@example.com' } });
    const failed = (await logEvents(server, 'user.authentication.sso')).filter((e) => e.outcome.result === 'FAILURE');
    expect(failed[0].target[0].id).toBe(app.id);
  });

  it('answers IsPassive without a session with a signed NoPassive Response, not a sign-in page', async () => {
    const idp = await idpCertificateOf(server, app.id);
    const passive = { idpSsoUrl: app._links.appLinks[0].href, idpIssuer: idp.entityId, idpCertPem: idp.pem, validateInResponseTo: ValidateInResponseTo.ifPresent };
    sp.configure({ ...passive, passive: true });
    try {
      const page = await new Browser(server.url).get(relativeOf(await sp.saml.getAuthorizeUrlAsync('p', undefined, {})));
      expect(page.status).toBe(200);
      const xml = Buffer.from(postFormIn(page).fields.SAMLResponse, 'base64').toString('utf8');
      expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:NoPassive');
      expect(xml).not.toContain('<saml2:Assertion');
      // node-saml accepts a validly signed NoPassive as "nobody signed in" (profile null); a bad signature would throw.
      const result = await postToAcs(page);
      expect(result.error).toBeUndefined();
      expect(result).toMatchObject({ ok: true, profile: null, relayState: 'p' });
    } finally {
      sp.configure(passive);
    }
  });

  it('refuses bad requests with a readable page: malformed, unknown ACS URL, forged or expired continuation, unknown or inactive app', async () => {
    const ssoPath = relativeOf(app._links.appLinks[0].href);
    const browser = new Browser(server.url);
    const garbage = await browser.get(`${ssoPath}?SAMLRequest=${encodeURIComponent(Buffer.from('<not-saml/>').toString('base64'))}`);
    expect(garbage.status).toBe(400);
    expect(garbage.html).toContain('<h1>Invalid SAML request</h1>');

    const otherAcs = await startTestSp(sp.entityId);
    try {
      otherAcs.configure({ idpSsoUrl: app._links.appLinks[0].href, idpIssuer: 'x', idpCertPem: 'x' });
      const wrongAcs = await browser.get(relativeOf(await otherAcs.saml.getAuthorizeUrlAsync('x', undefined, {})));
      expect(wrongAcs.status).toBe(400);
      expect(wrongAcs.html).toContain('Assertion Consumer Service URL that this app does not have');
    } finally {
      await otherAcs.close();
    }

    const forged = await browser.get(`${ssoPath}?continue=v1.AAAA.BBBB.CCCC`);
    expect(forged.status).toBe(400);
    expect(forged.html).toContain('<h1>Sign-in link expired</h1>');

    expect((await browser.get(`/app/x/0oaDoesNotExist12345/sso/saml`)).status).toBe(404);
    const inactive = await server.api('POST', '/api/v1/apps?activate=false', samlAppBody('Dormant', { ssoAcsUrl: sp.acsUrl, audience: 'urn:dormant' }));
    const dormant = await browser.get(relativeOf(inactive.body._links.appLinks[0].href));
    expect(dormant.status).toBe(403);
    expect(dormant.html).toContain('is not active');
  });
});

describe('SAML signing options', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await createActiveUser(server, LOGIN);
  });
  afterAll(async () => { await server?.close(); });

  it('puts the app\'s samlAssertionLifetimeSeconds in SessionNotOnOrAfter, its AuthnContext and a NameID from its template', async () => {
    const sp = await startTestSp();
    try {
      const created = await server.api('POST', '/api/v1/apps', samlAppBody('Lifetime', {
        ssoAcsUrl: sp.acsUrl, audience: sp.entityId, samlAssertionLifetimeSeconds: 3600,
        authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password', subjectNameIdTemplate: 'user-${user.firstName}',
      }));
      expect(created.status).toBe(200);
      const users = await server.api('GET', `/api/v1/users/${encodeURIComponent(LOGIN)}`);
      await server.api('POST', `/api/v1/apps/${created.body.id}/users`, { id: users.body.id });
      const idp = await idpCertificateOf(server, created.body.id);
      sp.configure({ idpSsoUrl: created.body._links.appLinks[0].href, idpIssuer: idp.entityId, idpCertPem: idp.pem });
      const browser = new Browser(server.url);
      const first = await browser.get(relativeOf(created.body._links.appLinks[0].href));
      const result = await postToAcs(await signInAndFollow(browser, first.location!, LOGIN));
      expect(result.error).toBeUndefined();
      expect(result.profile).toMatchObject({ nameID: 'user-Ada' });
      const issued = Date.parse(/<saml2:AuthnStatement AuthnInstant="([^"]+)"/.exec(result.xml)![1]);
      expect(Date.parse(/SessionNotOnOrAfter="([^"]+)"/.exec(result.xml)![1]) - issued).toBe(3_600_000);
      expect(result.xml).toContain('<saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml2:AuthnContextClassRef>');
    } finally {
      await sp.close();
    }
  });

  const variants = [
    { responseSigned: true, assertionSigned: false, signatureAlgorithm: 'RSA_SHA256', digestAlgorithm: 'SHA256' },
    { responseSigned: false, assertionSigned: true, signatureAlgorithm: 'RSA_SHA256', digestAlgorithm: 'SHA256' },
    { responseSigned: true, assertionSigned: true, signatureAlgorithm: 'RSA_SHA1', digestAlgorithm: 'SHA1' },
    { responseSigned: true, assertionSigned: true, signatureAlgorithm: 'RSA_SHA256', digestAlgorithm: 'SHA1' },
  ] as const;

  for (const variant of variants) {
    it(`signs as configured: ${JSON.stringify(variant)}`, async () => {
      const sp = await startTestSp();
      try {
        const created = await server.api('POST', '/api/v1/apps', samlAppBody('Signed', { ssoAcsUrl: sp.acsUrl, audience: sp.entityId, ...variant }));
        expect(created.status).toBe(200);
        const users = await server.api('GET', `/api/v1/users/${encodeURIComponent(LOGIN)}`);
        await server.api('POST', `/api/v1/apps/${created.body.id}/users`, { id: users.body.id });
        const idp = await idpCertificateOf(server, created.body.id);
        sp.configure({
          idpSsoUrl: created.body._links.appLinks[0].href, idpIssuer: idp.entityId, idpCertPem: idp.pem,
          wantAssertionsSigned: variant.assertionSigned, wantAuthnResponseSigned: variant.responseSigned,
        });
        const browser = new Browser(server.url);
        const first = await browser.get(relativeOf(await sp.saml.getAuthorizeUrlAsync('', undefined, {})));
        const page = await signInAndFollow(browser, first.location!, LOGIN);
        const result = await postToAcs(page);
        expect(result.error).toBeUndefined();
        expect(result.ok).toBe(true);
        const signatures = result.xml.match(/<ds:Signature /g) ?? [];
        expect(signatures.length).toBe(Number(variant.responseSigned) + Number(variant.assertionSigned));
        const alg = variant.signatureAlgorithm === 'RSA_SHA1' ? 'xmldsig#rsa-sha1' : 'xmldsig-more#rsa-sha256';
        expect(result.xml).toContain(alg);
        expect(result.xml).toContain(variant.digestAlgorithm === 'SHA1' ? 'xmldsig#sha1' : 'xmlenc#sha256');
        // An SP that insists on what the app does not sign refuses the Response.
        if (!variant.assertionSigned) {
          sp.configure({ idpSsoUrl: created.body._links.appLinks[0].href, idpIssuer: idp.entityId, idpCertPem: idp.pem, wantAssertionsSigned: true });
          const strict = await sp.saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(result.xml).toString('base64') }).catch((e: Error) => e);
          expect(strict).toBeInstanceOf(Error);
        }
      } finally {
        await sp.close();
      }
    });
  }
});
