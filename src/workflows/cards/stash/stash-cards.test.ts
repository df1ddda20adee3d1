import { describe, expect, test } from 'vitest';
import { callCard, type CardCall } from '../test-kit.js';
import type { CardFieldSpec } from '../../engine/card.js';
import type { TablesService } from '../../engine/services/tables.js';
import { memoryTablesService } from '../../runtime/memory-tables.js';
import searchRows2 from './searchRows2.card.js';
import readTable from './readTable.card.js';
import readRow from './readRow.card.js';
import createRow from './createRow.card.js';
import updateRow from './updateRow.card.js';
import deleteRow from './deleteRow.card.js';
import clearTable from './clearTable.card.js';
import exportToCSV from './exportToCSV.card.js';

/* The Tables cards against the in-memory tables: Okta's field layout as the templates carry it. */

const TABLE = 'tbl-people';

function peopleTables(): TablesService {
  return memoryTablesService(
    {
      [TABLE]: {
        id: TABLE,
        name: 'People',
        description: null,
        data: {
          class: 'simple',
          group_id: 'folder-1',
          structure: [
            { name: 'Name', type: 'str', default: null },
            { name: 'Age', type: 'dec', default: '0' },
            { name: 'Active', type: 'bln', default: 'false' },
            { name: 'Joined', type: 'dte', default: null },
          ],
          rows: [
            { 'Row ID': 'r-ann', Name: 'Ann', Age: 30, Active: true, Joined: '2020-01-01T00:00:00Z', Created: '2024-01-01T00:00:00Z' },
            { 'Row ID': 'r-bob', Name: 'bob', Age: 25, Active: false, Joined: '2021-06-01T00:00:00Z' },
            { 'Row ID': 'r-cid', Name: 'Cid', Age: 40, Active: true, Joined: null },
            { 'Row ID': 'r-dee', Name: 'Dee, "D"', Active: 'true' },
          ],
        },
      },
    },
    { clock: () => new Date('2026-01-02T03:04:05.000Z') },
  );
}

const table: CardFieldSpec = { key: 'stash', type: 'string', group: 'parameters', value: TABLE };
const where = (expr: unknown[]): CardFieldSpec => ({ key: 'Where Expression', type: 'object', group: 'Filter', value: { expr } });
const cond = (lhs: string, op: string, rhs: unknown, join = 'AND') => ({ lhs, op, rhs, join });

async function names(inputs: CardFieldSpec[], tables = peopleTables()): Promise<string[]> {
  const result = await callCard(searchRows2, {
    inputs: [table, { key: 'resultSet', type: 'string', group: 'parameters', value: 'all-new' }, ...inputs],
    outputs: [{ key: 'Rows', type: 'object', list: true, group: 'Result' }],
    services: { tables },
  });
  return (result.outputs['Result.Rows'] as Array<{ Name: string }>).map((row) => row.Name);
}

