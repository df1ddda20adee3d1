import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../src/platform/json-depth.js';
import { readFlopack } from '../../src/workflows/flopack/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/*
 * JSON nested deeper than MAX_JSON_DEPTH (100) is refused with a 400 and a clear message (issue 13 item 7):
 * a flopack nested 100,000 deep overflowed the stack while being copied and answered 500.
 */

const nested = (levels: number, inner = '1') => '{"a":'.repeat(levels) + inner + '}'.repeat(levels);

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

describe('flopack import', () => {
  test('a flopack nested 100,000 deep: 400 naming the limit, and no flow is created', async () => {
    const before = await server.api('GET', '/api/workflows/v1/flows');
    const body = `{"type":"flopack","version":"1.0.0","data":{"flos":{"x":${nested(100_000)}}}}`;
    const res = await server.api('POST', '/api/workflows/v1/import', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errorCode: 'E0000003', errorCauses: [{ errorSummary: `The JSON nests deeper than ${MAX_JSON_DEPTH} levels` }] });
    const after = await server.api('GET', '/api/workflows/v1/flows');
    expect(after.body).toEqual(before.body);
  });

  test('read directly (the CLI), the same file is a FlopackError, not a stack overflow', () => {
    const json = JSON.parse(`{"type":"flopack","version":"1.0.0","data":{"flos":{"x":${nested(100_000)}}}}`);
    expect(() => readFlopack(json)).toThrow(/nests deeper than 100 levels/);
  });
});

describe('any JSON body on the API', () => {
  test.each([
    ['/api/v1/groups', `{"profile":{"name":"deep","description":${nested(100_000)}}}`],
    ['/api/v1/users?activate=false', `{"profile":{"login":"d@example.com","email":"d@example.com","firstName":"D","lastName":"E","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`],
    ['/api/workflows/v1/flows', `{"name":"deep","cards":[{"id":"a","type":"control:noop","name":"a","inputs":[{"id":"i","key":"k","type":"object","value":${nested(100_000)}}]}],"wires":[]}`],
  ])('%s: 400 E0000003', async (url, body) => {
    const res = await server.api('POST', url, body);
    expect(res.status).toBe(400);
    expect(res.body.errorCauses[0].errorSummary).toBe('The JSON nests deeper than 100 levels');
  });

  test('a flow with a card value nested 90 levels is accepted and kept as sent', async () => {
    const value = JSON.parse(nested(90, '"bottom"'));
    const res = await server.api('POST', '/api/workflows/v1/flows', {
      name: 'deep but fine', cards: [{ id: 'a', type: 'control:noop', name: 'a', inputs: [{ id: 'i', key: 'k', type: 'object', value }] }], wires: [],
    });
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const stored = await server.api('GET', `/api/workflows/v1/flows/${res.body.id}`);
    expect(JSON.stringify(stored.body)).toContain(JSON.stringify(value));
  });
});

test('the depth count is exact', () => {
  expect(nestsDeeperThan(JSON.parse(nested(99)), 100)).toBe(false);
  expect(nestsDeeperThan(JSON.parse(nested(100)), 100)).toBe(false);
  expect(nestsDeeperThan(JSON.parse(nested(101)), 100)).toBe(true);
  expect(nestsDeeperThan([[[]]], 2)).toBe(true);
  expect(nestsDeeperThan('text', 0)).toBe(false);
});
