import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { invoke } from '../../../test/helpers/workflows.js';
import { readTemplate } from '../../../test/helpers/templates.js';

/* The Tables API over real HTTP, and Okta templates with tables imported, exported and run. */

const template = (name: string) => readTemplate(name) as any;
const API = '/api/workflows/v1';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const people = {
  name: 'People',
  description: 'Who is who',
  folderId: 'folder-1',
  columns: [
    { name: 'Name', type: 'str' },
    { name: 'Age', type: 'dec', default: '0' },
    { name: 'Active', type: 'bln', default: 'false' },
    { name: 'Joined', type: 'dte' },
  ],
};

async function newTable(body: object = people): Promise<string> {
  const res = await server.api('POST', `${API}/tables`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.id as string;
}

async function logged(eventType: string, targetId: string): Promise<number> {
  const res = await server.api('GET', `/api/v1/logs?limit=1000&filter=${encodeURIComponent(`eventType eq "${eventType}" and target.id eq "${targetId}"`)}`);
  expect(res.status).toBe(200);
  return (res.body as unknown[]).length;
}

const nextLink = (headers: Headers) => /<([^>]+)>; rel="next"/.exec(headers.get('link') ?? '')?.[1];

describe('tables', () => {
  test('create, read, list by folder and delete a table, with System Log events', async () => {
    const id = await newTable();
    const read = await server.api('GET', `${API}/tables/${id}`);
    expect(read.body).toMatchObject({
      id,
      name: 'People',
      folderId: 'folder-1',
      rowCount: 0,
      columns: [
        { name: 'Name', type: 'str', default: null },
        { name: 'Age', type: 'dec', default: '0' },
        { name: 'Active', type: 'bln', default: 'false' },
        { name: 'Joined', type: 'dte', default: null },
      ],
    });
    expect(await logged('workflows.user.table.create', id)).toBe(1);
    const other = await newTable({ ...people, name: 'Elsewhere', folderId: 'folder-2' });
    const inFolder = await server.api('GET', `${API}/tables?folderId=folder-2`);
    expect(inFolder.body.map((table: { id: string }) => table.id)).toEqual([other]);

    expect((await server.api('DELETE', `${API}/tables/${other}`)).status).toBe(204);
    expect(await logged('workflows.user.table.delete', other)).toBe(1);
    const gone = await server.api('GET', `${API}/tables/${other}`);
    expect(gone.status).toBe(404);
    expect(gone.body.errorCode).toBe('E0000007');
  });

  test('tables list in pages with a Link header', async () => {
    await newTable({ ...people, name: 'Page A', folderId: 'paged' });
    await newTable({ ...people, name: 'Page B', folderId: 'paged' });
    await newTable({ ...people, name: 'Page C', folderId: 'paged' });
    const first = await server.api('GET', `${API}/tables?folderId=paged&limit=2`);
    expect(first.body.map((table: { name: string }) => table.name)).toEqual(['Page A', 'Page B']);
    const next = nextLink(first.headers);
    expect(next).toBeDefined();
    const second = await server.api('GET', new URL(next!).pathname + new URL(next!).search);
    expect(second.body.map((table: { name: string }) => table.name)).toEqual(['Page C']);
    expect(nextLink(second.headers)).toBeUndefined();
  });

  test.each<[string, object, RegExp]>([
    ['an unknown column type', { ...people, columns: [{ name: 'X', type: 'text' }] }, /columns\[0\]\.type: 'text' is not a column type/],
    ['a column named twice', { ...people, columns: [{ name: 'X', type: 'str' }, { name: 'X', type: 'dec' }] }, /appears twice/],
    ['a default the type cannot hold', { ...people, columns: [{ name: 'N', type: 'dec', default: 'many' }] }, /'many' is not a value of type dec/],
    ['no columns', { ...people, columns: [] }, /columns/],
    ['an empty name', { ...people, name: ' ' }, /name: A table needs a name/],
  ])('a table with %s: 400, nothing created', async (_name, body, cause) => {
    const before = (await server.api('GET', `${API}/tables?limit=200`)).body.length;
    const res = await server.api('POST', `${API}/tables`, body);
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
    expect(res.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary).join('\n')).toMatch(cause);
    expect((await server.api('GET', `${API}/tables?limit=200`)).body.length).toBe(before);
  });

  test('the API needs the admin token', async () => {
    const res = await fetch(`${server.url}${API}/tables`);
    expect(res.status).toBe(401);
  });
});

