import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

interface Person { first: string; last: string; department?: string; costCode?: number; remote?: boolean; skills?: string[]; status?: 'STAGED' | 'DEPROVISIONED' }

const PEOPLE: Person[] = [
  { first: 'Ada', last: 'Lovelace', department: 'Engineering', costCode: 100, remote: true, skills: ['math', 'poetry'] },
  { first: 'Alan', last: 'Turing', department: 'Engineering', costCode: 250, remote: false, skills: ['math', 'crypto'] },
  { first: 'Grace', last: 'Hopper', department: 'Engineering', costCode: 300, remote: true, skills: ['compilers'] },
  { first: 'Margaret', last: 'Hamilton', department: 'Space', costCode: 400, skills: ['apollo'] },
  { first: 'Katherine', last: 'Johnson', department: 'Space', costCode: 50, remote: false },
  { first: 'Barbara', last: 'Liskov', department: 'Research', status: 'STAGED' },
  { first: 'Edsger', last: 'Dijkstra', department: 'Research', status: 'DEPROVISIONED' },
  { first: 'Donald', last: 'Knuth', department: 'Research_Lab%' },
];

describe('Users API: list, q, filter, search, paging', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    const schema = await server.api('POST', '/api/v1/meta/schemas/user/default', {
      definitions: {
        custom: {
          id: '#custom', type: 'object',
          properties: {
            costCode: { title: 'Cost code', type: 'integer' },
            remote: { title: 'Remote', type: 'boolean' },
            skills: { title: 'Skills', type: 'array', items: { type: 'string' } },
          },
        },
      },
    });
    expect(schema.status).toBe(200);
    for (const p of PEOPLE) {
      const login = `${p.first.toLowerCase()}.${p.last.toLowerCase()}@example.com`;
      const profile: Record<string, unknown> = { firstName: p.first, lastName: p.last, email: login, login };
      if (p.department) profile.department = p.department;
      if (p.costCode !== undefined) profile.costCode = p.costCode;
      if (p.remote !== undefined) profile.remote = p.remote;
      if (p.skills) profile.skills = p.skills;
      const res = await server.api('POST', `/api/v1/users?activate=${p.status === 'STAGED' ? 'false' : 'true'}`, { profile });
      expect(res.status).toBe(200);
      ids[p.last] = res.body.id;
      if (p.status === 'DEPROVISIONED') await server.api('POST', `/api/v1/users/${res.body.id}/lifecycle/deactivate`);
    }
    // Enough extra users for several pages.
    for (let i = 0; i < 17; i++) {
      const login = `filler${i}@example.org`;
      const res = await server.api('POST', '/api/v1/users', { profile: { firstName: 'Filler', lastName: `Number${i}`, email: login, login } });
      expect(res.status).toBe(200);
    }
  });
  afterAll(async () => { await server?.close(); });

  const lastNames = (body: Array<{ profile: { lastName: string } }>) => body.map((u) => u.profile.lastName).sort();
  const search = async (expr: string) => server.api('GET', `/api/v1/users?search=${encodeURIComponent(expr)}`);
  const filter = async (expr: string) => server.api('GET', `/api/v1/users?filter=${encodeURIComponent(expr)}`);

  it('pages through every user with limit/after and Link rel="next", leaving DEPROVISIONED users out', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${server.url}/api/v1/users?limit=7`;
    let pages = 0;
    while (url) {
      const path: string = url.replace(/^https?:\/\/[^/]+/, '');
      const res = await server.api('GET', path);
      expect(res.status).toBe(200);
      expect(res.body.length).toBeLessThanOrEqual(7);
      for (const u of res.body) {
        expect(Object.keys(u._links)).toEqual(['self']);
        seen.push(u.id);
      }
      const link = res.headers.get('link') ?? '';
      expect(link).toContain('rel="self"');
      url = /<([^>]+)>; rel="next"/.exec(link)?.[1];
      if (url) expect(url.startsWith(server.ctx.config.issuer)).toBe(true);
      pages++;
    }
    const expected = await server.ctx.db.selectFrom('users').select('id').where('status', '<>', 'DEPROVISIONED').orderBy('id').execute();
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(seen).toEqual(expected.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).not.toContain(ids.Dijkstra);
  });

  it('refuses a bad limit', async () => {
    const res = await server.api('GET', '/api/v1/users?limit=0');
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
  });

  it('q matches the start of first name, last name, email or login, case-insensitively, without DEPROVISIONED users', async () => {
    expect(lastNames((await server.api('GET', '/api/v1/users?q=al')).body)).toEqual(['Turing']);
    expect(lastNames((await server.api('GET', '/api/v1/users?q=HOP')).body)).toEqual(['Hopper']);
    expect(lastNames((await server.api('GET', '/api/v1/users?q=ed')).body)).toEqual([]);
    expect(lastNames((await server.api('GET', '/api/v1/users?q=%25')).body)).toEqual([]);
    // q defaults to 10 results.
    expect((await server.api('GET', '/api/v1/users?q=filler')).body).toHaveLength(10);
  });

  it('filter: status, login, name and timestamps; DEPROVISIONED users included', async () => {
    expect(lastNames((await filter('status eq "STAGED"')).body)).toEqual(['Liskov']);
    expect(lastNames((await filter('status eq "DEPROVISIONED"')).body)).toEqual(['Dijkstra']);
    expect(lastNames((await filter('profile.login eq "GRACE.HOPPER@example.com"')).body)).toEqual(['Hopper']);
    expect(lastNames((await filter('profile.lastName eq "Knuth" or profile.firstName eq "Ada"')).body)).toEqual(['Knuth', 'Lovelace']);
    const all = (await server.api('GET', '/api/v1/users?filter=' + encodeURIComponent('lastUpdated gt "2000-01-01T00:00:00.000Z"'))).body;
    expect(all.length).toBe(PEOPLE.length + 17 + 1);
    expect((await filter('lastUpdated lt "2000-01-01T00:00:00.000Z"')).body).toEqual([]);
  });

  it('filter refuses what Okta does not support', async () => {
    for (const expr of ['profile.department eq "Space"', 'status sw "ACT"', 'status eq', 'status eq "ACTIVE" and (', 'not (status eq "ACTIVE")']) {
      const res = await filter(expr);
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses[0].errorSummary).toMatch(/^filter: /);
    }
  });

  it('search: sw, ew and co take a quoted string; a number there is a 400, not a server error', async () => {
    for (const expr of ['profile.firstName ew -2.5', 'not not profile.lastName sw 12 and status eq "ACTIVE"', 'profile.email co 7']) {
      const res = await search(expr);
      expect(res.status, expr).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses[0].errorSummary).toMatch(/needs a quoted string/);
    }
  });

  it('search: base and custom attributes, with eq, sw, co, gt/lt, and/or and parentheses', async () => {
    expect(lastNames((await search('profile.department eq "engineering"')).body)).toEqual(['Hopper', 'Lovelace', 'Turing']);
    expect(lastNames((await search('profile.department eq "Research" and (status eq "STAGED" or status eq "DEPROVISIONED")')).body)).toEqual(['Dijkstra', 'Liskov']);
    expect(lastNames((await search('profile.lastName sw "Ho"')).body)).toEqual(['Hopper']);
    expect(lastNames((await search('profile.email co "hamil"')).body)).toEqual(['Hamilton']);
    expect(lastNames((await search('profile.department sw "Research_"')).body)).toEqual(['Knuth']);
    expect(lastNames((await search('profile.costCode gt 200')).body)).toEqual(['Hamilton', 'Hopper', 'Turing']);
    expect(lastNames((await search('profile.costCode ge 100 and profile.costCode lt 300')).body)).toEqual(['Lovelace', 'Turing']);
    expect(lastNames((await search('profile.remote eq true')).body)).toEqual(['Hopper', 'Lovelace']);
    expect(lastNames((await search('profile.remote eq false')).body)).toEqual(['Johnson', 'Turing']);
    expect(lastNames((await search('profile.costCode pr and profile.department eq "Space"')).body)).toEqual(['Hamilton', 'Johnson']);
  });

  it('search: array attributes match when any element matches', async () => {
    expect(lastNames((await search('profile.skills eq "math"')).body)).toEqual(['Lovelace', 'Turing']);
    expect(lastNames((await search('profile.skills eq "MATH" and profile.skills eq "crypto"')).body)).toEqual(['Turing']);
    expect(lastNames((await search('profile.skills sw "comp"')).body)).toEqual(['Hopper']);
  });

  it('search: id, type.id, created, status', async () => {
    expect(lastNames((await search(`id eq "${ids.Hopper}"`)).body)).toEqual(['Hopper']);
    const typeId = (await server.api('GET', `/api/v1/users/${ids.Hopper}`)).body.type.id;
    expect((await search(`type.id eq "${typeId}"`)).body.length).toBe(PEOPLE.length + 17 + 1);
    expect((await search('created lt "2000-01-01T00:00:00.000Z"')).body).toEqual([]);
    expect(lastNames((await search('status eq "STAGED"')).body)).toEqual(['Liskov']);
  });

  it('search pages with Link headers too', async () => {
    const first = await server.api('GET', `/api/v1/users?limit=2&search=${encodeURIComponent('profile.department eq "Engineering"')}`);
    expect(first.body).toHaveLength(2);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    expect(new URL(next!).searchParams.get('search')).toBe('profile.department eq "Engineering"');
    const second = await server.api('GET', next!.replace(/^https?:\/\/[^/]+/, ''));
    expect(second.body).toHaveLength(1);
    expect(second.headers.get('link')).not.toContain('rel="next"');
    expect(lastNames([...first.body, ...second.body])).toEqual(['Hopper', 'Lovelace', 'Turing']);
  });

  it('search refuses bad expressions', async () => {
    for (const expr of ['status ne "ACTIVE"', 'profile.department eq', 'profile.department xx "a"', 'credentials.password eq "x"', 'profile.bad-name eq "x"', '(status eq "ACTIVE"']) {
      const res = await search(expr);
      expect(res.status).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses[0].errorSummary).toMatch(/^search: /);
    }
  });
});
