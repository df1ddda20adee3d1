import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { TablesError, type RowQuery, type TableRow, type TablesService } from '../engine/services/tables.js';
import { memoryTablesService } from './memory-tables.js';
import { tablesService } from './tables-service.js';

/*
 * The database tables answer as the in-memory ones do: the same operations on both, the same rows
 * (ids and times aside). The table comes in through the Workflows API's import, as an Okta export.
 */

const TABLE = 'parity-table';
const oktaTable = {
  id: TABLE,
  name: 'Parity',
  description: null,
  data: {
    class: 'simple',
    group_id: 'folder-p',
    structure: [
      { name: 'Name', type: 'str', default: '' },
      { name: 'Score', type: 'dec', default: null },
      { name: 'On', type: 'bln', default: 'false' },
      { name: 'When', type: 'dte', default: null },
    ],
  },
};

let server: TestServer;
let db: TablesService;
let memory: TablesService;

beforeAll(async () => {
  server = await startTestServer();
  const flopack = {
    type: 'flopack',
    version: '1.5.0',
    data: {
      flos: {
        'parity-flow': {
          id: 'parity-flow',
          name: 'Parity',
          description: '',
          data: { id: null, uuid: 'parity-flow', display: {}, methods: [], model: {}, group: 'folder-p' },
        },
      },
      configs: {},
      tables: { [TABLE]: oktaTable },
      groups: {},
    },
  };
  const imported = await server.api('POST', '/api/workflows/v1/import', flopack);
  expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  db = tablesService(server.ctx)!;
  memory = memoryTablesService({ [TABLE]: oktaTable });
});
afterAll(async () => {
  await server?.close();
});

const cellsOf = (rows: TableRow[]) => rows.map((row) => row.cells);

async function both<T>(operation: (tables: TablesService) => Promise<T>): Promise<[T, T]> {
  return [await operation(db), await operation(memory)];
}

describe('the database tables and the in-memory tables', () => {
  test('create rows alike, defaults and loose values included', async () => {
    const values = [
      { Name: 'Ann', Score: '12.5', On: 'true', When: '2024-03-01T10:00:00Z' },
      { Name: 'bob', Score: 7 },
      { Name: 'Cid', Score: 99, On: 1, When: 1700000000000 },
      { Score: null },
    ];
    for (const value of values) {
      const [fromDb, fromMemory] = await both((tables) => tables.createRow(TABLE, value));
      expect(fromDb.cells).toEqual(fromMemory.cells);
    }
    const [fromDb, fromMemory] = await both((tables) => tables.searchRows(TABLE, {}));
    expect(cellsOf(fromDb)).toEqual(cellsOf(fromMemory));
    expect(cellsOf(fromDb)[3]).toEqual({ Name: '', Score: null, On: false, When: null });
  });

  test.each<[string, RowQuery]>([
    ['a where-expression with OR', { where: [{ column: 'Name', operator: '=', value: 'Ann', join: 'OR' }, { column: 'Score', operator: '<', value: 10 }] }],
    ['dates', { where: [{ column: 'When', operator: '>=', value: '2024-01-01' }] }],
    ['sorted descending with offset and limit', { sort: { column: 'Score', direction: 'desc' }, offset: 1, limit: 2 }],
    ['empty text equals no value', { where: [{ column: 'Name', operator: '=', value: null }] }],
  ])('search alike: %s', async (_name, query) => {
    const [fromDb, fromMemory] = await both((tables) => tables.searchRows(TABLE, query));
    expect(cellsOf(fromDb)).toEqual(cellsOf(fromMemory));
    expect(fromDb.length).toBeGreaterThan(0);
  });

  test('update, read, delete and clear alike; errors alike', async () => {
    const [dbAnn, memoryAnn] = await both(async (tables) => (await tables.searchRows(TABLE, { where: [{ column: 'Name', operator: '=', value: 'Ann' }] }))[0]);
    const updatedDb = await db.updateRow(TABLE, dbAnn.id, { Score: '13', On: false });
    const updatedMemory = await memory.updateRow(TABLE, memoryAnn.id, { Score: '13', On: false });
    expect(updatedDb.cells).toEqual(updatedMemory.cells);
    expect((await db.readRow(TABLE, dbAnn.id)).cells).toEqual({ Name: 'Ann', Score: 13, On: false, When: '2024-03-01T10:00:00.000Z' });

    for (const tables of [db, memory]) {
      await expect(tables.updateRow(TABLE, 'no-row', {})).rejects.toMatchObject({ reason: 'not-found' });
      await expect(tables.createRow(TABLE, { Score: 'lots' })).rejects.toBeInstanceOf(TablesError);
      await expect(tables.createRow(TABLE, { Nope: 1 })).rejects.toThrow(/no column 'Nope'/);
      await expect(tables.getTable('no-table')).rejects.toMatchObject({ reason: 'not-found' });
      await expect(tables.searchRows(TABLE, { where: [{ column: 'Name', operator: '~', value: 'x' }] })).rejects.toThrow(/not an operator/);
    }
    await db.deleteRow(TABLE, dbAnn.id);
    await memory.deleteRow(TABLE, memoryAnn.id);
    await expect(db.deleteRow(TABLE, dbAnn.id)).rejects.toMatchObject({ reason: 'not-found' });
    const [left, leftMemory] = await both((tables) => tables.searchRows(TABLE, {}));
    expect(cellsOf(left)).toEqual(cellsOf(leftMemory));
    expect(await db.clearTable(TABLE)).toBe(await memory.clearTable(TABLE));
    expect(await db.searchRows(TABLE, {})).toEqual([]);
  });

  test('a card change failing leaves the table as it was', async () => {
    await db.createRow(TABLE, { Name: 'Zed' });
    await expect(db.createRow(TABLE, { Name: 'Yan', On: 'perhaps' })).rejects.toBeInstanceOf(TablesError);
    expect(cellsOf(await db.searchRows(TABLE, {})).map((cells) => cells.Name)).toEqual(['Zed']);
    expect((await db.getTable(TABLE)).columns.map((column) => column.type)).toEqual(['str', 'dec', 'bln', 'dte']);
  });
});
