import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';
import { json, startHookServer, type HookServer, type RecordedRequest } from './helpers/hook-server.js';
import { clientOf, SYSTEM_ACTOR, type AuditContext } from '../src/events/log-event.js';
import { REGISTRATION_MESSAGES, runRegistrationHook, type RegistrationHookInput } from '../src/hooks/inline/registration.inline-hook.js';

const AUTH_SECRET = 'hook-shared-secret-42';
const POLICY_ID = 'rst1policy00000000000';

const audit: AuditContext = { actor: SYSTEM_ACTOR, client: clientOf('127.0.0.1', 'vitest'), transactionId: 'reqRunnerTest0000000' };

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('inline hook runner (real HTTP)', () => {
  let server: TestServer;
  let endpoint: HookServer;

  beforeAll(async () => {
    server = await startTestServer();
    endpoint = await startHookServer();
  });
  afterAll(async () => {
    await endpoint?.close();
    await server?.close();
  });
  beforeEach(() => {
    endpoint.requests.length = 0;
  });

  async function createHook(type = 'com.okta.user.pre-registration', path = '/hook'): Promise<string> {
    const res = await server.api('POST', '/api/v1/inlineHooks', {
      name: `Runner hook ${Math.random().toString(36).slice(2)}`,
      type,
      version: '1.0.0',
      channel: {
        type: 'HTTP', version: '1.0.0',
        config: {
          uri: endpoint.url + path,
          headers: [{ key: 'X-Custom-Header', value: 'custom-value' }],
          authScheme: { type: 'HEADER', key: 'Authorization', value: AUTH_SECRET },
        },
      },
    });
    expect(res.status).toBe(200);
    return res.body.id;
  }

  function input(hookId: string, userProfile: Record<string, unknown> = {}): RegistrationHookInput {
    return {
      hookId,
      policyId: POLICY_ID,
      userProfile: { login: 'jane@atko.email', email: 'jane@atko.email', firstName: 'Jane', lastName: 'Doe', password: 'Secret-Pa55', ...userProfile },
      request: { id: 'reqSignup0000000000000', method: 'POST', url: '/signup', ipAddress: '203.0.113.7' },
    };
  }

  async function lastCall(hookId: string) {
    return server.ctx.db.selectFrom('inline_hook_calls').selectAll().where('hook_id', '=', hookId)
      .orderBy('created', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  }

  async function logEvents(hookId: string, eventType: string) {
    const rows = await server.ctx.db.selectFrom('system_log').select('body')
      .where('event_type', '=', eventType).where('target_ids', 'like', `% ${hookId} %`).orderBy('published', 'asc').execute();
    return rows.map((r) => JSON.parse(r.body));
  }

  describe('runRegistrationHook', () => {
    it('sends Okta\'s envelope with auth and custom headers, never the password, and ALLOWs an empty command list', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, { commands: [] }));
      const outcome = await runRegistrationHook(server.ctx, audit, input(hookId));
      expect(outcome).toEqual({ result: 'ALLOW', profileUpdates: {} });

      expect(endpoint.requests).toHaveLength(1);
      const req = endpoint.requests[0];
      expect(req.method).toBe('POST');
      expect(req.url).toBe('/hook');
      expect(req.headers.accept).toBe('application/json');
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers.authorization).toBe(AUTH_SECRET);
      expect(req.headers['x-custom-header']).toBe('custom-value');
      expect(req.rawBody).not.toContain('Secret-Pa55');
      expect(req.body).toEqual({
        eventId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        eventTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        eventType: 'com.okta.user.pre-registration',
        eventTypeVersion: '1.0',
        contentType: 'application/json',
        cloudEventVersion: '0.1',
        source: POLICY_ID,
        requestType: 'self.service.registration',
        data: {
          context: { request: { id: 'reqSignup0000000000000', method: 'POST', url: { value: '/signup' }, ipAddress: '203.0.113.7' } },
          userProfile: { login: 'jane@atko.email', email: 'jane@atko.email', firstName: 'Jane', lastName: 'Doe' },
          action: 'ALLOW',
        },
      });
    });

    it('ALLOWs on 204 with no body', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => { res.writeHead(204).end(); });
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({ result: 'ALLOW', profileUpdates: {} });
    });

    it('returns profile updates from com.okta.user.profile.update commands, applied in order', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, { commands: [
        { type: 'com.okta.user.profile.update', value: { userType: 'Employee', middleName: 'Q' } },
        { type: 'com.okta.action.update', value: { registration: 'ALLOW' } },
        { type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } },
      ] }));
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({
        result: 'ALLOW', profileUpdates: { userType: 'Contractor', middleName: 'Q' },
      });
    });

    it('DENYs with "Registration denied." when denied without an error object', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, { commands: [
        { type: 'com.okta.user.profile.update', value: { userType: 'X' } },
        { type: 'com.okta.action.update', value: { registration: 'DENY' } },
      ] }));
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({ result: 'DENY', message: 'Registration denied.', fieldErrors: [] });
    });

    it('DENYs with Okta\'s generic message for an error without errorCauses, and applies no command', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, {
        commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }],
        error: { errorSummary: 'Nope' },
      }));
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({
        result: 'DENY', message: "Registration can't be completed at this time.", fieldErrors: [],
      });

      endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'X' } }], error: {} }));
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({
        result: 'DENY', message: "Registration can't be completed at this time.", fieldErrors: [],
      });
    });

    it('maps errorCauses located at data.userProfile.<attr> to field errors', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, {
        commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }],
        error: {
          errorSummary: 'Incorrect email address. Please contact your admin.',
          errorCauses: [
            { errorSummary: 'Only example.com emails can register.', reason: 'INVALID_EMAIL_DOMAIN', locationType: 'body', location: 'data.userProfile.email', domain: 'end-user' },
            { errorSummary: 'Not a field', location: 'data.somethingElse' },
          ],
        },
      }));
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({
        result: 'DENY',
        message: 'Incorrect email address. Please contact your admin.',
        fieldErrors: [{ field: 'email', message: 'Only example.com emails can register.' }],
      });
    });

    it('fails closed when a profile update sets an attribute that is not in the user schema, and records why', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'X', favouriteColour: 'blue' } }] }));
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({ result: 'DENY', message: REGISTRATION_MESSAGES.hookFailed, fieldErrors: [] });
      const call = await lastCall(hookId);
      expect(call.outcome).toBe('FAILURE');
      expect(call.status_code).toBe(200);
      expect(call.error).toMatch(/'favouriteColour'.*not in the user profile schema/);
    });

    it('fails closed on a progressive-profile command in reply to a registration', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.user.progressive.profile.update', value: { employeeNumber: '1' } }] }));
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect((await lastCall(hookId)).error).toMatch(/progressive\.profile\.update is not valid/);
    });

    it('times out after 3 s, retries once with the same eventId, then fails closed', async () => {
      const hookId = await createHook();
      endpoint.handle(async (_req, res) => {
        await wait(3_500);
        if (!res.destroyed) json(res, 200, { commands: [] });
      });
      const outcome = await runRegistrationHook(server.ctx, audit, input(hookId));
      expect(outcome).toEqual({ result: 'DENY', message: 'There was an error creating your account. Please try registering again', fieldErrors: [] });
      expect(endpoint.requests).toHaveLength(2);
      expect(endpoint.requests[1].body.eventId).toBe(endpoint.requests[0].body.eventId);
      expect(endpoint.requests[1].rawBody).toBe(endpoint.requests[0].rawBody);
      const call = await lastCall(hookId);
      expect(call).toMatchObject({ outcome: 'FAILURE', attempts: 2, status_code: null, reply: null, event_id: endpoint.requests[0].body.eventId });
      expect(call.error).toMatch(/did not answer within 3 seconds/);
    }, 20_000);

    it('retries a 5xx once and succeeds when the retry answers', async () => {
      const hookId = await createHook();
      let n = 0;
      endpoint.handle((_req, res) => {
        n += 1;
        if (n === 1) json(res, 503, { error: 'busy' });
        else json(res, 200, { commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Retried' } }] });
      });
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({ result: 'ALLOW', profileUpdates: { userType: 'Retried' } });
      expect(endpoint.requests).toHaveLength(2);
      expect((await lastCall(hookId))).toMatchObject({ outcome: 'SUCCESS', attempts: 2, status_code: 200 });
    });

    it('retries a 5xx at most once', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 500, {}));
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect(endpoint.requests).toHaveLength(2);
      expect(await lastCall(hookId)).toMatchObject({ outcome: 'FAILURE', attempts: 2, status_code: 500, error: 'The hook answered with HTTP 500' });
    });

    it('does not retry a 4xx', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 400, { commands: [] }));
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect(endpoint.requests).toHaveLength(1);
      expect(await lastCall(hookId)).toMatchObject({ attempts: 1, status_code: 400, outcome: 'FAILURE' });
    });

    it('does not follow a 3xx redirect', async () => {
      const hookId = await createHook();
      endpoint.handle((req, res) => {
        if (req.url === '/hook') res.writeHead(307, { location: endpoint.url + '/elsewhere' }).end();
        else json(res, 200, { commands: [] });
      });
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect(endpoint.requests.map((r) => r.url)).toEqual(['/hook']);
      expect((await lastCall(hookId)).error).toMatch(/redirect \(HTTP 307\); redirects are not followed/);
    });

    it('fails closed on a reply of 256 KB or more', async () => {
      const hookId = await createHook();
      const big = JSON.stringify({ commands: [], debugContext: { padding: 'x'.repeat(300 * 1024) } });
      endpoint.handle((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end(big); }); // chunked: no content-length
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect(endpoint.requests).toHaveLength(1);
      const call = await lastCall(hookId);
      expect(call.error).toMatch(/too large/);
      expect(call.reply).toBeNull();

      endpoint.handle((_req, res) => json(res, 200, { commands: [], debugContext: { padding: 'x'.repeat(256 * 1024) } })); // with content-length
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect((await lastCall(hookId)).error).toMatch(/too large/);
    });

    it('fails closed on malformed JSON', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"commands": [}'); });
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect(await lastCall(hookId)).toMatchObject({ outcome: 'FAILURE', error: 'The reply is not valid JSON', reply: '{"commands": [}' });
    });

    it('fails closed on an unknown command type or a malformed command value', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.identity.patch', value: [] }] }));
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect((await lastCall(hookId)).error).toMatch(/'com\.okta\.identity\.patch' is not a command of com\.okta\.user\.pre-registration hooks/);

      endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { registration: 'MAYBE' } }] }));
      expect((await runRegistrationHook(server.ctx, audit, input(hookId))).result).toBe('DENY');
      expect((await lastCall(hookId)).error).toMatch(/commands\[0\]\.value is invalid for com\.okta\.action\.update/);
    });

    it('fails closed when the endpoint is down (connection refused), after one retry', async () => {
      const down = await startHookServer();
      const url = down.url;
      await down.close();
      const res = await server.api('POST', '/api/v1/inlineHooks', {
        name: 'Down hook', type: 'com.okta.user.pre-registration',
        channel: { type: 'HTTP', version: '1.0.0', config: { uri: url + '/hook', authScheme: { type: 'HEADER', key: 'Authorization', value: 's' } } },
      });
      expect((await runRegistrationHook(server.ctx, audit, input(res.body.id))).result).toBe('DENY');
      const call = await lastCall(res.body.id);
      expect(call).toMatchObject({ outcome: 'FAILURE', attempts: 2, status_code: null });
      expect(call.error).toMatch(/Could not reach the hook: ECONNREFUSED/);
    });

    it('skips an INACTIVE or missing hook: ALLOW with no call', async () => {
      const hookId = await createHook();
      await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/deactivate`);
      expect(await runRegistrationHook(server.ctx, audit, input(hookId))).toEqual({ result: 'ALLOW', profileUpdates: {} });
      expect(await runRegistrationHook(server.ctx, audit, input('calMissing0000000000'))).toEqual({ result: 'ALLOW', profileUpdates: {} });
      expect(endpoint.requests).toHaveLength(0);
    });

    it('records every call and writes inline_hook.executed and inline_hook.response.processed with the debugContext', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => json(res, 200, { commands: [], debugContext: { checkedBy: 'vitest', rule: 42 } }));
      await runRegistrationHook(server.ctx, audit, input(hookId));
      const call = await lastCall(hookId);
      expect(call).toMatchObject({ hook_type: 'com.okta.user.pre-registration', outcome: 'SUCCESS', status_code: 200, attempts: 1, error: null });
      expect(JSON.parse(call.request)).toEqual(endpoint.requests[0].body);
      expect(JSON.parse(call.reply!)).toEqual({ commands: [], debugContext: { checkedBy: 'vitest', rule: 42 } });
      expect(call.event_id).toBe(endpoint.requests[0].body.eventId);

      const [executed] = await logEvents(hookId, 'inline_hook.executed');
      expect(executed.outcome.result).toBe('SUCCESS');
      expect(executed.target).toEqual([expect.objectContaining({ id: hookId, type: 'InlineHook' })]);
      expect(executed.debugContext.debugData).toMatchObject({ inlineHookId: hookId, url: endpoint.url + '/hook', statusCode: 200, attempts: 1 });
      const [processed] = await logEvents(hookId, 'inline_hook.response.processed');
      expect(processed.outcome.result).toBe('SUCCESS');
      expect(processed.debugContext.debugData.debugContext).toEqual({ checkedBy: 'vitest', rule: 42 });

      endpoint.handle((_req, res) => json(res, 502, {}));
      await runRegistrationHook(server.ctx, audit, input(hookId));
      const failed = (await logEvents(hookId, 'inline_hook.executed')).find((e) => e.outcome.result === 'FAILURE');
      expect(failed.outcome).toEqual({ result: 'FAILURE', reason: 'The hook answered with HTTP 502' });
      expect(failed.debugContext.debugData).toMatchObject({ inlineHookId: hookId, statusCode: 502, error: 'The hook answered with HTTP 502' });
      expect(await logEvents(hookId, 'inline_hook.response.processed')).toHaveLength(1);
    });
  });

  describe('POST /api/v1/inlineHooks/{id}/execute', () => {
    const payload = {
      eventId: 'execTest000000000000aa', eventTime: '2024-01-01T00:00:00.000Z', eventType: 'com.okta.user.pre-registration',
      eventTypeVersion: '1.0', contentType: 'application/json', cloudEventVersion: '0.1', source: 'reg1', requestType: 'self.service.registration',
      data: { context: { request: { id: 'r', method: 'POST', url: { value: '/x' }, ipAddress: '127.0.0.1' } }, userProfile: { email: 'a@b.c' }, action: 'ALLOW' },
    };

    it('sends the payload as is and returns the reply verbatim', async () => {
      const hookId = await createHook();
      const reply = { commands: [{ type: 'com.okta.user.profile.update', value: { userType: 'Contractor' } }], debugContext: { a: 1 }, extra: 'kept' };
      endpoint.handle((_req, res) => json(res, 200, reply));
      const res = await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, payload);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(reply);
      expect(endpoint.requests[0].body).toEqual(payload);
      expect(endpoint.requests[0].headers.authorization).toBe(AUTH_SECRET);
      expect(endpoint.requests[0].headers['x-custom-header']).toBe('custom-value');
      expect((await lastCall(hookId))).toMatchObject({ outcome: 'SUCCESS', event_id: 'execTest000000000000aa' });
    });

    it('answers {} for a 204', async () => {
      const hookId = await createHook();
      endpoint.handle((_req, res) => { res.writeHead(204).end(); });
      const res = await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, payload);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({});
    });

    it.each<[string, (req: RecordedRequest, res: http.ServerResponse) => void, RegExp]>([
      ['an HTTP error', (_q, res) => json(res, 404, {}), /HTTP 404/],
      ['malformed JSON', (_q, res) => { res.writeHead(200).end('not json'); }, /not valid JSON/],
      ['an unknown command', (_q, res) => json(res, 200, { commands: [{ type: 'com.okta.nope', value: {} }] }), /'com\.okta\.nope' is not a command/],
    ])('answers 400 with the reason on %s', async (_label, handler, reason) => {
      const hookId = await createHook();
      endpoint.handle(handler);
      const res = await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, payload);
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses[0].errorSummary).toMatch(reason);
    });

    it('never retries a token hook (5xx) but retries a registration hook', async () => {
      const tokenHook = await createHook('com.okta.oauth2.tokens.transform');
      endpoint.handle((_req, res) => json(res, 500, {}));
      expect((await server.api('POST', `/api/v1/inlineHooks/${tokenHook}/execute`, { ...payload, eventType: 'com.okta.oauth2.tokens.transform' })).status).toBe(400);
      expect(endpoint.requests).toHaveLength(1);
      endpoint.requests.length = 0;
      const registrationHook = await createHook();
      expect((await server.api('POST', `/api/v1/inlineHooks/${registrationHook}/execute`, payload)).status).toBe(400);
      expect(endpoint.requests).toHaveLength(2);
    });

    it('validates a token hook reply against the token commands', async () => {
      const tokenHook = await createHook('com.okta.oauth2.tokens.transform');
      endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'add', path: '/claims/extPatientId', value: '1234' }] }] }));
      expect((await server.api('POST', `/api/v1/inlineHooks/${tokenHook}/execute`, payload)).status).toBe(200);
      endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.identity.patch', value: [{ op: 'move', path: '/claims/a' }] }] }));
      expect((await server.api('POST', `/api/v1/inlineHooks/${tokenHook}/execute`, payload)).status).toBe(400);
    });

    it('OAUTH client_secret_post: fetches a client-credentials token, sends it as Bearer, and reuses it', async () => {
      const res = await server.api('POST', '/api/v1/inlineHooks', {
        name: 'OAuth hook', type: 'com.okta.oauth2.tokens.transform', version: '1.0.0',
        channel: { type: 'OAUTH', version: '1.0.0', config: {
          authType: 'client_secret_post', clientId: 'hook-client', clientSecret: 'hook-client-secret', scope: 'hooks:call',
          uri: `${endpoint.url}/oauth-hook`, tokenUrl: `${endpoint.url}/token`,
        } },
      });
      expect(res.status).toBe(200);
      endpoint.handle((req, reply) => {
        if (req.url === '/token') json(reply, 200, { access_token: 'at-123', token_type: 'Bearer', expires_in: 3600 });
        else json(reply, 200, { commands: [] });
      });
      expect((await server.api('POST', `/api/v1/inlineHooks/${res.body.id}/execute`, payload)).status).toBe(200);
      expect((await server.api('POST', `/api/v1/inlineHooks/${res.body.id}/execute`, payload)).status).toBe(200);
      expect(endpoint.requests.map((r) => r.url)).toEqual(['/token', '/oauth-hook', '/oauth-hook']);
      const form = new URLSearchParams(endpoint.requests[0].rawBody);
      expect(Object.fromEntries(form)).toEqual({ grant_type: 'client_credentials', client_id: 'hook-client', client_secret: 'hook-client-secret', scope: 'hooks:call' });
      expect(endpoint.requests[1].headers.authorization).toBe('Bearer at-123');

      endpoint.requests.length = 0;
      await server.api('POST', `/api/v1/inlineHooks/${res.body.id}`, { channel: { config: { clientSecret: 'rotated' } } });
      endpoint.handle((req, reply) => {
        if (req.url === '/token') json(reply, 401, { error: 'invalid_client', error_description: 'Bad secret' });
        else json(reply, 200, { commands: [] });
      });
      const failed = await server.api('POST', `/api/v1/inlineHooks/${res.body.id}/execute`, payload);
      expect(failed.status).toBe(400);
      expect(failed.body.errorCauses[0].errorSummary).toMatch(/refused to issue an access token \(invalid_client: Bad secret\)/);
      expect(endpoint.requests.map((r) => r.url)).toEqual(['/token']);
    });

    it('stores the password import request without the password', async () => {
      const existing = await server.api('GET', '/api/v1/inlineHooks?type=com.okta.user.credential.password.import');
      const hookId = existing.body[0]?.id ?? await createHook('com.okta.user.credential.password.import');
      endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: 'com.okta.action.update', value: { credential: 'VERIFIED' } }] }));
      const res = await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, {
        ...payload, eventType: 'com.okta.user.credential.password.import',
        data: { context: { credential: { username: 'isaac@example.com', password: 'Legacy-Pa55' } }, action: { credential: 'UNVERIFIED' } },
      });
      expect(res.status).toBe(200);
      expect(endpoint.requests[0].body.data.context.credential.password).toBe('Legacy-Pa55');
      const call = await lastCall(hookId);
      expect(call.request).not.toContain('Legacy-Pa55');
      expect(JSON.parse(call.request).data.context.credential).toEqual({ username: 'isaac@example.com', password: '[redacted]' });
    });
  });
});
