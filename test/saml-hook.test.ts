/**
 * The SAML assertion inline hook (`com.okta.saml.tokens.transform`, reference §3.3) end to end: Tollgate
 * calls a real hook endpoint with the assertion as JSON, applies `com.okta.assertion.patch`, signs the
 * patched assertion, and a real SP (`@node-saml/node-saml`) validates it and reads the patched values.
 * Every failure rule falls back to the unpatched assertion (fails open).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ValidateInResponseTo } from '@node-saml/node-saml';
import { Browser } from './helpers/browser.js';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import {
  createActiveUser, idpCertificateOf, postFormIn, postToAcs, samlAppBody, signInAndFollow, startTestSp, type AcsResult, type TestSp,
} from './saml-sp.js';

const LOGIN = 'grace.hook@example.com';
const SECRET = 'saml-hook-secret';
const URI_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/foo';
const URI_CLAIM_POINTER = '/claims/http:~1~1schemas.xmlsoap.org~1ws~12005~105~1identity~1claims~1foo';
const PATCH = 'com.okta.assertion.patch';

function relativeOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

function claim(value: string, type = 'xs:string', nameFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic') {
  return { attributes: { NameFormat: nameFormat }, attributeValues: [{ attributes: { 'xsi:type': type }, value }] };
}

/** The reply of §3.3's example, plus JSON-Pointer escaping, subject and conditions changes, in two commands. */
const FULL_PATCH_REPLY = {
  commands: [
    { type: PATCH, value: [
      { op: 'replace', path: '/claims/array/attributeValues/1/value', value: 'replacementValue' },
      { op: 'replace', path: '/authentication/authnContext', value: { authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:X509' } },
      { op: 'add', path: '/claims/extPatientId', value: claim('4321', 'xs:integer') },
      { op: 'add', path: '/authentication/sessionLifetime', value: 300 },
    ] },
    { type: PATCH, value: [
      { op: 'add', path: URI_CLAIM_POINTER, value: claim('bar', 'xs:string', 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri') },
      { op: 'replace', path: `${URI_CLAIM_POINTER}/attributeValues/0/value`, value: 'baz' },
      { op: 'add', path: '/claims/tilde~0name', value: claim('tilde') },
      { op: 'replace', path: '/subject/nameId', value: 'patched.grace@example.com' },
      { op: 'add', path: '/conditions/audienceRestriction/-', value: 'urn:another:audience' },
      { op: 'add', path: '/claims/array/attributeValues/-', value: { attributes: { 'xsi:type': 'xs:string' }, value: 'third' } },
    ] },
  ],
  debugContext: { matchedRule: 'patient-portal' },
};

describe('SAML assertion inline hook', () => {
  let server: TestServer;
  let sp: TestSp;
  let hook: HookServer;
  let hookId: string;
  let app: any;
  let user: { id: string };
  let browser: Browser;

  /** One IdP-initiated SSO in the signed-in browser; returns what the SP made of it. */
  async function sso(): Promise<AcsResult> {
    const page = await browser.get(relativeOf(app._links.appLinks[0].href));
    expect(page.status, page.html.slice(0, 300)).toBe(200);
    const result = await postToAcs(page);
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    return result;
  }

  function expectUnpatched(result: AcsResult): void {
    expect(result.profile).toMatchObject({ nameID: LOGIN, email: LOGIN, array: ['first', 'second'] });
    expect(result.profile).not.toHaveProperty('extPatientId');
    expect(result.xml).not.toContain('SessionNotOnOrAfter');
    expect(result.xml).toContain('urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport');
  }

  async function lastHookCall(): Promise<any> {
    const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "inline_hook.executed"')}&sortOrder=DESCENDING&limit=1`);
    return res.body[0];
  }

  async function lastSso(): Promise<any> {
    const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "user.authentication.sso"')}&sortOrder=DESCENDING&limit=1`);
    return res.body[0];
  }

  beforeAll(async () => {
    server = await startTestServer();
    sp = await startTestSp();
    hook = await startHookServer();
    user = await createActiveUser(server, LOGIN, { firstName: 'Grace', lastName: 'Hopper' });
    const created = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'SAML hook', type: 'com.okta.saml.tokens.transform', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: hook.url + '/saml', method: 'POST', authScheme: { type: 'HEADER', key: 'Authorization', value: SECRET } } },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    hookId = created.body.id;
    const res = await server.api('POST', '/api/v1/apps', samlAppBody('Patient Portal', {
      ssoAcsUrl: sp.acsUrl,
      audience: sp.entityId,
      attributeStatements: [
        { type: 'EXPRESSION', name: 'email', namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: ['user.email'] },
        { type: 'EXPRESSION', name: 'array', namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', values: ['"first"', '"second"'] },
      ],
      inlineHooks: [{ id: hookId }],
    }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    app = res.body;
    expect(app.settings.signOn.inlineHooks[0].id).toBe(hookId);
    expect((await server.api('POST', `/api/v1/apps/${app.id}/users`, { id: user.id })).status).toBe(200);
    const idp = await idpCertificateOf(server, app.id);
    sp.configure({ idpSsoUrl: app._links.appLinks[0].href, idpIssuer: idp.entityId, idpCertPem: idp.pem, validateInResponseTo: ValidateInResponseTo.ifPresent });

    browser = new Browser(server.url);
    const first = await browser.get(relativeOf(app._links.appLinks[0].href));
    hook.handle((_req, res) => { res.writeHead(204).end(); });
    const page = await signInAndFollow(browser, first.location!, LOGIN);
    expect(postFormIn(page).action).toBe(sp.acsUrl);
  });
  afterAll(async () => {
    await hook?.close();
    await sp?.close();
    await server?.close();
  });
  beforeEach(() => { hook.requests.length = 0; });

  it('sends the assertion as §3.3 maps it, with the context the hook may read', async () => {
    hook.handle((_req, res) => { res.writeHead(204).end(); });
    expectUnpatched(await sso());
    expect(hook.requests).toHaveLength(1);
    const req = hook.requests[0];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/saml');
    expect(req.headers.authorization).toBe(SECRET);
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    const issuer = server.ctx.config.issuer;
    expect(req.body).toMatchObject({
      eventType: 'com.okta.saml.tokens.transform', eventTypeVersion: '1.0', cloudEventVersion: '0.1', contentType: 'application/json',
      source: `${issuer}/app/${app.name}/${app.id}/sso/saml`,
    });
    expect(req.body.eventId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(Date.parse(req.body.eventTime)).not.toBeNaN();
    const { context, assertion } = req.body.data;
    expect(context.protocol).toEqual({ type: 'SAML2.0', issuer: { id: app.id, name: 'Patient Portal', uri: `${issuer}/app/${app.id}/sso/saml/metadata` } });
    expect(context.request).toMatchObject({ method: 'GET', url: { value: `${issuer}/app/${app.name}/${app.id}/sso/saml` }, ipAddress: '127.0.0.1' });
    expect(context.request.id).toMatch(/^req/);
    expect(context.session).toMatchObject({ userId: user.id, login: LOGIN, status: 'ACTIVE', amr: ['PASSWORD'], idp: { type: 'OKTA' }, mfaActive: false });
    expect(context.session.id).toMatch(/^102/);
    expect(context.user).toMatchObject({
      id: user.id,
      profile: { login: LOGIN, firstName: 'Grace', lastName: 'Hopper', locale: null, timeZone: null },
      _links: { groups: { href: `${issuer}/api/v1/users/${user.id}/groups` }, factors: { href: `${issuer}/api/v1/users/${user.id}/factors` } },
    });
    expect(assertion).toEqual({
      subject: {
        nameId: LOGIN,
        nameFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
        confirmation: { method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer', data: { recipient: sp.acsUrl } },
      },
      authentication: {
        sessionIndex: expect.stringMatching(/^id\d+\.\d+$/),
        authnContext: { authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport' },
      },
      conditions: { audienceRestriction: [sp.entityId] },
      claims: {
        email: claim(LOGIN),
        array: { attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' }, attributeValues: [
          { attributes: { 'xsi:type': 'xs:string' }, value: 'first' }, { attributes: { 'xsi:type': 'xs:string' }, value: 'second' },
        ] },
      },
      lifetime: { expiration: 300 },
    });
    expect((await lastSso()).debugContext.debugData).toMatchObject({ inlineHookId: hookId, inlineHookStatus: 'UNCHANGED' });
  });

  it('applies add and replace on claims, subject, conditions, authentication and session lifetime; the SP validates the signed result', async () => {
    hook.handle((_req, res) => json(res, 200, FULL_PATCH_REPLY));
    const result = await sso();
    expect(hook.requests).toHaveLength(1);
    expect(result.profile).toMatchObject({
      nameID: 'patched.grace@example.com',
      email: LOGIN,
      array: ['first', 'replacementValue', 'third'],
      extPatientId: '4321',
      [URI_CLAIM]: 'baz',
      'tilde~name': 'tilde',
    });
    const xml = result.xml;
    expect(xml).toContain('<saml2:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:X509</saml2:AuthnContextClassRef>');
    expect(xml).toContain(`<saml2:Audience>${sp.entityId}</saml2:Audience><saml2:Audience>urn:another:audience</saml2:Audience>`);
    expect(xml).toContain(`<saml2:Attribute Name="${URI_CLAIM}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">`);
    expect(xml).toMatch(/<saml2:Attribute Name="extPatientId"[^>]*><saml2:AttributeValue [^>]*xsi:type="xs:integer">4321</);
    const issueInstant = Date.parse(/<saml2:Assertion [^>]*IssueInstant="([^"]+)"/.exec(xml)![1]);
    const sessionEnd = Date.parse(/SessionNotOnOrAfter="([^"]+)"/.exec(xml)![1]);
    expect(sessionEnd - issueInstant).toBe(300_000);
    // The sessionIndex is still the one the hook was sent.
    expect(xml).toContain(`SessionIndex="${hook.requests[0].body.data.assertion.authentication.sessionIndex}"`);

    const executed = await lastHookCall();
    expect(executed.outcome.result).toBe('SUCCESS');
    const processed = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "inline_hook.response.processed"')}&sortOrder=DESCENDING&limit=1`);
    expect(processed.body[0].debugContext.debugData.debugContext).toEqual({ matchedRule: 'patient-portal' });
    expect((await lastSso()).debugContext.debugData).toMatchObject({ inlineHookStatus: 'PATCHED', nameId: 'patched.grace@example.com' });
  });

  it('patches SP-initiated SSO too, keeping InResponseTo', async () => {
    hook.handle((_req, res) => json(res, 200, { commands: [{ type: PATCH, value: [{ op: 'add', path: '/claims/role', value: claim('admin') }] }] }));
    const authorizeUrl = await sp.saml.getAuthorizeUrlAsync('sp-init', undefined, {});
    const page = await browser.get(relativeOf(authorizeUrl));
    expect(page.status).toBe(200);
    const result = await postToAcs(page);
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ ok: true, relayState: 'sp-init', profile: { role: 'admin', nameID: LOGIN } });
    expect(result.xml).toMatch(/InResponseTo="_[0-9a-f]+"/);
  });

  const failures: Array<{ name: string; calls: number; reason: RegExp; handler: Parameters<HookServer['handle']>[0] }> = [
    { name: 'a timeout (retried once, as SAML hooks are)', calls: 2, reason: /did not answer within 3 seconds/, handler: (_req, res) => { setTimeout(() => json(res, 200, FULL_PATCH_REPLY), 3_500); } },
    { name: 'a 5xx (retried once)', calls: 2, reason: /HTTP 503/, handler: (_req, res) => json(res, 503, FULL_PATCH_REPLY) },
    { name: 'a 4xx (not retried)', calls: 1, reason: /HTTP 400/, handler: (_req, res) => json(res, 400, FULL_PATCH_REPLY) },
    { name: 'a redirect (not followed)', calls: 1, reason: /redirect/, handler: (_req, res) => { res.writeHead(302, { location: '/elsewhere' }).end(); } },
    { name: 'a malformed reply', calls: 1, reason: /not valid JSON/, handler: (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"commands": [ '); } },
    {
      name: 'an oversized reply (256 KB or more)', calls: 1, reason: /too large/,
      handler: (_req, res) => json(res, 200, { commands: [{ type: PATCH, value: [{ op: 'add', path: '/claims/big', value: claim('x'.repeat(300 * 1024)) }] }] }),
    },
    { name: 'a command of another hook type', calls: 1, reason: /not a command of com\.okta\.saml\.tokens\.transform/, handler: (_req, res) => json(res, 200, { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/x', value: 'y' }] }] }) },
    { name: 'a remove operation (not in §3.3)', calls: 1, reason: /commands\[0\]\.value is invalid/, handler: (_req, res) => json(res, 200, { commands: [{ type: PATCH, value: [{ op: 'remove', path: '/claims/email' }] }] }) },
    { name: 'a path outside subject/authentication/conditions/claims', calls: 1, reason: /commands\[0\]\.value is invalid/, handler: (_req, res) => json(res, 200, { commands: [{ type: PATCH, value: [{ op: 'replace', path: '/lifetime/expiration', value: 86_400 }] }] }) },
    { name: 'an error object', calls: 1, reason: /answered with an error: Patient not found/, handler: (_req, res) => json(res, 200, { error: { errorSummary: 'Patient not found' } }) },
    { name: 'an error object without a summary', calls: 1, reason: /The callback service returned an error/, handler: (_req, res) => json(res, 200, { error: {} }) },
    {
      name: 'replacing a claim that does not exist', calls: 1, reason: /cannot be applied: operation 0 \(replace\): \/claims\/missing.*does not exist/,
      handler: (_req, res) => json(res, 200, { commands: [{ type: PATCH, value: [{ op: 'replace', path: '/claims/missing/attributeValues/0/value', value: 'x' }] }] }),
    },
    {
      name: 'a value that makes the assertion invalid (all or nothing: the good operations before it are dropped too)', calls: 1, reason: /patched assertion is invalid at \/subject\/nameId/,
      handler: (_req, res) => json(res, 200, { commands: [{ type: PATCH, value: [
        { op: 'add', path: '/claims/extPatientId', value: claim('4321') },
        { op: 'replace', path: '/subject/nameId', value: { not: 'text' } },
      ] }] }),
    },
    {
      name: 'an index past the end of an array', calls: 1, reason: /there is no element 5/,
      handler: (_req, res) => json(res, 200, { commands: [{ type: PATCH, value: [{ op: 'replace', path: '/claims/array/attributeValues/5/value', value: 'x' }] }] }),
    },
  ];

  for (const failure of failures) {
    it(`fails open on ${failure.name}: the SP gets the original assertion`, async () => {
      hook.handle(failure.handler);
      const result = await sso();
      expectUnpatched(result);
      expect(hook.requests).toHaveLength(failure.calls);
      if (failure.calls === 2) expect(hook.requests[1].body.eventId).toBe(hook.requests[0].body.eventId);
      const executed = await lastHookCall();
      expect(executed.outcome.result).toBe('FAILURE');
      expect(executed.outcome.reason).toMatch(failure.reason);
      const ssoEvent = await lastSso();
      expect(ssoEvent.outcome.result).toBe('SUCCESS');
      expect(ssoEvent.debugContext.debugData).toMatchObject({ inlineHookStatus: 'FAILED_OPEN', inlineHookId: hookId });
    });
  }

  it('treats 204 as "no change" (a successful call)', async () => {
    hook.handle((_req, res) => { res.writeHead(204).end(); });
    expectUnpatched(await sso());
    expect((await lastHookCall()).outcome.result).toBe('SUCCESS');
    expect((await lastSso()).debugContext.debugData).toMatchObject({ inlineHookStatus: 'UNCHANGED' });
  });

  it('treats a reply with no commands as "no change"', async () => {
    hook.handle((_req, res) => json(res, 200, { debugContext: { note: 'nothing to do' } }));
    expectUnpatched(await sso());
    expect((await lastHookCall()).outcome.result).toBe('SUCCESS');
  });

  it('does not call an inactive hook', async () => {
    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/deactivate`)).status).toBe(200);
    try {
      hook.handle((_req, res) => json(res, 200, FULL_PATCH_REPLY));
      expectUnpatched(await sso());
      expect(hook.requests).toHaveLength(0);
      expect((await lastSso()).debugContext.debugData).toMatchObject({ inlineHookStatus: 'SKIPPED' });
    } finally {
      await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/activate`);
    }
  });
});
