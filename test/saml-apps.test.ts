/**
 * Custom SAML 2.0 apps through Okta's Applications API (`signOnMode: SAML_2_0`): Okta's shape and defaults,
 * validation, the per-app signing key, replace, and the IdP metadata (public and management paths).
 */
import { createHash, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import samlify from 'samlify';
import { sdkClient } from './helpers/okta-sdk.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { idpCertificateOf, samlAppBody } from './saml-sp.js';

const ACS = 'https://sp.example.com/saml/acs';

/** Okta's `Saml2.0Ex` request example, with assertion encryption off (Tollgate does not encrypt assertions). */
const OKTA_EXAMPLE = {
  label: 'Example Custom SAML 2.0 App',
  visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false } },
  signOnMode: 'SAML_2_0',
  settings: {
    signOn: {
      defaultRelayState: '',
      ssoAcsUrl: 'http://testorgone.okta',
      idpIssuer: 'http://www.okta.com/${org.externalKey}',
      audience: 'asdqwe123',
      recipient: 'http://testorgone.okta',
      destination: 'http://testorgone.okta',
      subjectNameIdTemplate: '${user.userName}',
      subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      responseSigned: true,
      assertionSigned: true,
      signatureAlgorithm: 'RSA_SHA256',
      digestAlgorithm: 'SHA256',
      honorForceAuthn: true,
      authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
      samlAssertionLifetimeSeconds: 3600,
      slo: { enabled: true, issuer: 'https://testorgone.okta.com', logoutUrl: 'https://testorgone.okta.com/logout' },
      assertionEncryption: { enabled: false },
      requestCompressed: false,
      allowMultipleAcsEndpoints: true,
      acsEndpoints: [{ url: 'http://testorgone.okta', index: 0 }, { url: 'http://testorgone.okta/1', index: 1 }],
      attributeStatements: [{ type: 'EXPRESSION', name: 'Attribute', namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified', values: ['Value'] }],
    },
  },
};

describe('SAML 2.0 apps in the Applications API', () => {
  let server: TestServer;
  let issuer: string;
  let samlHookId: string;
  let registrationHookId: string;

  beforeAll(async () => {
    server = await startTestServer();
    issuer = server.ctx.config.issuer;
    const hook = (type: string) => server.api('POST', '/api/v1/inlineHooks', {
      name: type, type, version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/x', method: 'POST' } },
    });
    samlHookId = (await hook('com.okta.saml.tokens.transform')).body.id;
    registrationHookId = (await hook('com.okta.user.pre-registration')).body.id;
    expect(samlHookId).toMatch(/^cal/);
  });
  afterAll(async () => { await server?.close(); });

  it("creates an app from Okta's own example, in Okta's shape, with a signing key whose private half never shows", async () => {
    const res = await server.api('POST', '/api/v1/apps', OKTA_EXAMPLE);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const app = res.body;
    expect(app).toMatchObject({
      label: 'Example Custom SAML 2.0 App', status: 'ACTIVE', signOnMode: 'SAML_2_0',
      name: 'tollgate_examplecustomsaml20app_1',
      credentials: { userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' } },
      settings: { app: {}, signOn: { ...OKTA_EXAMPLE.settings.signOn, defaultRelayState: null, inlineHooks: [] } },
      _links: {
        metadata: { href: `${issuer}/api/v1/apps/${app.id}/sso/saml/metadata`, type: 'application/xml' },
        appLinks: [{ name: 'tollgate_examplecustomsaml20app_1_link', href: `${issuer}/app/tollgate_examplecustomsaml20app_1/${app.id}/sso/saml`, type: 'text/html' }],
      },
    });
    expect(app.credentials.signing.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(app)).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);

    const { pem } = await idpCertificateOf(server, app.id);
    const cert = new X509Certificate(pem);
    expect(cert.subject).toBe('CN=tollgate_examplecustomsaml20app_1');
    expect(createHash('sha256').update(cert.raw).digest('base64url')).toBe(app.credentials.signing.kid);
    expect(Date.parse(cert.validTo) - Date.now()).toBeGreaterThan(9 * 365 * 24 * 3600 * 1000);
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');

    const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`target.id eq "${app.id}"`)}`);
    expect(logs.body.map((e: any) => e.eventType)).toEqual(['application.lifecycle.create', 'application.lifecycle.activate']);
  });

  it("fills in Okta's defaults and numbers names per label", async () => {
    const a = await server.api('POST', '/api/v1/apps', samlAppBody('Wiki', { ssoAcsUrl: ACS, audience: 'urn:wiki' }));
    const b = await server.api('POST', '/api/v1/apps', samlAppBody('Wiki', { ssoAcsUrl: ACS, audience: 'urn:wiki:2' }));
    expect(a.status).toBe(200);
    expect(a.body.name).toBe('tollgate_wiki_1');
    expect(b.body.name).toBe('tollgate_wiki_2');
    expect(a.body.settings.signOn).toEqual({
      ssoAcsUrl: ACS, audience: 'urn:wiki', recipient: ACS, destination: ACS, idpIssuer: 'http://www.okta.com/${org.externalKey}',
      subjectNameIdTemplate: '${user.userName}', subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
      responseSigned: true, assertionSigned: true, signatureAlgorithm: 'RSA_SHA256', digestAlgorithm: 'SHA256',
      honorForceAuthn: true, authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
      defaultRelayState: null, requestCompressed: false, allowMultipleAcsEndpoints: false, acsEndpoints: [], attributeStatements: [], inlineHooks: [],
    });
    expect(a.body.credentials.signing.kid).not.toBe(b.body.credentials.signing.kid);
    const listed = await server.api('GET', `/api/v1/apps?filter=${encodeURIComponent('signOnMode eq "SAML_2_0"')}&limit=200`);
    expect(listed.body.map((x: any) => x.id)).toEqual(expect.arrayContaining([a.body.id, b.body.id]));
    expect(listed.body.every((x: any) => x._links.metadata)).toBe(true);
  });

  it('refuses bad settings with E0000001 and the field, and creates nothing', async () => {
    const before = (await server.api('GET', '/api/v1/apps?limit=200')).body.length;
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ audience: 'urn:x' }, 'settings.signOn.ssoAcsUrl'],
      [{ ssoAcsUrl: 'ftp://sp.example.com/acs', audience: 'urn:x' }, 'settings.signOn.ssoAcsUrl'],
      [{ ssoAcsUrl: ACS, audience: '' }, 'settings.signOn.audience'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', recipient: 'not a url' }, 'settings.signOn.recipient'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', subjectNameIdFormat: 'urn:nope' }, 'settings.signOn.subjectNameIdFormat'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', responseSigned: false, assertionSigned: false }, 'settings.signOn.responseSigned'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', signatureAlgorithm: 'RSA_SHA512' }, 'settings.signOn.signatureAlgorithm'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', digestAlgorithm: 'MD5' }, 'settings.signOn.digestAlgorithm'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', assertionSigned: 'yes' }, 'settings.signOn.assertionSigned'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', inlineHooks: [{ id: 'calDoesNotExist123456' }] }, 'settings.signOn.inlineHooks[0].id'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', inlineHooks: [{ id: 'placeholder-registration' }] }, 'settings.signOn.inlineHooks[0].id'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', inlineHooks: [{ id: 'placeholder-saml' }, { id: 'placeholder-saml' }] }, 'settings.signOn.inlineHooks'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', attributeStatements: [{ type: 'EXPRESSION', name: 'a', values: ['x'] }, { type: 'EXPRESSION', name: 'a', values: ['y'] }] }, 'settings.signOn.attributeStatements[1].name'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', attributeStatements: [{ type: 'GROUP', name: 'g', filterType: 'LIKE', filterValue: 'x' }] }, 'settings.signOn.attributeStatements[0].filterType'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', attributeStatements: [{ type: 'GROUP', name: 'g', filterType: 'REGEX', filterValue: '(' }] }, 'settings.signOn.attributeStatements[0].filterValue'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', acsEndpoints: [{ url: 'nope', index: 0 }] }, 'settings.signOn.acsEndpoints[0].url'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', assertionEncryption: { enabled: true } }, 'settings.signOn.assertionEncryption'],
      [{ ssoAcsUrl: ACS, audience: 'urn:x', samlAssertionLifetimeSeconds: 0 }, 'settings.signOn.samlAssertionLifetimeSeconds'],
    ];
    for (const [signOn, field] of bad) {
      const body = JSON.parse(JSON.stringify(signOn).replace('placeholder-registration', registrationHookId).replace(/placeholder-saml/g, samlHookId));
      const res = await server.api('POST', '/api/v1/apps', samlAppBody('Bad', body));
      expect(res.status, JSON.stringify(signOn)).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses.map((c: any) => c.errorSummary).join('\n'), JSON.stringify(signOn)).toContain(`${field}:`);
    }
    expect((await server.api('GET', '/api/v1/apps?limit=200')).body.length).toBe(before);
  });

  it('replaces settings and keeps the name and signing key; a bad replace changes nothing', async () => {
    const created = (await server.api('POST', '/api/v1/apps', samlAppBody('Ledger', { ssoAcsUrl: ACS, audience: 'urn:ledger' }))).body;
    const metadataBefore = await idpCertificateOf(server, created.id);
    const replaced = await server.api('PUT', `/api/v1/apps/${created.id}`, {
      ...created,
      label: 'Ledger 2',
      settings: { ...created.settings, signOn: { ...created.settings.signOn, audience: 'urn:ledger:v2', inlineHooks: [{ id: samlHookId }], idpIssuer: 'urn:tollgate:ledger' } },
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ name: created.name, label: 'Ledger 2', credentials: { signing: { kid: created.credentials.signing.kid } } });
    expect(replaced.body.settings.signOn).toMatchObject({ audience: 'urn:ledger:v2', idpIssuer: 'urn:tollgate:ledger' });
    expect(replaced.body.settings.signOn.inlineHooks).toEqual([{
      id: samlHookId, _links: { self: { href: `${issuer}/api/v1/inlineHooks/${samlHookId}`, hints: { allow: ['GET', 'PUT', 'DELETE'] } } },
    }]);
    const metadataAfter = await idpCertificateOf(server, created.id);
    expect(metadataAfter.pem).toBe(metadataBefore.pem);
    expect(metadataBefore.entityId).toBe(`${issuer}/app/${created.id}/sso/saml/metadata`);
    expect(metadataAfter.entityId).toBe('urn:tollgate:ledger');

    const bad = await server.api('PUT', `/api/v1/apps/${created.id}`, { ...replaced.body, settings: { signOn: { audience: 'urn:ledger:v3' } } });
    expect(bad.status).toBe(400);
    const again = await server.api('GET', `/api/v1/apps/${created.id}`);
    expect(again.body.settings.signOn.audience).toBe('urn:ledger:v2');
    expect(again.body.lastUpdated).toBe(replaced.body.lastUpdated);
  });

  it('serves IdP metadata that a SAML library reads: entity ID, certificate and both SSO bindings', async () => {
    const app = (await server.api('POST', '/api/v1/apps', samlAppBody('Metadata', {
      ssoAcsUrl: ACS, audience: 'urn:metadata', subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    }))).body;
    const api = await fetch(`${server.url}/api/v1/apps/${app.id}/sso/saml/metadata`, { headers: { authorization: `SSWS ${server.token}` } });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-type')).toMatch(/^text\/xml/);
    const xml = await api.text();
    const pub = await fetch(`${server.url}/app/${app.id}/sso/saml/metadata`);
    expect(pub.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(await pub.text()).toBe(xml);

    const idp = samlify.IdentityProvider({ metadata: xml });
    expect(idp.entityMeta.getEntityID()).toBe(`${issuer}/app/${app.id}/sso/saml/metadata`);
    const ssoUrl = `${issuer}/app/${app.name}/${app.id}/sso/saml`;
    expect(idp.entityMeta.getSingleSignOnService('post')).toBe(ssoUrl);
    expect(idp.entityMeta.getSingleSignOnService('redirect')).toBe(ssoUrl);
    expect(idp.entityMeta.isWantAuthnRequestsSigned()).toBe(false);
    const cert = String(idp.entityMeta.getX509Certificate('signing'));
    expect(createHash('sha256').update(Buffer.from(cert, 'base64')).digest('base64url')).toBe(app.credentials.signing.kid);
    expect(xml).toContain('<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>');

    const withKid = await server.api('GET', `/api/v1/apps/${app.id}/sso/saml/metadata?kid=${app.credentials.signing.kid}`);
    expect(withKid.status).toBe(200);
    const wrongKid = await server.api('GET', `/api/v1/apps/${app.id}/sso/saml/metadata?kid=nope`);
    expect(wrongKid.status).toBe(404);
    expect(wrongKid.body.errorCode).toBe('E0000007');
  });

  it('guards and scopes the metadata endpoints: API token required, 404 for unknown and non-SAML apps', async () => {
    const app = (await server.api('POST', '/api/v1/apps', samlAppBody('Guarded', { ssoAcsUrl: ACS, audience: 'urn:guarded' }))).body;
    const anonymous = await fetch(`${server.url}/api/v1/apps/${app.id}/sso/saml/metadata`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errorCode).toBe('E0000011');
    const bookmark = await server.api('POST', '/api/v1/apps', { label: 'Link', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com/' } } });
    for (const id of [bookmark.body.id, '0oaDoesNotExist123456']) {
      expect((await server.api('GET', `/api/v1/apps/${id}/sso/saml/metadata`)).status).toBe(404);
      expect((await fetch(`${server.url}/app/${id}/sso/saml/metadata`)).status).toBe(404);
    }
    await server.api('POST', `/api/v1/apps/${app.id}/lifecycle/deactivate`);
    expect((await server.api('DELETE', `/api/v1/apps/${app.id}`)).status).toBe(204);
    expect((await fetch(`${server.url}/app/${app.id}/sso/saml/metadata`)).status).toBe(404);
  });

  it('works through the official Okta Node SDK', async () => {
    const client = sdkClient(server);
    const created = await client.applicationApi.createApplication({
      application: { label: 'SDK SAML', signOnMode: 'SAML_2_0', settings: { signOn: { ssoAcsUrl: ACS, audience: 'urn:sdk', inlineHooks: [{ id: samlHookId }] } } } as any,
    });
    expect(created.id).toMatch(/^0oa/);
    const fetched = await client.applicationApi.getApplication({ appId: created.id! }) as any;
    expect(fetched.signOnMode).toBe('SAML_2_0');
    expect(fetched.settings.signOn.audience).toBe('urn:sdk');
    expect(fetched.settings.signOn.inlineHooks[0].id).toBe(samlHookId);
    expect(fetched.credentials.signing.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