describe('Search Rows', () => {
  test.each<[string, CardFieldSpec[], string[]]>([
    ['no where-expression: every row, in creation order', [], ['Ann', 'bob', 'Cid', 'Dee, "D"']],
    ['an empty where-expression object', [{ key: 'Where Expression', type: 'object', group: 'Filter', value: {} }], ['Ann', 'bob', 'Cid', 'Dee, "D"']],
    ['= on text is case-sensitive', [where([cond('Name', '=', 'Bob')])], []],
    ['= on text', [where([cond('Name', '=', 'bob')])], ['bob']],
    ['!= on text', [where([cond('Name', '!=', 'bob')])], ['Ann', 'Cid', 'Dee, "D"']],
    ['numbers compare as numbers, a default 0 included', [where([cond('Age', '<', '26')])], ['bob', 'Dee, "D"']],
    ['>= on numbers', [where([cond('Age', '>=', 30)])], ['Ann', 'Cid']],
    ['true/false read loosely', [where([cond('Active', '=', 'TRUE')])], ['Ann', 'Cid', 'Dee, "D"']],
    ['dates compare as instants; no date never orders', [where([cond('Joined', '>', '2020-06-01')])], ['bob']],
    ['= on an empty date finds rows without one', [where([cond('Joined', '=', '')])], ['Cid', 'Dee, "D"']],
    ['AND', [where([cond('Active', '=', true), cond('Age', '>', 35)])], ['Cid']],
    ['OR (the join links a condition to the next)', [where([cond('Name', '=', 'Ann', 'OR'), cond('Name', '=', 'bob')])], ['Ann', 'bob']],
    ['AND binds tighter than OR', [where([cond('Name', '=', 'bob', 'OR'), cond('Active', '=', true), cond('Age', '>', 35)])], ['bob', 'Cid']],
    ['sorted by a column, descending', [{ key: 'Column', type: 'string', group: 'Sort', value: 'Age' }, { key: 'Direction', type: 'string', group: 'Sort', value: 'desc' }], ['Cid', 'Ann', 'bob', 'Dee, "D"']],
    ['sorted ascending by text (code units: upper case first)', [{ key: 'Column', type: 'string', group: 'Sort', value: 'Name' }, { key: 'Direction', type: 'string', group: 'Sort', value: 'asc' }], ['Ann', 'Cid', 'Dee, "D"', 'bob']],
    ['no value sorts last going up', [{ key: 'Column', type: 'string', group: 'Sort', value: 'Joined' }, { key: 'Direction', type: 'string', group: 'Sort', value: 'asc' }], ['Ann', 'bob', 'Cid', 'Dee, "D"']],
    ['Offset and Limit', [{ key: 'Offset', type: 'number', group: 'Sort', value: 1 }, { key: 'Limit', type: 'number', group: 'Sort', value: 2 }], ['bob', 'Cid']],
    ['Limit 0 is no limit', [{ key: 'Limit', type: 'number', group: 'Sort', value: 0 }], ['Ann', 'bob', 'Cid', 'Dee, "D"']],
    ['a sort column the table no longer has sorts nothing (as templates have it)', [{ key: 'Column', type: 'string', group: 'Sort', value: 'Row Number' }], ['Ann', 'bob', 'Cid', 'Dee, "D"']],
  ])('%s', async (_name, inputs, expected) => {
    expect(await names(inputs)).toEqual(expected);
  });

  test('a value wired into the hidden _expr input (rhd) is what the condition compares with', async () => {
    const inputs: CardFieldSpec[] = [
      where([{ lhs: 'Name', op: '=', join: 'AND', rhd: { outputId: 'pU60RZsoLL', methodId: 'TvcSIbtzi' } }]),
      { key: 'pU60RZsoLL', type: 'string', group: '_expr', value: 'Cid' },
    ];
    expect(await names(inputs)).toEqual(['Cid']);
  });

  test('First matching row: Row ID, Created, Updated and the chosen cells; nothing when no row matches', async () => {
    const call = (name: string): CardCall => ({
      inputs: [table, { key: 'resultSet', type: 'string', group: 'parameters', value: 'one' }, where([cond('Name', '=', name)])],
      outputs: [
        { key: 'Row ID', type: 'string', group: 'Row' },
        { key: 'Created', type: 'Date', group: 'Row' },
        { key: 'Updated', type: 'Date', group: 'Row' },
        { key: 'Age', type: 'number', group: 'Fields' },
        { key: 'Joined', type: 'Date', group: 'Fields' },
      ],
      services: { tables: peopleTables() },
    });
    expect((await callCard(searchRows2, call('Ann'))).outputs).toEqual({
      'Row.Row ID': 'r-ann',
      'Row.Created': '2024-01-01T00:00:00.000Z',
      'Row.Updated': '2024-01-01T00:00:00.000Z',
      'Fields.Age': 30,
      'Fields.Joined': '2020-01-01T00:00:00.000Z',
    });
    expect((await callCard(searchRows2, call('Nobody'))).outputs).toEqual({});
  });

  test('All matching rows: each row has the columns of the output type, with Row ID, Created, Updated', async () => {
    const result = await callCard(searchRows2, {
      inputs: [table, { key: 'resultSet', type: 'string', group: 'parameters', value: 'all' }, where([cond('Name', '=', 'bob')])],
      outputs: [{ key: 'Rows', type: { Name: { type: 'string' }, 'Row ID': { type: 'string' }, Updated: { type: 'Date' } }, list: true, group: 'Result' }],
      services: { tables: peopleTables() },
    });
    expect(result.outputs['Result.Rows']).toEqual([{ Name: 'bob', 'Row ID': 'r-bob', Updated: '2026-01-02T03:04:05.000Z' }]);
  });

  test.each<[string, CardFieldSpec[], RegExp]>([
    ['an unknown column', [where([cond('Nope', '=', 'x')])], /no column 'Nope'/],
    ['an unknown operator', [where([cond('Name', 'contains', 'x')])], /'contains' is not an operator/],
    ['a value the column cannot hold', [where([cond('Age', '=', 'old')])], /'old' is not a number/],
    ['an unknown result set', [{ key: 'resultSet', type: 'string', group: 'parameters', value: 'some' }], /not a result set/],
    ['no table chosen', [{ key: 'stash', type: 'string', group: 'parameters', value: '' }], /no table is chosen/],
  ])('fails for %s', async (_name, inputs, message) => {
    await expect(callCard(searchRows2, { inputs: [...inputs, table], services: { tables: peopleTables() } })).rejects.toThrow(message);
  });

  test('a table that does not exist fails the card with a 404', async () => {
    await expect(
      callCard(searchRows2, { inputs: [{ ...table, value: 'missing' }], services: { tables: peopleTables() } }),
    ).rejects.toMatchObject({ message: "there is no table 'missing'", options: { httpStatus: 404 } });
  });

  test('a run without tables says so', async () => {
    await expect(callCard(searchRows2, { inputs: [table] })).rejects.toThrow(/services\.tables/);
  });
});

