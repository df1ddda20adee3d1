/**
 * Preview and execute for each of the six inline hook types, over real HTTP against a hook endpoint the test
 * controls: the sample request, a custom request, Tollgate's decision for allow / deny / patch / error /
 * timeout, the call recorded, and nothing in the org changed.
 */
import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookServer, type RecordedRequest } from '../../../test/helpers/hook-server.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

type Handler = (req: RecordedRequest, res: http.ServerResponse) => void;

const TYPES = {
  registration: 'com.okta.user.pre-registration',
  token: 'com.okta.oauth2.tokens.transform',
  saml: 'com.okta.saml.tokens.transform',
  passwordImport: 'com.okta.user.credential.password.import',
  userImport: 'com.okta.import.transform',
  telephony: 'com.okta.telephony.provider',
} as const;
type Kind = keyof typeof TYPES;

/** Tables a preview must leave alone (the call record and the System Log are expected to grow). */
const ORG_TABLES = [
  'users', 'groups', 'group_members', 'sessions', 'apps', 'app_users', 'user_factors', 'factor_challenges', 'import_jobs',
  'import_job_users', 'authn_session_tokens', 'oauth_store', 'oauth_revoked_tokens', 'inline_hooks', 'policies', 'policy_rules',
] as const;

const noAnswer: Handler = () => { /* never answers: the runner times out */ };

