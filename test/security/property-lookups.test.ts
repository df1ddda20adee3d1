import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_FILTER_DEPTH } from '../../src/platform/filter.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/*
 * Names from a query or body never pick a JavaScript property (issue 13 item 6): `constructor`,
 * `toString`, `__proto__` in a users search or filter, a System Log filter, an apps filter or a schema
 * update answer Okta's 400 (E0000001 with the cause) or match nothing, never 500.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.close();
});

const q = (text: string) => encodeURIComponent(text);

describe('searches and filters', () => {
  test.each([
    `/api/v1/users?search=${q('constructor eq "1"')}`,
    `/api/v1/users?search=${q('__proto__ eq "1"')}`,
    `/api/v1/users?filter=${q('constructor eq "1"')}`,
    `/api/v1/logs?filter=${q('__proto__ eq "1"')}`,
    `/api/v1/logs?filter=${q('constructor eq "1"')}`,
    `/api/v1/apps?filter=${q('constructor eq "1"')}`,
    `/api/v1/apps?filter=${q('__proto__ eq "1"')}`,
    `/api/v1/apps?filter=${q('toString eq "1"')}`,
  ])('%s: 400 E0000001 naming the parameter', async (url) => {
    const res = await server.api('GET', url);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorCauses[0].errorSummary).toMatch(/^(search|filter): Invalid (search|filter) expression: .* cannot be used in a filter$/);
  });

  test.each(['toString', 'hasOwnProperty', 'constructor', 'valueOf'])('profile.%s in a users search is a profile attribute like any other: no match', async (name) => {
    const res = await server.api('GET', `/api/v1/users?search=${q(`profile.${name} eq "1"`)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual([]);
  });

  test('profile.__proto__ is not an attribute name: 400', async () => {
    const res = await server.api('GET', `/api/v1/users?search=${q('profile.__proto__ eq "1"')}`);
    expect(res.status).toBe(400);
    expect(res.body.errorCauses[0].errorSummary).toBe('search: Invalid search expression: profile.__proto__ cannot be used in a filter');
  });

  test('a search nested deeper than the limit, or with too many comparisons, is a 400', async () => {
    const deep = `${'('.repeat(MAX_FILTER_DEPTH + 1)}status eq "ACTIVE"${')'.repeat(MAX_FILTER_DEPTH + 1)}`;
    const res = await server.api('GET', `/api/v1/users?search=${q(deep)}`);
    expect(res.status).toBe(400);
    expect(res.body.errorCauses[0].errorSummary).toMatch(/nests deeper than 32 levels/);
    const wide = Array.from({ length: 150 }, () => 'id pr').join(' or ');
    const many = await server.api('GET', `/api/v1/logs?filter=${q(wide)}`);
    expect(many.status).toBe(400);
    expect(many.body.errorCauses[0].errorSummary).toMatch(/more than 100 comparisons/);
    const ok = await server.api('GET', `/api/v1/users?search=${q(`${'('.repeat(5)}status eq "ACTIVE"${')'.repeat(5)}`)}`);
    expect(ok.status).toBe(200);
    expect(ok.body.length).toBeGreaterThan(0);
  });
});

describe('schema updates', () => {
  test.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])('base property %s: 400 "not a base attribute" and nothing changes', async (name) => {
    const before = await server.api('GET', '/api/v1/meta/schemas/user/default');
    const res = await server.api('POST', '/api/v1/meta/schemas/user/default', `{"definitions":{"base":{"properties":{"${name}":{"title":"x"}}}}}`);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorCauses[0].errorSummary).toBe(`${name}: Not a base attribute; custom attributes belong in definitions.custom`);
    const after = await server.api('GET', '/api/v1/meta/schemas/user/default');
    expect(after.body.definitions).toEqual(before.body.definitions);
  });

  test('removing a custom attribute named constructor that does not exist changes nothing', async () => {
    const res = await server.api('POST', '/api/v1/meta/schemas/user/default', { definitions: { custom: { id: '#custom', type: 'object', properties: { constructor: null } } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body.definitions.custom.properties)).not.toContain('constructor');
  });
});