describe('Read Table and Read Row', () => {
  test('Read Table gives the column schema', async () => {
    const result = await callCard(readTable, { inputs: [table], services: { tables: peopleTables() } });
    expect(result.outputs['Output.Column Schema']).toEqual([
      { name: 'Name', type: 'string' },
      { name: 'Age', type: 'number' },
      { name: 'Active', type: 'boolean' },
      { name: 'Joined', type: 'date' },
    ]);
  });

  test.each<[string, string, Record<string, unknown> | RegExp]>([
    ['a row by id', 'r-dee', { 'Row.Created': '2026-01-02T03:04:05.000Z', 'Fields.Name': 'Dee, "D"', 'Fields.Age': 0, 'Fields.Active': true }],
    ['a row that is not there', 'r-zed', /has no row 'r-zed'/],
    ['no Row ID', '', /Row ID is required/],
  ])('Read Row: %s', async (_name, rowId, expected) => {
    const run = callCard(readRow, {
      inputs: [table, { key: 'Row ID', type: 'string', group: 'Read By', value: rowId }],
      outputs: [
        { key: 'Created', type: 'Date', group: 'Row' },
        { key: 'Name', type: 'string', group: 'Fields' },
        { key: 'Age', type: 'number', group: 'Fields' },
        { key: 'Active', type: 'boolean', group: 'Fields' },
      ],
      services: { tables: peopleTables() },
    });
    if (expected instanceof RegExp) await expect(run).rejects.toThrow(expected);
    else expect((await run).outputs).toEqual(expected);
  });
});

describe('Create, Update and Delete Row, Clear Table', () => {
  test.each<[string, CardFieldSpec[], Record<string, unknown> | RegExp]>([
    ['values read as the column types; the rest take their defaults', [{ key: 'Name', type: 'string', group: 'Fields', value: 'Eve' }, { key: 'Age', type: 'string', group: 'Fields', value: '51' }], { Name: 'Eve', Age: 51, Active: false, Joined: null }],
    ['a date from text', [{ key: 'Joined', type: 'Date', group: 'Fields', value: '2022-02-02T10:00:00+02:00' }], { Name: null, Age: 0, Active: false, Joined: '2022-02-02T08:00:00.000Z' }],
    ['a value of the wrong type fails', [{ key: 'Active', type: 'string', group: 'Fields', value: 'maybe' }], /'maybe' is not true or false/],
    ['a field whose column the table no longer has is left out (as templates have it)', [{ key: 'Shoe', type: 'string', group: 'Fields', value: '9' }, { key: 'Name', type: 'string', group: 'Fields', value: 'Fay' }], { Name: 'Fay', Age: 0, Active: false, Joined: null }],
  ])('Create Row: %s', async (_name, fields, expected) => {
    const tables = peopleTables();
    const run = callCard(createRow, { inputs: [table, ...fields], services: { tables } });
    if (expected instanceof RegExp) {
      await expect(run).rejects.toThrow(expected);
      expect(await tables.searchRows(TABLE, {})).toHaveLength(4);
      return;
    }
    const rowId = (await run).outputs['Output.Row ID'] as string;
    expect(rowId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await tables.readRow(TABLE, rowId)).cells).toEqual(expected);
  });

  test.each<[string, string | undefined, unknown, Record<string, unknown>]>([
    ['Update Empty Inputs No (default): an empty input keeps the cell', undefined, '', { Name: 'Ann', Age: 31 }],
    ['Update Empty Inputs No: nothing keeps the cell', 'No', null, { Name: 'Ann', Age: 31 }],
    ['Update Empty Inputs Yes: an empty input empties the cell', 'Yes', null, { Name: null, Age: 31 }],
  ])('Update Row: %s', async (_name, option, name, expected) => {
    const tables = peopleTables();
    await callCard(updateRow, {
      inputs: [
        { key: 'Row ID', type: 'string', group: 'Update By', value: 'r-ann' },
        table,
        ...(option ? [{ key: 'updateEmptyInputs', type: 'string', group: 'parameters', value: option }] : []),
        { key: 'Name', type: 'string', group: 'Fields', value: name },
        { key: 'Age', type: 'number', group: 'Fields', value: 31 },
        { key: 'Processed', type: 'boolean', group: 'Fields', value: true },
      ],
      services: { tables },
    });
    const row = await tables.readRow(TABLE, 'r-ann');
    expect(row.cells).toMatchObject(expected);
    expect(row.updated).toBe('2026-01-02T03:04:05.000Z');
    expect(row.created).toBe('2024-01-01T00:00:00.000Z');
  });

  test('Update Row and Delete Row fail for a row that is not there', async () => {
    const tables = peopleTables();
    await expect(callCard(updateRow, { inputs: [table, { key: 'Row ID', type: 'string', group: 'Update By', value: 'nope' }], services: { tables } })).rejects.toThrow(/has no row 'nope'/);
    await expect(callCard(deleteRow, { inputs: [table, { key: 'Row ID', type: 'string', group: 'Delete By', value: 'nope' }], services: { tables } })).rejects.toThrow(/has no row 'nope'/);
  });

  test('Delete Row removes the row; Clear Table the rest, counting them', async () => {
    const tables = peopleTables();
    await callCard(deleteRow, { inputs: [table, { key: 'Row ID', type: 'string', group: 'Delete By', value: 'r-bob' }], services: { tables } });
    expect((await tables.searchRows(TABLE, {})).map((row) => row.id)).toEqual(['r-ann', 'r-cid', 'r-dee']);
    const cleared = await callCard(clearTable, { inputs: [table], services: { tables } });
    expect(cleared.outputs).toEqual({ 'Table.Cleared Rows': 3 });
    expect(await tables.searchRows(TABLE, {})).toEqual([]);
  });
});