describe('inline hook preview and execute (real HTTP)', () => {
  let server: TestServer;
  let endpoint: HookServer;
  const hooks = {} as Record<Kind, string>;
  const handlers = new Map<string, Handler>();
  let orgBefore: string;

  async function orgSnapshot(): Promise<string> {
    const out: Record<string, unknown> = {};
    for (const table of ORG_TABLES) out[table] = await server.ctx.db.selectFrom(table).selectAll().execute();
    return JSON.stringify(out);
  }

  /** What the endpoint of `kind` answers. */
  function answer(kind: Kind, handler: Handler): void {
    handlers.set(`/${kind}`, handler);
  }

  const requestsTo = (kind: Kind) => endpoint.requests.filter((r) => r.url === `/${kind}`);

  function preview(kind: Kind, body?: unknown, query = '') {
    return server.api('POST', `/api/v1/inlineHooks/${hooks[kind]}/preview${query}`, body);
  }

  beforeAll(async () => {
    server = await startTestServer();
    endpoint = await startHookServer((req, res) => (handlers.get(req.url) ?? ((_q, r) => { r.writeHead(404).end(); }))(req, res));
    for (const [kind, type] of Object.entries(TYPES) as Array<[Kind, string]>) {
      const res = await server.api('POST', '/api/v1/inlineHooks', {
        name: `Preview ${kind}`, type, version: '1.0.0',
        channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${endpoint.url}/${kind}`, authScheme: { type: 'HEADER', key: 'Authorization', value: `secret-${kind}` } } },
      });
      expect(res.status).toBe(200);
      hooks[kind] = res.body.id;
    }
    orgBefore = await orgSnapshot();
  });
  afterAll(async () => {
    await endpoint?.close();
    await server?.close();
  });
  beforeEach(() => {
    endpoint.requests.length = 0;
    handlers.clear();
  });

  describe('GET …/preview/sample', () => {
    it('builds a request of the hook\'s type with the real builders, for each type', async () => {
      for (const [kind, type] of Object.entries(TYPES) as Array<[Kind, string]>) {
        const res = await server.api('GET', `/api/v1/inlineHooks/${hooks[kind]}/preview/sample`);
        expect(res.status, kind).toBe(200);
        expect(res.body.request, kind).toMatchObject({ eventType: type, eventTypeVersion: '1.0', cloudEventVersion: '0.1', contentType: 'application/json' });
        expect(typeof res.body.request.eventId, kind).toBe('string');
        expect(res.body.request.data.context, kind).toBeTypeOf('object');
      }
      const token = (await server.api('GET', `/api/v1/inlineHooks/${hooks.token}/preview/sample`)).body;
      expect(token.requestTypes).toEqual([]);
      expect(token.request.data.identity.claims).toMatchObject({ sub: expect.any(String), email: 'rosario.jones@example.com' });
      expect(token.request.data.access).toMatchObject({ claims: { aud: 'api://default' }, token: { lifetime: { expiration: 3600 } }, scopes: { openid: { action: 'GRANT' } } });
      expect(token.request.data.context.protocol).toMatchObject({ type: 'OAUTH2.0', issuer: { uri: `${server.ctx.config.issuer}/oauth2/default` } });
      const saml = (await server.api('GET', `/api/v1/inlineHooks/${hooks.saml}/preview/sample`)).body.request;
      expect(saml.data.assertion.subject.nameId).toBe('rosario.jones@example.com');
      expect(saml.data.context.protocol.type).toBe('SAML2.0');
      const password = (await server.api('GET', `/api/v1/inlineHooks/${hooks.passwordImport}/preview/sample`)).body.request;
      expect(password.data).toMatchObject({ context: { credential: { username: 'rosario.jones@example.com' } }, action: { credential: 'UNVERIFIED' } });
      expect(password.source).toBe(`${server.ctx.config.issuer}/api/v1/inlineHooks/${hooks.passwordImport}`);
      const userImport = (await server.api('GET', `/api/v1/inlineHooks/${hooks.userImport}/preview/sample`)).body.request;
      expect(userImport).toMatchObject({ source: hooks.userImport, data: { action: { result: 'CREATE_USER' }, context: { job: { type: 'import:users' }, policy: ['EMAIL', 'FIRST_AND_LAST_NAME'] } } });
    });

    it('builds both registration request types and the four telephony ones', async () => {
      const registration = await server.api('GET', `/api/v1/inlineHooks/${hooks.registration}/preview/sample`);
      expect(registration.body.requestTypes).toEqual(['self.service.registration', 'progressive.profile']);
      expect(registration.body.request).toMatchObject({ requestType: 'self.service.registration', data: { action: 'ALLOW', userProfile: { login: 'rosario.jones@example.com' } } });
      const enrollment = await server.ctx.db.selectFrom('policies').select('id').where('type', '=', 'PROFILE_ENROLLMENT').executeTakeFirstOrThrow();
      expect(registration.body.request.source).toBe(enrollment.id);
      const progressive = await server.api('GET', `/api/v1/inlineHooks/${hooks.registration}/preview/sample?requestType=progressive.profile`);
      expect(progressive.body.request).toMatchObject({
        requestType: 'progressive.profile',
        data: { userProfileUpdate: { title: 'Engineer' }, context: { user: { profile: { firstName: 'Rosario' } }, request: { url: { value: '/idp/idx/enroll/update' } } } },
      });
      expect(progressive.body.request.data.userProfile).toBeUndefined();
      const telephony = await server.api('GET', `/api/v1/inlineHooks/${hooks.telephony}/preview/sample`);
      expect(telephony.body.requestTypes).toHaveLength(4);
      for (const requestType of telephony.body.requestTypes) {
        const res = await server.api('GET', `/api/v1/inlineHooks/${hooks.telephony}/preview/sample?requestType=${requestType}`);
        expect(res.body.request.requestType).toBe(requestType);
        expect(res.body.request.data.messageProfile).toMatchObject({ deliveryChannel: 'SMS', phoneNumber: expect.any(String), otpCode: expect.stringMatching(/^\d{6}$/) });
      }
    });

    it('answers Okta errors for a request type the hook does not have and for an unknown hook', async () => {
      const bad = await server.api('GET', `/api/v1/inlineHooks/${hooks.registration}/preview/sample?requestType=com.okta.user.telephony.pre-enrollment`);
      expect(bad.status).toBe(400);
      expect(bad.body.errorCode).toBe('E0000001');
      expect(bad.body.errorCauses[0].errorSummary).toMatch(/^requestType: .*allowed: self\.service\.registration, progressive\.profile/);
      const none = await server.api('POST', `/api/v1/inlineHooks/${hooks.token}/preview?requestType=progressive.profile`);
      expect(none.status).toBe(400);
      expect((await server.api('GET', '/api/v1/inlineHooks/calNOPE/preview/sample')).status).toBe(404);
      expect((await server.api('POST', '/api/v1/inlineHooks/calNOPE/preview')).body.errorCode).toBe('E0000007');
      expect(endpoint.requests).toHaveLength(0);
    });
  });

  describe('registration', () => {
    it('allow: the sample is sent with the hook\'s secret, and the decision lists the profile changes', async () => {
      answer('registration', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { title: 'Contractor' } }] }));
      const res = await preview('registration');
      expect(res.status).toBe(200);
      const [sent] = requestsTo('registration');
      expect(sent.headers.authorization).toBe('secret-registration');
      expect(sent.body).toEqual(res.body.request);
      expect(res.body.response).toEqual({ status: 200, body: { commands: [{ type: 'com.okta.user.profile.update', value: { title: 'Contractor' } }] } });
      expect(res.body.decision).toMatchObject({ result: 'ALLOW', requestType: 'self.service.registration', profileUpdates: { title: 'Contractor' } });
      expect(res.body.decision.summary).toContain('Registration allowed');
    });

    it('deny: the errorCauses and the messages the person would see', async () => {
      answer('registration', (_q, res) => json(res, 200, {
        commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }],
        error: { errorSummary: 'Incorrect email address.', errorCauses: [{ errorSummary: 'Only example.org emails can register.', reason: 'INVALID_EMAIL_DOMAIN', locationType: 'body', location: 'data.userProfile.email', domain: 'end-user' }] },
      }));
      const res = await preview('registration');
      expect(res.body.decision).toMatchObject({
        result: 'DENY', message: 'Incorrect email address.', failedClosed: false,
        fieldErrors: [{ field: 'email', message: 'Only example.org emails can register.' }],
        errorCauses: [{ reason: 'INVALID_EMAIL_DOMAIN', location: 'data.userProfile.email' }],
      });
      answer('registration', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }] }));
      expect((await preview('registration')).body.decision).toMatchObject({ result: 'DENY', message: 'Registration denied.' });
    });

    it('progressive profile: its own command is applied, the registration one fails closed', async () => {
      answer('registration', (req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.progressive.profile.update', value: { title: `${req.body.data.userProfileUpdate.title} II` } }] }));
      const allowed = await preview('registration', undefined, '?requestType=progressive.profile');
      expect(allowed.body.request.requestType).toBe('progressive.profile');
      expect(allowed.body.decision).toMatchObject({ result: 'ALLOW', requestType: 'progressive.profile', profileUpdates: { title: 'Engineer II' } });
      expect(allowed.body.decision.summary).toContain('Profile update allowed');
      answer('registration', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { title: 'x' } }] }));
      const denied = await preview('registration', undefined, '?requestType=progressive.profile');
      expect(denied.body.decision).toMatchObject({ result: 'DENY', failedClosed: true, message: 'There was an error updating your profile. Please try again later.' });
      expect(denied.body.response.error).toContain('not valid in reply to a progressive profile request');
    });

    it('an attribute that is not in the schema, and a 500 (retried once), fail closed', async () => {
      answer('registration', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { shoeSize: 44 } }] }));
      const unknown = await preview('registration');
      expect(unknown.body.decision).toMatchObject({ result: 'DENY', failedClosed: true, message: 'There was an error creating your account. Please try registering again' });
      expect(unknown.body.decision.summary).toContain("'shoeSize'");
      endpoint.requests.length = 0;
      answer('registration', (_q, res) => json(res, 500, { oops: true }));
      const failed = await preview('registration');
      expect(requestsTo('registration')).toHaveLength(2);
      expect(failed.body.response).toEqual({ status: 500, body: { oops: true }, error: 'The hook answered with HTTP 500' });
      expect(failed.body.decision.result).toBe('DENY');
    });

    it('a custom payload is sent exactly as given', async () => {
      answer('registration', (_q, res) => { res.writeHead(204).end(); });
      const payload = {
        eventId: 'customRegistration00001', eventType: TYPES.registration, requestType: 'self.service.registration', source: 'rstCustom',
        data: { context: { request: { id: 'r1', method: 'POST', url: { value: '/signup' }, ipAddress: '10.0.0.1' } }, userProfile: { login: 'kim@example.org', email: 'kim@example.org' }, action: 'ALLOW' },
      };
      const res = await preview('registration', payload);
      expect(requestsTo('registration')[0].body).toEqual(payload);
      expect(res.body.request).toEqual(payload);
      expect(res.body.response).toEqual({ status: 204, body: null });
      expect(res.body.decision).toMatchObject({ result: 'ALLOW', profileUpdates: {} });
    });
  });

  describe('token', () => {
    it('patch: the claims added, replaced and removed, and the new lifetime', async () => {
      answer('token', (_q, res) => json(res, 200, { commands: [
        { type: 'com.okta.identity.patch', value: [
          { op: 'add', path: '/claims/extPatientId', value: '1234' },
          { op: 'replace', path: '/claims/locale', value: 'fr_FR' },
          { op: 'replace', path: '/token/lifetime/expiration', value: 36000 },
        ] },
        { type: 'com.okta.access.patch', value: [{ op: 'add', path: '/claims/external_guid', value: 'F0384685' }, { op: 'remove', path: '/claims/sub' }] },
      ] }));
      const res = await preview('token');
      const { decision } = res.body;
      expect(decision.result).toBe('PATCHED');
      expect(decision.identity).toMatchObject({ added: { extPatientId: '1234' }, replaced: { locale: { from: 'en_US', to: 'fr_FR' } }, removed: [], lifetime: { from: 3600, to: 36000 } });
      expect(decision.access).toMatchObject({ added: { external_guid: 'F0384685' }, replaced: {}, removed: ['sub'] });
      expect(decision.access.lifetime).toBeUndefined();
      expect(decision.summary).toContain('adds extPatientId');
      expect(decision.summary).toContain('removes sub');
    });

    it('fails open on a reserved claim, a missing claim, a 204 and a 500 (never retried)', async () => {
      answer('token', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'replace', path: '/claims/iss', value: 'https://evil' }] }] }));
      const reserved = await preview('token');
      expect(reserved.body.decision).toMatchObject({ result: 'UNCHANGED', reason: expect.stringContaining("'iss' is a reserved claim") });
      expect(reserved.body.decision.summary).toMatch(/^Fails open: the tokens are issued unmodified because /);
      answer('token', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'remove', path: '/claims/nothere' }] }] }));
      expect((await preview('token')).body.decision).toMatchObject({ result: 'UNCHANGED', reason: expect.stringContaining('does not exist') });
      answer('token', (_q, res) => { res.writeHead(204).end(); });
      expect((await preview('token')).body.decision).toMatchObject({ result: 'UNCHANGED', reason: 'The hook answered with HTTP 204' });
      endpoint.requests.length = 0;
      answer('token', (_q, res) => json(res, 503, {}));
      const failed = await preview('token');
      expect(requestsTo('token')).toHaveLength(1);
      expect(failed.body.decision).toMatchObject({ result: 'UNCHANGED', reason: 'The hook answered with HTTP 503' });
    });

    it('error: no token, server_error with the summary', async () => {
      answer('token', (_q, res) => json(res, 200, { error: { errorSummary: 'Patient not found' } }));
      const res = await preview('token');
      expect(res.body.response.error).toBeUndefined();
      expect(res.body.decision).toMatchObject({ result: 'ERROR', error: { error: 'server_error', error_description: 'Patient not found' } });
    });

    it('a custom payload: patches apply to its tokens; one without access claims is refused before any call', async () => {
      answer('token', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.access.patch', value: [{ op: 'replace', path: '/claims/tier', value: 'gold' }] }] }));
      const payload = { eventType: TYPES.token, data: { context: {}, access: { claims: { tier: 'silver', scp: ['openid'] }, token: { lifetime: { expiration: 600 } } } } };
      const res = await preview('token', payload);
      expect(requestsTo('token')[0].body).toEqual(payload);
      expect(res.body.decision).toMatchObject({ result: 'PATCHED', access: { replaced: { tier: { from: 'silver', to: 'gold' } }, lifetimeSeconds: 600 } });
      expect(res.body.decision.identity).toBeUndefined();
      endpoint.requests.length = 0;
      const refused = await preview('token', { eventType: TYPES.token, data: { identity: { claims: {} } } });
      expect(refused.status).toBe(400);
      expect(refused.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary)).toEqual([expect.stringMatching(/^data\.access\.claims: /)]);
      expect(endpoint.requests).toHaveLength(0);
    });
  });

  describe('SAML', () => {
    it('patch: the operations and the patched assertion', async () => {
      answer('saml', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.assertion.patch', value: [
        { op: 'add', path: '/claims/extPatientId', value: { attributes: { NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' }, attributeValues: [{ attributes: { 'xsi:type': 'xs:string' }, value: '4321' }] } },
        { op: 'replace', path: '/claims/groups/attributeValues/1/value', value: 'Research' },
        { op: 'add', path: '/authentication/sessionLifetime', value: 300 },
      ] }] }));
      const res = await preview('saml');
      expect(res.body.decision.result).toBe('PATCHED');
      expect(res.body.decision.operations).toHaveLength(3);
      expect(res.body.decision.assertion.claims.extPatientId.attributeValues[0].value).toBe('4321');
      expect(res.body.decision.assertion.claims.groups.attributeValues[1].value).toBe('Research');
      expect(res.body.decision.assertion.authentication.sessionLifetime).toBe(300);
      expect(res.body.decision.summary).toContain('add /claims/extPatientId');
    });

    it('fails open on a patch that cannot apply, an error object and a 500 (retried); 204 is no change', async () => {
      answer('saml', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'replace', path: '/claims/missing/attributeValues/0/value', value: 'x' }] }] }));
      const bad = await preview('saml');
      expect(bad.body.decision).toMatchObject({ result: 'FAILED_OPEN', reason: expect.stringContaining('cannot be applied') });
      expect(bad.body.decision.summary).toMatch(/^Fails open: the original assertion is signed and sent, because /);
      answer('saml', (_q, res) => json(res, 200, { error: { errorSummary: 'No such patient' } }));
      expect((await preview('saml')).body.decision).toMatchObject({ result: 'FAILED_OPEN', reason: expect.stringContaining('No such patient') });
      endpoint.requests.length = 0;
      answer('saml', (_q, res) => json(res, 500, {}));
      expect((await preview('saml')).body.decision.result).toBe('FAILED_OPEN');
      expect(requestsTo('saml')).toHaveLength(2);
      answer('saml', (_q, res) => { res.writeHead(204).end(); });
      expect((await preview('saml')).body.decision.result).toBe('UNCHANGED');
    });

    it('a custom payload needs a valid assertion', async () => {
      const refused = await preview('saml', { eventType: TYPES.saml, data: { assertion: { subject: {} } } });
      expect(refused.status).toBe(400);
      expect(refused.body.errorCauses[0].errorSummary).toMatch(/^data\.assertion: /);
      expect(endpoint.requests).toHaveLength(0);
    });
  });

  describe('password import', () => {
    it('VERIFIED allows the sign-in; the password reaches the hook but is never echoed or stored', async () => {
      answer('passwordImport', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }] }));
      const res = await preview('passwordImport');
      expect(requestsTo('passwordImport')[0].body.data.context.credential.password).toBe('Sample-Passw0rd');
      expect(res.body.request.data.context.credential.password).toBe('[redacted]');
      expect(res.body.decision).toMatchObject({ result: 'VERIFIED', signIn: 'ALLOWED', systemLog: { eventType: 'user.import.password', outcome: 'SUCCESS' } });
      const calls = await server.api('GET', `/api/v1/inlineHooks/${hooks.passwordImport}/calls?limit=1`);
      expect(JSON.stringify(calls.body)).not.toContain('Sample-Passw0rd');
    });

    it('UNVERIFIED (and 204) fails the sign-in; an error object fails closed', async () => {
      answer('passwordImport', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { credential: 'UNVERIFIED' } }] }));
      expect((await preview('passwordImport')).body.decision).toMatchObject({ result: 'UNVERIFIED', signIn: 'FAILED' });
      answer('passwordImport', (_q, res) => { res.writeHead(204).end(); });
      expect((await preview('passwordImport')).body.decision.result).toBe('UNVERIFIED');
      answer('passwordImport', (_q, res) => json(res, 200, { error: { errorSummary: 'Legacy store offline' } }));
      const failed = await preview('passwordImport');
      expect(failed.body.decision).toMatchObject({ result: 'FAILED', signIn: 'FAILED', reason: 'The hook returned an error: Legacy store offline' });
      expect(failed.body.decision.summary).toContain('fails closed');
    });
  });

  describe('user import', () => {
    it('CREATE_USER with profile updates', async () => {
      answer('userImport', (_q, res) => json(res, 200, { commands: [
        { type: 'com.okta.appUser.profile.update', value: { department: 'R&D' } },
        { type: 'com.okta.user.profile.update', value: { title: 'Engineer' } },
      ] }));
      const res = await preview('userImport');
      expect(res.body.decision).toMatchObject({
        result: 'CREATE_USER', hook: 'SUCCESS', linkUserId: null, appUserUpdates: { department: 'R&D' }, userUpdates: { title: 'Engineer' },
        commands: ['com.okta.appUser.profile.update', 'com.okta.user.profile.update'],
      });
      expect(res.body.decision.summary).toMatch(/^Creates a new Okta user, with changes/);
    });

    it('LINK_USER to an existing user; LINK_USER without the user, and an error, fail open to CREATE_USER', async () => {
      const admin = (await server.api('GET', '/api/v1/users/admin@localhost')).body;
      answer('userImport', (_q, res) => json(res, 200, { commands: [
        { type: 'com.okta.action.update', value: { result: 'LINK_USER' } }, { type: 'com.okta.user.update', value: { id: admin.id } },
      ] }));
      const linked = await preview('userImport');
      expect(linked.body.decision).toMatchObject({ result: 'LINK_USER', hook: 'SUCCESS', linkUserId: admin.id });
      answer('userImport', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { result: 'LINK_USER' } }] }));
      const missing = await preview('userImport');
      expect(missing.body.decision).toMatchObject({ result: 'CREATE_USER', hook: 'FAILED', reason: expect.stringContaining('requires a com.okta.user.update') });
      expect(missing.body.decision.summary).toMatch(/^Fails open: creates a new Okta user/);
      answer('userImport', (_q, res) => json(res, 200, { error: { errorSummary: 'Bad row' } }));
      expect((await preview('userImport')).body.decision).toMatchObject({ result: 'CREATE_USER', hook: 'ERROR', reason: 'Bad row' });
    });
  });

  describe('telephony', () => {
    it('SUCCESSFUL: delivered by the hook; the request type chosen is the one sent', async () => {
      answer('telephony', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'SUCCESSFUL', provider: 'VONAGE', transactionId: 'SM49' }] }] }));
      const res = await preview('telephony', undefined, '?requestType=com.okta.user.telephony.mfa-verification');
      expect(requestsTo('telephony')[0].body.requestType).toBe('com.okta.user.telephony.mfa-verification');
      expect(res.body.decision).toMatchObject({ result: 'DELIVERED', status: 'SUCCESSFUL', action: { provider: 'VONAGE', transactionId: 'SM49' } });
    });

    it('FAILED, an error object, an empty reply and a 500 (not retried) fall back to the provider', async () => {
      const cases: Array<[Handler, RegExp]> = [
        [(_q, res) => json(res, 200, { commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'FAILED' }] }] }), /status FAILED/],
        [(_q, res) => json(res, 200, { error: { errorSummary: 'Carrier down' } }), /Carrier down/],
        [(_q, res) => json(res, 200, {}), /must reply with a com\.okta\.telephony\.action/],
        [(_q, res) => json(res, 500, {}), /HTTP 500/],
      ];
      for (const [handler, reason] of cases) {
        endpoint.requests.length = 0;
        answer('telephony', handler);
        const res = await preview('telephony');
        expect(requestsTo('telephony')).toHaveLength(1);
        expect(res.body.decision).toMatchObject({ result: 'FALLBACK', fallbackProvider: 'none', reason: expect.stringMatching(reason) });
        expect(res.body.decision.summary).toMatch(/^The code is not sent: no fallback provider is configured/);
      }
      // With the development provider chosen (TOLLGATE_TELEPHONY=development), it takes the code.
      server.ctx.config.telephonyDevelopment = true;
      try {
        const res = await preview('telephony');
        expect(res.body.decision).toMatchObject({ result: 'FALLBACK', fallbackProvider: 'development' });
        expect(res.body.decision.summary).toMatch(/^Falls back to the provider: the same code goes to the built-in development provider \(the server console\)/);
      } finally {
        server.ctx.config.telephonyDevelopment = false;
      }
    });
  });

  it('a timeout (3 s per attempt, retried where the type retries) gets each type\'s failure rule', async () => {
    for (const kind of Object.keys(TYPES) as Kind[]) answer(kind, noAnswer);
    const results = Object.fromEntries(await Promise.all((Object.keys(TYPES) as Kind[]).map(async (kind) => [kind, (await preview(kind)).body] as const)));
    for (const kind of Object.keys(TYPES) as Kind[]) {
      expect(results[kind].response, kind).toEqual({ status: null, body: null, error: 'The hook did not answer within 3 seconds' });
      expect(requestsTo(kind), kind).toHaveLength(kind === 'token' || kind === 'telephony' ? 1 : 2);
    }
    expect(results.registration.decision).toMatchObject({ result: 'DENY', failedClosed: true });
    expect(results.token.decision).toMatchObject({ result: 'UNCHANGED', reason: 'The hook did not answer within 3 seconds' });
    expect(results.saml.decision.result).toBe('FAILED_OPEN');
    expect(results.passwordImport.decision).toMatchObject({ result: 'FAILED', signIn: 'FAILED' });
    expect(results.userImport.decision).toMatchObject({ result: 'CREATE_USER', hook: 'FAILED' });
    expect(results.telephony.decision.result).toBe('FALLBACK');
  }, 20_000);

  it('records a preview in the hook\'s recent calls and the System Log, like an execute', async () => {
    answer('token', (_q, res) => json(res, 200, { commands: [], debugContext: { from: 'preview' } }));
    const res = await preview('token');
    const calls = await server.api('GET', `/api/v1/inlineHooks/${hooks.token}/calls?limit=1`);
    expect(calls.body[0]).toMatchObject({ eventId: res.body.request.eventId, outcome: 'SUCCESS', statusCode: 200, response: { debugContext: { from: 'preview' } } });
    const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "inline_hook.response.processed"')}&sortOrder=DESCENDING&limit=1`);
    expect(logs.body[0].debugContext.debugData).toMatchObject({ inlineHookId: hooks.token, eventId: res.body.request.eventId });
  });

  describe('POST …/execute works for every type', () => {
    const replies: Record<Kind, unknown> = {
      registration: { commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] },
      token: { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/x', value: 1 }] }] },
      saml: { commands: [{ type: 'com.okta.assertion.patch', value: [{ op: 'replace', path: '/subject/nameId', value: 'rj' }] }] },
      passwordImport: { commands: [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }] },
      userImport: { commands: [{ type: 'com.okta.user.profile.update', value: { title: 'x' } }] },
      telephony: { commands: [{ type: 'com.okta.telephony.action', value: [{ status: 'PENDING' }] }] },
    };

    it('sends each type\'s sample as is and returns the reply verbatim', async () => {
      for (const kind of Object.keys(TYPES) as Kind[]) {
        const sample = (await server.api('GET', `/api/v1/inlineHooks/${hooks[kind]}/preview/sample`)).body.request;
        answer(kind, (_q, res) => json(res, 200, replies[kind]));
        const res = await server.api('POST', `/api/v1/inlineHooks/${hooks[kind]}/execute`, sample);
        expect(res.status, kind).toBe(200);
        expect(res.body, kind).toEqual(replies[kind]);
        expect(requestsTo(kind).at(-1)!.body, kind).toEqual(sample);
      }
    });

    it('returns a well-formed error reply (SAML, telephony) instead of 400; a reply outside the contract is still 400', async () => {
      for (const kind of ['saml', 'telephony'] as const) {
        const sample = (await server.api('GET', `/api/v1/inlineHooks/${hooks[kind]}/preview/sample`)).body.request;
        answer(kind, (_q, res) => json(res, 200, { error: { errorSummary: 'Not today' } }));
        const res = await server.api('POST', `/api/v1/inlineHooks/${hooks[kind]}/execute`, sample);
        expect(res.status, kind).toBe(200);
        expect(res.body, kind).toEqual({ error: { errorSummary: 'Not today' } });
        answer(kind, (_q, res2) => json(res2, 200, { commands: [{ type: 'com.okta.action.update', value: {} }] }));
        const bad = await server.api('POST', `/api/v1/inlineHooks/${hooks[kind]}/execute`, sample);
        expect(bad.status, kind).toBe(400);
        expect(bad.body.errorCauses[0].errorSummary, kind).toContain('is not a command of');
      }
    });
  });

  it('changed nothing in the org: no user, session, token, factor, import or hook was made or changed', async () => {
    expect(await orgSnapshot()).toBe(orgBefore);
  });
});
