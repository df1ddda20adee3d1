import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHookServer, type HookServer } from '../helpers/hook-server.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { createFlow, endpoint, endpointFlow, invoke, returnCard, wire, type CreatedFlow } from '../helpers/workflows.js';
import { useRegistrationHook } from '../helpers/enrollment.js';
import { contractorsFlopack } from '../helpers/fixture-flopack.js';

/*
 * Fuzzing over real HTTP (issue 13, "Also"): random and grammar-shaped input to every endpoint that parses
 * outside text answers 2xx, 3xx or 4xx, never 5xx, and the server keeps answering. Bounded runs per test.
 */

const RUNS = 60;

let server: TestServer;
let hook: HookServer;
let echo: CreatedFlow;
let policyId: string;

beforeAll(async () => {
  server = await startTestServer();
  hook = await startHookServer();
  echo = await createFlow(server, endpointFlow('Fuzz echo', {
    securityLevel: 'open',
    cards: [endpoint([{ id: 'who', key: 'who', group: 'body' }]), returnCard('answer', [{ id: 'who', key: 'who' }])],
    wires: [wire('endpoint.who', 'answer.who')],
  }));
  const created = await server.api('POST', '/api/v1/inlineHooks', {
    name: 'Fuzz registration', type: 'com.okta.user.pre-registration', version: '1.0.0',
    channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${hook.url}/hook`, method: 'POST' } },
  });
  policyId = await useRegistrationHook(server, created.body.id);
});

afterAll(async () => {
  await hook?.close();
  await server?.close();
});

const FILTER_TOKENS = ['(', ')', 'and', 'or', 'not', 'eq', 'sw', 'co', 'pr', 'gt', 'ge', 'lt', '"x"', '"', '\\', 'status', 'profile.login', 'profile.firstName',
  'profile.__proto__', 'constructor', '__proto__', 'toString', 'lastUpdated', 'created', '1', 'true', 'null', 'id', 'type', 'target.id', 'actor.id', 'eventType',
  'outcome.result', 'name', 'label', 'signOnMode', 'profile.name', '"ACTIVE"', '"2024-01-01T00:00:00.000Z"'];

const ATTRIBUTES = ['status', 'id', 'created', 'lastUpdated', 'type', 'type.id', 'profile.login', 'profile.firstName', 'profile.name', 'profile.nickName', 'name', 'label',
  'signOnMode', 'eventType', 'actor.id', 'target.id', 'outcome.result', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'profile.__proto__',
  'profile.constructor', 'profile.toString', 'actor.constructor', 'actor.__proto__', 'valueOf'];
const VALUES = ['"ACTIVE"', '"x"', '""', '"a\\"b"', '1', '-2.5', 'true', 'null', '"2024-01-01T00:00:00.000Z"', '"%"', '"_"'];
/** `attr op value` comparisons joined with and/or/not and parentheses, as a filter is written. */
const comparison = fc.tuple(fc.constantFrom(...ATTRIBUTES), fc.constantFrom('eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'), fc.constantFrom(...VALUES))
  .map(([attr, op, value]) => (op === 'pr' ? `${attr} pr` : `${attr} ${op} ${value}`));
const { expression: structuredFilter } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.tuple(tie('expression'), fc.constantFrom('and', 'or'), tie('expression')).map(([l, op, r]) => `${l} ${op} ${r}`),
    tie('expression').map((e) => `(${e})`),
    tie('expression').map((e) => `not ${e}`)),
}));

const filterText = fc.oneof(
  structuredFilter,
  structuredFilter,
  fc.array(fc.constantFrom(...FILTER_TOKENS), { maxLength: 30 }).map((parts) => parts.join(' ')),
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

function notServerError(status: number, what: string): void {
  expect(status, what).toBeLessThan(500);
}

describe('searches and filters', () => {
  test.each([
    '/api/v1/users?search=', '/api/v1/users?filter=', '/api/v1/groups?search=', '/api/v1/groups?filter=', '/api/v1/logs?filter=', '/api/v1/apps?filter=',
  ])('%s…', async (prefix) => {
    await fc.assert(fc.asyncProperty(filterText, async (text) => {
      const res = await server.api('GET', `${prefix}${encodeURIComponent(text)}`);
      notServerError(res.status, `${prefix}${text}`);
    }), { numRuns: RUNS });
  });
});

describe('event hook filter expressions', () => {
  test('creating an event hook with any filter expression is 200 or 400', async () => {
    const expression = fc.oneof(
      fc.array(fc.constantFrom('event', '.', 'eventType', 'target', '?.', '[0]', "'a'", '==', 'eq', '&&', '||', '!', '(', ')', '.?[', ']', '#this', 'size()',
        'String.stringContains(', ',', 'null', '1', "'", '__proto__', 'constructor'), { maxLength: 25 }).map((p) => p.join(' ')),
      fc.string({ maxLength: 100 }),
    );
    await fc.assert(fc.asyncProperty(expression, async (text) => {
      const res = await server.api('POST', '/api/v1/eventHooks', {
        name: 'fuzz', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'], filter: { type: 'EXPRESSION_LANGUAGE', eventFilterMap: [{ event: 'user.lifecycle.create', condition: { version: null, expression: text } }] } },
        channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/x' } },
      });
      notServerError(res.status, text);
      if (res.status === 200) await server.api('DELETE', `/api/v1/eventHooks/${res.body.id}`);
    }), { numRuns: RUNS });
  });
});

describe('flopack import', () => {
  // The project's own export (not Okta's corpus), so the fuzzing runs in a clone alone.
  const template = contractorsFlopack() as unknown;
  /** Every path to a value in the template, to replace one of them with something random. */
  const paths: string[][] = [];
  (function walk(value: unknown, at: string[]) {
    paths.push(at);
    if (value && typeof value === 'object') for (const [key, child] of Object.entries(value)) walk(child, [...at, key]);
  })(template, []);

  function mutated(pathIndex: number, replacement: unknown): unknown {
    const copy = structuredClone(template) as Record<string, unknown>;
    const at = paths[pathIndex % paths.length];
    if (at.length === 0) return replacement;
    let parent: Record<string, unknown> = copy;
    for (const key of at.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
    parent[at[at.length - 1]] = replacement;
    return copy;
  }

  test('a real template with one value replaced by anything: 200 or 400, all or nothing', async () => {
    const before = (await server.api('GET', '/api/workflows/v1/flows')).body.length;
    let imported = 0;
    await fc.assert(fc.asyncProperty(fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(null, '', '__proto__', 'constructor', -1, 1e308, [], {})), async (index, replacement) => {
      const res = await server.api('POST', '/api/workflows/v1/import', mutated(index, replacement));
      notServerError(res.status, JSON.stringify(paths[index % paths.length]));
      if (res.status === 200) imported = 1;
    }), { numRuns: RUNS });
    // Re-imports of the same flow id replace it: at most one more flow than before.
    expect((await server.api('GET', '/api/workflows/v1/flows')).body.length).toBeLessThanOrEqual(before + imported);
  });

  test('random JSON and random text as a flopack: 400', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 })), async (body) => {
      const res = await server.api('POST', '/api/workflows/v1/import', body);
      notServerError(res.status, body);
    }), { numRuns: RUNS });
  });
});

describe('invoked flows', () => {
  test('any body, query and header values reach an API Endpoint flow without a 5xx', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof(fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 })),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
      async (body, query, contentType) => {
        const res = await invoke(`${echo.invokeUrl}?q=${encodeURIComponent(query)}`, { body, headers: { 'content-type': contentType } });
        notServerError(res.status, body);
      },
    ), { numRuns: RUNS });
  });
});

describe('inline hook replies', () => {
  test('whatever a registration hook answers (bytes, JSON, commands), registration answers 200 or 400', async () => {
    const reply = fc.oneof(
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.jsonValue({ maxDepth: 5 }).map((v) => Buffer.from(JSON.stringify(v))),
      fc.record({
        commands: fc.array(fc.record({ type: fc.constantFrom('com.okta.user.profile.update', 'com.okta.action.update', 'x', '__proto__', 'constructor'), value: fc.jsonValue({ maxDepth: 3 }) }), { maxLength: 3 }),
        error: fc.option(fc.record({ errorSummary: fc.string(), errorCauses: fc.array(fc.record({ errorSummary: fc.string(), reason: fc.string(), locationType: fc.string(), location: fc.string(), domain: fc.string() })) })),
      }).map((v) => Buffer.from(JSON.stringify(v))),
    );
    const status = fc.constantFrom(200, 200, 200, 204, 301, 400, 500);
    let n = 0;
    await fc.assert(fc.asyncProperty(reply, status, async (bytes, code) => {
      hook.handle((_req, res) => {
        res.writeHead(code, { 'content-type': 'application/json' }).end(code === 204 ? undefined : bytes);
      });
      n += 1;
      const res = await fetch(`${server.url}/api/v1/registration/${policyId}/register`, {
        method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ userProfile: { email: `fuzz.${n}@example.com`, firstName: 'F', lastName: 'Z', password: 'Sunny-Day-42' } }),
      });
      await res.arrayBuffer();
      notServerError(res.status, bytes.toString('latin1'));
    }), { numRuns: 30 });
  });
});

describe('redirect parameters', () => {
  const param = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.array(fc.constantFrom('/', '//', '\\', '\t', ' ', '\r', '\n', 'evil.example', '%2F', '%09', '%0d%0a', 'http:', 'javascript:', '@', '?', '#', 'app', 'é', '\u2028'), { maxLength: 8 }).map((p) => p.join('')),
  );

  test('/signin?fromURI= and /login/sessionCookieRedirect?redirectUrl= answer without a 5xx', async () => {
    await fc.assert(fc.asyncProperty(param, async (value) => {
      for (const url of [`/signin?fromURI=${encodeURIComponent(value)}`, `/login/sessionCookieRedirect?token=not-a-token&redirectUrl=${encodeURIComponent(value)}`]) {
        const res = await fetch(`${server.url}${url}`, { redirect: 'manual' });
        await res.arrayBuffer();
        notServerError(res.status, url);
      }
    }), { numRuns: RUNS });
  });
});

test('the server still answers after all of it', async () => {
  expect((await fetch(`${server.url}/health`)).status).toBe(200);
});
