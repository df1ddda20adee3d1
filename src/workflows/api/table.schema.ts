/**
 * Workflows Tables as the Workflows API answers them (`/api/workflows/v1/tables`): the routes' response
 * schemas, the types the service builds and the console's. Columns are stored as JSON (a flopack import
 * writes them too), so they and a row's cells are written as they are.
 */
import { Type, type Static } from '@sinclair/typebox';
import { AsIs, Nullable, StringEnum } from '../../platform/schema-kit.js';

/** Okta's column types: str (Text), dec (Number), dte (Date & Time), bln (True/False). */
export const ColumnType = StringEnum(['str', 'dec', 'dte', 'bln']);
export type ColumnType = Static<typeof ColumnType>;

export const TableColumn = Type.Object({
  name: Type.String(),
  type: ColumnType,
  /** Okta keeps defaults as text (`"false"`, `"0"`, `""`) or null. */
  default: Nullable(Type.String()),
});
export type TableColumn = Static<typeof TableColumn>;

/** A cell: text, a number, true/false, a date as ISO-8601 text, or nothing. */
export const CellValue = Nullable(Type.Union([Type.String(), Type.Number(), Type.Boolean()]));
export type CellValue = Static<typeof CellValue>;

export const WorkflowTable = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  folderId: Nullable(Type.String()),
  columns: AsIs(Type.Array(TableColumn)),
  rowCount: Type.Number(),
  created: Type.String(),
  lastUpdated: Type.String(),
  _links: Type.Record(Type.String(), Type.Object({ href: Type.String() })),
});
export type WorkflowTable = Static<typeof WorkflowTable>;

export const TableRow = Type.Object({
  id: Type.String(),
  created: Type.String(),
  lastUpdated: Type.String(),
  /** Every column, by name. */
  fields: AsIs(Type.Record(Type.String(), CellValue)),
});
export type TableRow = Static<typeof TableRow>;

/** `DELETE /tables/{id}/rows`: how many rows went. */
export const ClearedRows = Type.Object({ clearedRows: Type.Number() });
