/**
 * Adding an inline hook type is one new file plus one registry entry: `test/helpers/example.inline-hook.ts`
 * declares a made-up type with `defineInlineHook`, and one argument to the server's composition root adds it
 * to the built-in six. Over real HTTP the management API then accepts hooks of the type (a server without it
 * answers Okta's 400), the runner validates and applies its commands, the execute endpoint, the preview and
 * `hook check` speak it, the recorder keeps its calls, and the console's types endpoint lists it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { builtInInlineHookTypes, INLINE_HOOK_TYPES } from '../src/hooks/inline/hook-types.js';
import { checkInlineHook } from '../src/hooks/toolkit/inline-check.js';
import { clientOf, SYSTEM_ACTOR, type AuditContext } from '../src/events/log-event.js';
import { exampleHookType, GREETING_UPDATE, runGreetingHook } from './helpers/example.inline-hook.js';
import { json, startHookServer, type HookServer } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const TYPE = 'com.example.test.transform';
const TYPES_PATH = '/api/console/v1/inlineHookTypes';

let server: TestServer;
let plain: TestServer;
let endpoint: HookServer;
let hookId: string;
const audit: AuditContext = { actor: SYSTEM_ACTOR, client: clientOf(null, 'inline-hook-registry.test'), transactionId: 'reqRegistryTest000001' };

function hookBody(type = TYPE) {
  return {
    name: 'Greeting hook', type, version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${endpoint.url}/greet`, method: 'POST', headers: [], authScheme: { type: 'HEADER', key: 'Authorization', value: 's3cret' } } },
  };
}

beforeAll(async () => {
  endpoint = await startHookServer();
  [server, plain] = await Promise.all([
    startTestServer({ inlineHookTypes: [...builtInInlineHookTypes, exampleHookType] }),
    startTestServer(),
  ]);
});

afterAll(async () => {
  await Promise.all([server?.close(), plain?.close(), endpoint?.close()]);
});

describe('an inline hook type added in one argument', () => {
  test('the management API accepts a hook of the type; a server without it answers Okta\'s 400', async () => {
    const refused = await plain.api('POST', '/api/v1/inlineHooks', hookBody());
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      errorCode: 'E0000001',
      errorCauses: [{ errorSummary: `type: Unsupported inline hook type '${TYPE}'. Supported types: ${INLINE_HOOK_TYPES.join(', ')}` }],
    });
    expect((await plain.api('GET', `/api/v1/inlineHooks?type=${TYPE}`)).status).toBe(400);

    const created = await server.api('POST', '/api/v1/inlineHooks', hookBody());
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ type: TYPE, status: 'ACTIVE', name: 'Greeting hook' });
    hookId = created.body.id;
    const listed = await server.api('GET', `/api/v1/inlineHooks?type=${TYPE}`);
    expect(listed.body.map((h: { id: string }) => h.id)).toEqual([hookId]);
    // The error names the new type among the supported ones.
    const wrong = await server.api('POST', '/api/v1/inlineHooks', hookBody('com.example.nope'));
    expect(wrong.body.errorCauses[0].errorSummary).toMatch(new RegExp(`Supported types: .*${TYPE.replaceAll('.', '\\.')}$`));
  });

  test('the runner sends the type\'s request and applies a command its schema allows', async () => {
    endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: GREETING_UPDATE, value: { greeting: 'Hola' } }] }));
    const outcome = await runGreetingHook(server.ctx, audit, hookId, { greeting: 'Hello', login: 'ada@example.com' });
    expect(outcome).toEqual({ greeting: 'Hola', changed: true });
    const sent = endpoint.requests.at(-1)!;
    expect(sent.headers.authorization).toBe('s3cret');
    expect(sent.body).toMatchObject({ eventType: TYPE, source: `${server.ctx.config.issuer}/api/v1/inlineHooks/${hookId}`, data: { greeting: 'Hello', user: { login: 'ada@example.com' } } });

    const calls = await server.api('GET', `/api/v1/inlineHooks/${hookId}/calls`);
    expect(calls.status).toBe(200);
    expect(calls.body[0]).toMatchObject({ type: TYPE, outcome: 'SUCCESS' });
  });

  test('a command its schema refuses, one of another type, or one its checkReply refuses fails the call (the type fails open)', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ commands: [{ type: GREETING_UPDATE, value: { greeting: '' } }] }, /^commands\[0\]\.value is invalid for com\.example\.greeting\.update/],
      [{ commands: [{ type: 'com.okta.action.update', value: { registration: 'DENY' } }] }, new RegExp(`^commands\\[0\\]\\.type 'com\\.okta\\.action\\.update' is not a command of ${TYPE.replaceAll('.', '\\.')} hooks \\(allowed: ${GREETING_UPDATE.replaceAll('.', '\\.')}\\)$`)],
      [{ commands: [{ type: GREETING_UPDATE, value: { greeting: 'HELLO!!' } }] }, /the greeting may not shout$/],
    ];
    for (const [reply, reason] of cases) {
      endpoint.handle((_req, res) => json(res, 200, reply));
      const outcome = await runGreetingHook(server.ctx, audit, hookId, { greeting: 'Hello', login: 'ada@example.com' });
      expect(outcome.greeting).toBe('Hello');
      expect(outcome.changed).toBe(false);
      expect(outcome.reason).toMatch(reason);
    }
  });

  test('execute returns a valid reply verbatim and answers Okta\'s 400 for an invalid one', async () => {
    endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: GREETING_UPDATE, value: { greeting: 'Hi' } }] }));
    const ok = await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, { data: { greeting: 'Hello' } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ commands: [{ type: GREETING_UPDATE, value: { greeting: 'Hi' } }] });

    endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: GREETING_UPDATE, value: { greeting: 'Hi', extra: 1 } }] }));
    const bad = await server.api('POST', `/api/v1/inlineHooks/${hookId}/execute`, { data: { greeting: 'Hello' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: The inline hook did not return a valid response' });
    expect(bad.body.errorCauses[0].errorSummary).toMatch(/^commands\[0\]\.value is invalid for com\.example\.greeting\.update/);
  });

  test('the preview sends the type\'s sample and words the type\'s decision', async () => {
    const sample = await server.api('GET', `/api/v1/inlineHooks/${hookId}/preview/sample`);
    expect(sample.status).toBe(200);
    expect(sample.body).toMatchObject({ requestTypes: [], request: { eventType: TYPE, data: { greeting: 'Hello', user: { login: 'rosario.jones@example.com' } } } });

    endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: GREETING_UPDATE, value: { greeting: 'Good morning' } }] }));
    const preview = await server.api('POST', `/api/v1/inlineHooks/${hookId}/preview`, {});
    expect(preview.status).toBe(200);
    expect(preview.body.request).toMatchObject({ eventType: TYPE, data: { greeting: 'Hello' } });
    expect(preview.body.response).toEqual({ status: 200, body: { commands: [{ type: GREETING_UPDATE, value: { greeting: 'Good morning' } }] } });
    expect(preview.body.decision).toEqual({ result: 'CHANGED', greeting: 'Good morning', summary: 'The person is greeted with "Good morning".' });

    const refused = await server.api('GET', `/api/v1/inlineHooks/${hookId}/preview/sample?requestType=x`);
    expect(refused.status).toBe(400);
    expect(refused.body.errorCauses[0].errorSummary).toBe(`requestType: ${TYPE} hooks have no request types`);
  });

  test('the recorder keeps the type\'s real calls and replay compares its decisions', async () => {
    expect((await server.api('PUT', `/api/v1/inlineHooks/${hookId}/toolkit`, { recording: { maxCalls: 10, maxAgeDays: 1 }, shadow: null })).status).toBe(200);
    endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: GREETING_UPDATE, value: { greeting: 'Hey' } }] }));
    await runGreetingHook(server.ctx, audit, hookId, { greeting: 'Hello', login: 'ada@example.com' });
    const recordings = await server.api('GET', `/api/v1/inlineHooks/${hookId}/recordings`);
    expect(recordings.body).toHaveLength(1);

    endpoint.handle((_req, res) => { res.writeHead(204).end(); });
    const replay = await server.api('POST', `/api/v1/inlineHooks/${hookId}/replay`, { url: `${endpoint.url}/v2` });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ replayed: 1, changed: 1 });
    expect(replay.body.items[0].before).toMatchObject({ result: 'CHANGED', commands: [{ type: GREETING_UPDATE, value: { greeting: 'Hey' } }] });
    expect(replay.body.items[0].after).toMatchObject({ result: 'UNCHANGED', commands: [] });
  });

  test('hook check runs the type\'s sample and edge cases through the runner', async () => {
    endpoint.handle((_req, res) => json(res, 200, { commands: [{ type: GREETING_UPDATE, value: { greeting: 'Hi' } }] }));
    const report = await checkInlineHook(server.ctx, audit, { url: `${endpoint.url}/check`, type: TYPE, auth: { headers: [] } });
    expect(report.passed).toBe(true);
    expect(report.cases.map((c) => c.name)).toEqual(['sample', 'unicode-names', 'largest-profile']);
    expect(report.cases[0].decision).toMatchObject({ result: 'CHANGED', greeting: 'Hi' });
  });

  test('the console\'s types endpoint lists the type with its facts, behind the API\'s credentials', async () => {
    const res = await server.api('GET', TYPES_PATH);
    expect(res.status).toBe(200);
    expect(res.body.map((t: { type: string }) => t.type)).toEqual([...INLINE_HOOK_TYPES, TYPE]);
    expect(res.body.at(-1)).toEqual({
      type: TYPE, name: 'Example Transform', description: 'A test type: may change the greeting a person sees.', alias: 'example',
      retries: false, failure: 'open', commands: [GREETING_UPDATE], requestTypes: [],
    });
    expect(res.body[0]).toMatchObject({ type: 'com.okta.user.pre-registration', name: 'Registration', failure: 'closed', retries: true });
    expect((await plain.api('GET', TYPES_PATH)).body.map((t: { type: string }) => t.type)).toEqual(INLINE_HOOK_TYPES);

    const anonymous = await fetch(`${server.url}${TYPES_PATH}`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errorCode).toBe('E0000011');
  });
});
