import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileFilter } from '../../src/hooks/event/filter/evaluate.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { card, createFlow, endpoint, endpointFlow, field, invoke, returnCard, wire, type CreatedFlow } from '../helpers/workflows.js';

/*
 * Patterns from outside run on a linear-time engine (issue 13 item 4): a pattern that backtracks
 * exponentially on V8's RegExp (`^([a-z]+)+$` on 30 letters and a `!`: minutes of a blocked event loop)
 * answers at once, over HTTP, in a flow's Find Pattern card and in a profile schema pattern.
 */

const EVIL = '^([a-z]+)+$';
const ADVERSARIAL = `${'a'.repeat(30)}!`;

let server: TestServer;
let finder: CreatedFlow;

beforeAll(async () => {
  server = await startTestServer();
  finder = await createFlow(server, endpointFlow('Find Pattern over HTTP', {
    securityLevel: 'open',
    cards: [
      endpoint([{ id: 'text', key: 'text', group: 'body' }, { id: 'pattern', key: 'pattern', group: 'body' }]),
      card('find', 'string:match', {
        name: 'Find Pattern',
        inputs: [field('findText', 'string', 'string'), field('findPattern', 'target', 'string')],
        outputs: [field('findAt', 'output', 'number')],
      }),
      returnCard('answer', [{ id: 'at', key: 'at', type: 'number' }]),
    ],
    wires: [wire('endpoint.text', 'find.findText'), wire('endpoint.pattern', 'find.findPattern'), wire('find.findAt', 'answer.at')],
  }));
});

afterAll(async () => {
  await server?.close();
});

describe('Find Pattern in an invoked flow', () => {
  test('the exponential pattern on the adversarial text: no match, and the server keeps answering', async () => {
    const [res, health] = await Promise.all([
      invoke(finder.invokeUrl, { body: { text: ADVERSARIAL, pattern: EVIL } }),
      fetch(`${server.url}/health`),
    ]);
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ at: -1 });
    expect(health.status).toBe(200);
    const hit = await invoke(finder.invokeUrl, { body: { text: 'a'.repeat(30), pattern: EVIL } });
    expect(hit.json).toMatchObject({ at: 0 });
  });

  test('Okta-style patterns: classes, groups, inline case-insensitivity, anchors, UTF-16 positions', async () => {
    for (const [text, pattern, at] of [
      ['user42', '[0-9]+', 4], ['Jane.Doe@ATKO.com', '(?i)@atko\\.com$', 8], ['x😀y', 'y', 3], ['abc', '^b', -1],
    ] as const) {
      const res = await invoke(finder.invokeUrl, { body: { text, pattern } });
      expect(res.json, `${pattern} on ${text}`).toMatchObject({ at });
    }
  });

  test('lookahead and backreferences fail the card with the reason', async () => {
    const look = await invoke(finder.invokeUrl, { body: { text: 'ab', pattern: 'a(?=b)' } });
    expect(look.status).toBe(500);
    expect(look.json.error).toMatch(/Find Pattern.*lookahead and lookbehind .* are not supported/);
    const back = await invoke(finder.invokeUrl, { body: { text: 'aa', pattern: '(a)\\1' } });
    expect(back.json.error).toMatch(/backreferences .* are not supported/);
  });
});

describe('profile schema patterns', () => {
  test('a user value checked against the exponential pattern is refused at once', async () => {
    const schema = await server.api('POST', '/api/v1/meta/schemas/user/default', {
      definitions: { custom: { id: '#custom', type: 'object', properties: { badge: { title: 'Badge', type: 'string', pattern: EVIL } } } },
    });
    expect(schema.status, JSON.stringify(schema.body)).toBe(200);
    const res = await server.api('POST', '/api/v1/users?activate=false', {
      profile: { firstName: 'Re', lastName: 'Dos', email: 'redos@example.com', login: 'redos@example.com', badge: ADVERSARIAL },
    });
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(JSON.stringify(res.body.errorCauses)).toMatch(/badge: Does not match required pattern/);
    const ok = await server.api('POST', '/api/v1/users?activate=false', {
      profile: { firstName: 'Re', lastName: 'Dos', email: 'redos@example.com', login: 'redos@example.com', badge: 'abc' },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  test('a lookahead pattern is refused when the schema is saved', async () => {
    const res = await server.api('POST', '/api/v1/meta/schemas/user/default', {
      definitions: { custom: { id: '#custom', type: 'object', properties: { code: { title: 'Code', type: 'string', pattern: '(?=x)x' } } } },
    });
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
  });
});

describe('the Expression Language `matches` (event hook filters)', () => {
  const event = { eventType: 'user.lifecycle.create', target: [{ alternateId: `${'a'.repeat(30)}!` }] };

  test('whole-text matching on RE2, as SpEL\'s matches', () => {
    expect(compileFilter("event.eventType matches 'user\\.lifecycle\\..*'").matches(event)).toBe(true);
    expect(compileFilter("event.eventType matches 'lifecycle'").matches(event)).toBe(false);
    expect(compileFilter("event.eventType matches '(?i)USER\\..*'").matches(event)).toBe(true);
    expect(compileFilter(`event.target[0].alternateId matches '${EVIL}'`).matches(event)).toBe(false);
  });

  test('an event hook with a lookahead pattern is refused when saved; a plain one is accepted', async () => {
    const hookWith = (expression: string) => server.api('POST', '/api/v1/eventHooks', {
      name: 'matches', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'], filter: { type: 'EXPRESSION_LANGUAGE', eventFilterMap: [{ event: 'user.lifecycle.create', condition: { version: null, expression } }] } },
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: 'https://hooks.example.com/x' } },
    });
    const bad = await hookWith("event.eventType matches 'user(?=\\.)'");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/lookahead and lookbehind/);
    const ok = await hookWith("event.eventType matches 'user\\..*'");
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });
});