describe('Export to CSV', () => {
  test.each<[string, CardFieldSpec[], string]>([
    ['the whole table, quoting what needs it', [], 'Name,Age,Active,Joined\r\nAnn,30,true,2020-01-01T00:00:00.000Z\r\nbob,25,false,2021-06-01T00:00:00.000Z\r\nCid,40,true,\r\n"Dee, ""D""",0,true,\r\n'],
    ['chosen columns, a where-expression, a delimiter', [{ key: 'Columns', type: 'string', list: true, group: 'Options', value: ['Age', 'Name'] }, where([cond('Active', '=', true)]), { key: 'Delimiter', type: 'string', group: 'Options', value: '|' }], 'Age|Name\r\n30|Ann\r\n40|Cid\r\n0|"Dee, ""D"""\r\n'],
    ['Offset and Limit', [{ key: 'Offset', type: 'number', group: 'Options', value: 2 }, { key: 'Limit', type: 'number', group: 'Options', value: 1 }, { key: 'Columns', type: 'string', list: true, group: 'Options', value: ['Name'] }], 'Name\r\nCid\r\n'],
  ])('%s', async (_name, inputs, csv) => {
    const result = await callCard(exportToCSV, { inputs: [table, { key: 'Filename', type: 'string', group: 'File', value: 'people.csv' }, ...inputs], services: { tables: peopleTables() } });
    expect(result.outputs['CSV.File Content']).toBe(csv);
  });
});

describe('the in-memory tables from a flopack', () => {
  test('a malformed table is refused, naming where', () => {
    expect(() => memoryTablesService({ t: { id: 't', name: 'T', data: { structure: [{ name: 'A', type: 'text' }] } } })).toThrow(/data\.tables\.t\.data\.structure\[0\]\.type/);
  });

  test('a template table (no rows) starts empty and takes rows', async () => {
    const tables = memoryTablesService({
      '1b2858af-ae35-4966-820a-ff63ee7ccbda': {
        id: '1b2858af-ae35-4966-820a-ff63ee7ccbda',
        name: 'Allowed domain list',
        description: '',
        data: { class: 'simple', group_id: 'g', structure: [{ name: 'Allowed Domains', type: 'str', default: null }] },
      },
    });
    expect(await tables.searchRows('1b2858af-ae35-4966-820a-ff63ee7ccbda', {})).toEqual([]);
    await tables.createRow('1b2858af-ae35-4966-820a-ff63ee7ccbda', { 'Allowed Domains': 'example.com' });
    const found = await tables.searchRows('1b2858af-ae35-4966-820a-ff63ee7ccbda', { where: [{ column: 'Allowed Domains', operator: '=', value: 'example.com' }] });
    expect(found.map((row) => row.cells)).toEqual([{ 'Allowed Domains': 'example.com' }]);
  });
});
