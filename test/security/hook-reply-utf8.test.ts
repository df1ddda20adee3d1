import { afterAll, beforeAll, expect, test } from 'vitest';
import { startHookServer, type HookServer } from '../helpers/hook-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { useRegistrationHook } from '../helpers/enrollment.js';

/*
 * A hook reply that is not valid UTF-8 is an invalid reply (issue 13 item 13): it used to be decoded with
 * U+FFFD in place of the bad bytes, which then landed in the new user's profile. Now the type's failure
 * rule applies; for registration that is "fail closed": no user, Okta's generic error.
 */

const GENERIC = 'There was an error creating your account. Please try registering again';

let server: TestServer;
let hook: HookServer;
let policyId: string;

beforeAll(async () => {
  server = await startTestServer();
  hook = await startHookServer();
  const created = await server.api('POST', '/api/v1/inlineHooks', {
    name: 'Registration hook', type: 'com.okta.user.pre-registration', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${hook.url}/hook`, method: 'POST' } },
  });
  expect(created.status).toBe(200);
  policyId = await useRegistrationHook(server, created.body.id);
});

afterAll(async () => {
  await hook?.close();
  await server?.close();
});

async function register(email: string) {
  const res = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ userProfile: { email, firstName: 'Jane', lastName: 'Doe', password: 'Sunny-Day-42' }, relayState: '/app' }),
  });
  return { status: res.status, body: await res.json() };
}

function replyWith(bytes: Buffer) {
  hook.handle((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(bytes);
  });
}

const reply = (firstName: Buffer) => Buffer.concat([
  Buffer.from('{"commands":[{"type":"com.okta.user.profile.update","value":{"firstName":"'), firstName, Buffer.from('"}}]}'),
]);

test('a reply with bytes that are not UTF-8: registration fails closed and no user has U+FFFD', async () => {
  replyWith(reply(Buffer.from([0x4a, 0xff, 0xfe, 0x61, 0x6e, 0x65])));
  const res = await register('bad.bytes@example.com');
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ errorCode: 'E0000001', errorSummary: GENERIC });
  const user = await server.api('GET', `/api/v1/users/${encodeURIComponent('bad.bytes@example.com')}`);
  expect(user.status).toBe(404);
  const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "inline_hook.executed"')}`);
  expect(JSON.stringify(logs.body)).toContain('The reply is not valid UTF-8');
});

test('an overlong encoding or a lone surrogate is refused too; valid multi-byte UTF-8 is applied', async () => {
  for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
    replyWith(reply(Buffer.from(bytes)));
    const res = await register(`bad.${bytes.join('-')}@example.com`);
    expect(res.status, String(bytes)).toBe(400);
  }
  replyWith(reply(Buffer.from('Zoë 日本', 'utf8')));
  const ok = await register('good.bytes@example.com');
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  const user = await server.api('GET', `/api/v1/users/${encodeURIComponent('good.bytes@example.com')}`);
  expect(user.body.profile.firstName).toBe('Zoë 日本');
});

test('a reply nested 100,000 deep (within 256 KB) is invalid: registration fails closed, no 500', async () => {
  const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
  replyWith(Buffer.from(`{"commands":[{"type":"com.okta.user.profile.update","value":{"firstName":"Deep","nickName":${deep}}}]}`));
  const res = await register('deep.reply@example.com');
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ errorCode: 'E0000001', errorSummary: GENERIC });
  const logs = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent('eventType eq "inline_hook.executed"')}`);
  expect(JSON.stringify(logs.body)).toContain('The reply nests deeper than 100 levels');
});
