/**
 * Workflows Tables under the Workflows API, `/api/workflows/v1/tables`, with the management API's
 * credentials (SSWS token, or an admin's console session): list, create, read and delete tables; list
 * (paged, `Link` header), read, add, change and delete rows; clear a table; export it as CSV.
 * Columns are typed with Okta's codes (str, dec, dte, bln); a value of the wrong type is rejected with
 * Okta's validation error and nothing changes.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../platform/context.js';
import { pageParams, setLinkHeaders } from '../../platform/paging.js';
import { auditOf, requireApiTokenIn } from '../../identity/auth.js';
import {
  clearTableApi, createRowApi, createTableApi, deleteRowApi, deleteTableApi, exportTableCsvApi, getRowApi, getTableApi, listRowsApi,
  listTablesApi, updateRowApi,
} from './tables.service.js';
import { ClearedRows, TableRow, WorkflowTable } from './table.schema.js';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const TableParams = Type.Object({ tableId: Id });
const RowParams = Type.Object({ tableId: Id, rowId: Id });
const PageQuery = Type.Object({
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String({ maxLength: 400 })),
});
const TablesQuery = Type.Object({
  limit: Type.Optional(Type.String()),
  after: Type.Optional(Type.String({ maxLength: 400 })),
  folderId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
});
const NewTable = Type.Object(
  {
    name: Type.String({ maxLength: 200 }),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    folderId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    columns: Type.Array(
      Type.Object(
        {
          name: Type.String({ maxLength: 200 }),
          type: Type.String({ maxLength: 10 }),
          default: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
/** Cells by column name; each value is checked against its column's type by the service. */
const RowBody = Type.Object({ fields: Type.Record(Type.String(), Type.Unknown()) }, { additionalProperties: false });

export async function workflowTablesRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  await scope.register(
    async (inner) => {
      requireApiTokenIn(inner, ctx);
      const app = inner.withTypeProvider<TypeBoxTypeProvider>();

      app.get('/tables', { schema: { querystring: TablesQuery, response: { 200: Type.Array(WorkflowTable) } } }, async (request, reply) => {
        const page = pageParams(request.query, 20, 200);
        const { items, nextAfter } = await listTablesApi(ctx, { ...page, folderId: request.query.folderId });
        setLinkHeaders(request, reply, ctx.config.issuer, nextAfter);
        return items;
      });

      app.post('/tables', { schema: { body: NewTable, response: { 200: WorkflowTable } } }, async (request) => createTableApi(ctx, auditOf(request), request.body));

      app.get('/tables/:tableId', { schema: { params: TableParams, response: { 200: WorkflowTable } } }, async (request) => getTableApi(ctx, request.params.tableId));

      app.delete('/tables/:tableId', { schema: { params: TableParams } }, async (request, reply) => {
        await deleteTableApi(ctx, auditOf(request), request.params.tableId);
        return reply.status(204).send();
      });

      app.get('/tables/:tableId/rows', { schema: { params: TableParams, querystring: PageQuery, response: { 200: Type.Array(TableRow) } } }, async (request, reply) => {
        const page = pageParams(request.query, 200, 1000);
        const { items, nextAfter } = await listRowsApi(ctx, request.params.tableId, page);
        setLinkHeaders(request, reply, ctx.config.issuer, nextAfter);
        return items;
      });

      app.post('/tables/:tableId/rows', { schema: { params: TableParams, body: RowBody, response: { 200: TableRow } } }, async (request) => {
        return createRowApi(ctx, request.params.tableId, request.body.fields);
      });

      // Clears the table: every row goes; the answer says how many.
      app.delete('/tables/:tableId/rows', { schema: { params: TableParams, response: { 200: ClearedRows } } }, async (request) => {
        return { clearedRows: await clearTableApi(ctx, request.params.tableId) };
      });

      app.get('/tables/:tableId/rows/:rowId', { schema: { params: RowParams, response: { 200: TableRow } } }, async (request) => getRowApi(ctx, request.params.tableId, request.params.rowId));

      // POST changes the fields given (Okta's partial update); PUT replaces the row, empty where not given.
      app.post('/tables/:tableId/rows/:rowId', { schema: { params: RowParams, body: RowBody, response: { 200: TableRow } } }, async (request) => {
        return updateRowApi(ctx, request.params.tableId, request.params.rowId, request.body.fields, 'partial');
      });

      app.put('/tables/:tableId/rows/:rowId', { schema: { params: RowParams, body: RowBody, response: { 200: TableRow } } }, async (request) => {
        return updateRowApi(ctx, request.params.tableId, request.params.rowId, request.body.fields, 'replace');
      });

      app.delete('/tables/:tableId/rows/:rowId', { schema: { params: RowParams } }, async (request, reply) => {
        await deleteRowApi(ctx, request.params.tableId, request.params.rowId);
        return reply.status(204).send();
      });

      app.get('/tables/:tableId/export', { schema: { params: TableParams } }, async (request, reply) => {
        const { name, csv } = await exportTableCsvApi(ctx, auditOf(request), request.params.tableId);
        const file = `${name.replace(/[^A-Za-z0-9 _.-]+/g, '_').trim() || 'table'}.csv`;
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(csv);
      });
    },
    { prefix: '/api/workflows/v1' },
  );
}