describe('rows', () => {
  test('add, page through, read, change, replace and delete rows', async () => {
    const id = await newTable();
    const added = [];
    for (const [name, age] of [['Ann', 30], ['Bob', 25], ['Cid', 40]] as const) {
      const res = await server.api('POST', `${API}/tables/${id}/rows`, { fields: { Name: name, Age: age } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      added.push(res.body);
    }
    expect(added[0]).toMatchObject({ fields: { Name: 'Ann', Age: 30, Active: false, Joined: null } });

    const first = await server.api('GET', `${API}/tables/${id}/rows?limit=2`);
    expect(first.body.map((row: { fields: { Name: string } }) => row.fields.Name)).toEqual(['Ann', 'Bob']);
    const next = new URL(nextLink(first.headers)!);
    const second = await server.api('GET', next.pathname + next.search);
    expect(second.body.map((row: { fields: { Name: string } }) => row.fields.Name)).toEqual(['Cid']);

    const bob = added[1].id as string;
    const changed = await server.api('POST', `${API}/tables/${id}/rows/${bob}`, { fields: { Active: true, Joined: '2021-06-01T12:00:00+02:00' } });
    expect(changed.body.fields).toEqual({ Name: 'Bob', Age: 25, Active: true, Joined: '2021-06-01T10:00:00.000Z' });
    const replaced = await server.api('PUT', `${API}/tables/${id}/rows/${bob}`, { fields: { Name: 'Robert' } });
    expect(replaced.body.fields).toEqual({ Name: 'Robert', Age: null, Active: null, Joined: null });
    expect((await server.api('GET', `${API}/tables/${id}/rows/${bob}`)).body.fields.Name).toBe('Robert');

    expect((await server.api('DELETE', `${API}/tables/${id}/rows/${bob}`)).status).toBe(204);
    expect((await server.api('GET', `${API}/tables/${id}/rows/${bob}`)).status).toBe(404);
    expect((await server.api('DELETE', `${API}/tables/${id}/rows/${bob}`)).status).toBe(404);
    expect((await server.api('GET', `${API}/tables/${id}`)).body.rowCount).toBe(2);
  });

  test.each<[string, Record<string, unknown>, string[]]>([
    ['text in a number column', { Age: 'thirty' }, ["fields.Age: The column 'Age' holds numbers"]],
    ['a number in a text column', { Name: 7 }, ["fields.Name: The column 'Name' holds text"]],
    ['text in a true/false column', { Active: 'yes' }, ["fields.Active: The column 'Active' holds true or false"]],
    ['a date that is not one', { Joined: 'last week' }, ["fields.Joined: The column 'Joined' holds dates (ISO-8601 text)"]],
    ['an unknown column, with another problem', { Shoe: 9, Age: true }, ["fields.Shoe: The table 'People' has no column 'Shoe'", "fields.Age: The column 'Age' holds numbers"]],
  ])('%s: 400 with every cause, and nothing changes', async (_name, fields, causes) => {
    const id = await newTable();
    const row = (await server.api('POST', `${API}/tables/${id}/rows`, { fields: { Name: 'Ann', Age: 30 } })).body;
    for (const [method, url] of [['POST', `${API}/tables/${id}/rows`], ['POST', `${API}/tables/${id}/rows/${row.id}`], ['PUT', `${API}/tables/${id}/rows/${row.id}`]]) {
      const res = await server.api(method, url, { fields });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: fields' });
      expect(res.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary)).toEqual(causes);
    }
    const rows = (await server.api('GET', `${API}/tables/${id}/rows`)).body;
    expect(rows).toEqual([row]);
  });

  test('a body without fields is refused by the schema', async () => {
    const id = await newTable();
    const res = await server.api('POST', `${API}/tables/${id}/rows`, { Name: 'Ann' });
    expect(res.status).toBe(400);
    expect(res.body.errorCode).toBe('E0000001');
  });

  test('rows of a table that does not exist: 404', async () => {
    const res = await server.api('POST', `${API}/tables/nope/rows`, { fields: {} });
    expect(res.status).toBe(404);
    expect(res.body.errorSummary).toMatch(/nope/);
  });

  test('clear a table, and export it as CSV (a System Log event)', async () => {
    const id = await newTable();
    await server.api('POST', `${API}/tables/${id}/rows`, { fields: { Name: 'Ann, "A"', Age: 30, Active: true } });
    await server.api('POST', `${API}/tables/${id}/rows`, { fields: { Name: 'Bob', Joined: '2020-01-01T00:00:00Z' } });
    const res = await fetch(`${server.url}${API}/tables/${id}/export`, { headers: { authorization: `SSWS ${server.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="People.csv"');
    expect(await res.text()).toBe('Name,Age,Active,Joined\r\n"Ann, ""A""",30,true,\r\nBob,0,false,2020-01-01T00:00:00.000Z\r\n');
    expect(await logged('workflows.user.table.export', id)).toBe(1);

    const cleared = await server.api('DELETE', `${API}/tables/${id}/rows`);
    expect(cleared.body).toEqual({ clearedRows: 2 });
    expect((await server.api('GET', `${API}/tables/${id}/rows`)).body).toEqual([]);
  });
});

describe('templates with tables', () => {
  const DOMAINS = '1b2858af-ae35-4966-820a-ff63ee7ccbda';

  test('validate_email_domain: its table imports, takes rows through the API, and the flow searches it', async () => {
    const file = template('validate_email_domain_using_registration_inline_ho');
    const imported = await server.api('POST', `${API}/import?activate=true`, file);
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    expect(imported.body).toMatchObject({ tables: ['Allowed domain list'], ignored: { tables: [] } });
    const flow = imported.body.flows.find((candidate: { name: string }) => candidate.name.startsWith('Validate Email Domains'));
    expect(flow.unsupportedCards).toEqual([]);
    expect(await logged('workflows.user.table.schema.import', DOMAINS)).toBe(1);

    const table = await server.api('GET', `${API}/tables/${DOMAINS}`);
    expect(table.body).toMatchObject({ name: 'Allowed domain list', folderId: file.data.tables[DOMAINS].data.group_id, columns: [{ name: 'Allowed Domains', type: 'str', default: null }], rowCount: 0 });
    for (const domain of ['example.com', 'tollgate.test']) {
      expect((await server.api('POST', `${API}/tables/${DOMAINS}/rows`, { fields: { 'Allowed Domains': domain } })).status).toBe(200);
    }
    const rows = await server.api('GET', `${API}/tables/${DOMAINS}/rows`);
    expect(rows.body.map((row: { fields: Record<string, string> }) => row.fields['Allowed Domains'])).toEqual(['example.com', 'tollgate.test']);

    // The flow's Search Rows finds the registering user's domain in the table.
    const register = (login: string) => invoke(flow.invokeUrl, { token: flow.clientToken, body: { data: { userProfile: { login, email: login } } } });
    const allowed = await register('ann@tollgate.test');
    expect(allowed.status).toBe(200);
    expect(allowed.json).toEqual({ commands: [{ type: 'com.okta.action.update', value: { registration: 'ALLOW' } }] });
    const denied = await register('eve@elsewhere.test');
    expect(denied.status).toBe(200);
    expect(denied.json.error.errorCauses[0]).toMatchObject({ reason: 'INVALID_EMAIL_DOMAIN', locationType: 'body' });

    // Its export carries the table as Okta wrote it (schema only), and re-import keeps the rows.
    const exported = await server.api('GET', `${API}/flows/${flow.id}/export`);
    expect(exported.body.data.tables).toEqual({ [DOMAINS]: file.data.tables[DOMAINS] });
    expect(await logged('workflows.user.table.schema.export', DOMAINS)).toBe(1);
    const again = await server.api('POST', `${API}/import`, file);
    expect(again.body).toMatchObject({ replaced: 1, tables: ['Allowed domain list'] });
    expect((await server.api('GET', `${API}/tables/${DOMAINS}`)).body.rowCount).toBe(2);
  });

  test('rows an export carries (data.rows) replace the table\'s rows on import', async () => {
    const file = template('bulk_convert_users_to_lite_users');
    const [id] = Object.keys(file.data.tables);
    file.data.tables[id].data.rows = [
      { Domain: 'lite.test', 'Lite User': 'true' },
      { 'Row ID': 'kept-id', Domain: 'full.test', 'Lite User': false, Created: '2024-05-01T00:00:00Z' },
    ];
    const res = await server.api('POST', `${API}/import`, file);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rows = (await server.api('GET', `${API}/tables/${id}/rows`)).body;
    expect(rows.map((row: { fields: unknown }) => row.fields)).toEqual([
      { Domain: 'lite.test', 'Lite User': true },
      { Domain: 'full.test', 'Lite User': false },
    ]);
    expect(rows[1]).toMatchObject({ id: 'kept-id', created: '2024-05-01T00:00:00.000Z' });
    file.data.tables[id].data.rows = [{ Domain: 'only.test' }];
    await server.api('POST', `${API}/import`, file);
    expect((await server.api('GET', `${API}/tables/${id}/rows`)).body.map((row: { fields: { Domain: string } }) => row.fields.Domain)).toEqual(['only.test']);
  });

  test('a malformed table in an export: 400 naming it, and nothing is imported', async () => {
    const file = template('close_abandoned_accounts');
    const [id] = Object.keys(file.data.tables);
    file.data.tables[id].data.structure[0].type = 'text';
    const flowsBefore = (await server.api('GET', `${API}/flows?limit=200`)).body.length;
    const res = await server.api('POST', `${API}/import`, file);
    expect(res.status).toBe(400);
    expect(res.body.errorCauses[0].errorSummary).toMatch(new RegExp(`data\\.tables\\.${id}\\.data\\.structure\\[0\\]\\.type`));
    expect((await server.api('GET', `${API}/flows?limit=200`)).body.length).toBe(flowsBefore);
    expect((await server.api('GET', `${API}/tables/${id}`)).status).toBe(404);

    file.data.tables[id].data.structure[0].type = 'str';
    file.data.tables[id].data.rows = [{ 'Notification Timestamp': 'x', Nope: 1 }];
    const badRow = await server.api('POST', `${API}/import`, file);
    expect(badRow.status).toBe(400);
    expect(badRow.body.errorCauses[0].errorSummary).toMatch(/data\.rows\[0\]: the table 'Abandoned Accounts Tracker' has no column 'Nope'/);
    expect((await server.api('GET', `${API}/tables/${id}`)).status).toBe(404);
  });
});
