import { ApiError } from '../../../api/client';
import type { CellValue, TableColumn } from '../../../../../src/workflows/api/table.schema.js';
import { WORKFLOWS_API, type Card, type FlowGraph } from '../flow-api';

/**
 * Workflows Tables as the console reads them (`/api/workflows/v1/tables`): a table has typed columns
 * (Okta's codes str, dec, dte, bln) and rows whose `fields` hold a value per column name. The server checks
 * each value against its column's type; the console sends what the admin typed and shows the server's word.
 */
export const TABLES_API = `${WORKFLOWS_API}/tables`;

// The server's response schemas (type-only).
export type { CellValue, ColumnType, TableColumn, TableRow, WorkflowTable } from '../../../../../src/workflows/api/table.schema.js';

export function tablePath(id: string): string {
  return `${TABLES_API}/${encodeURIComponent(id)}`;
}

export function rowPath(tableId: string, rowId: string): string {
  return `${tablePath(tableId)}/rows/${encodeURIComponent(rowId)}`;
}

/** Okta's names for column types. */
export function columnTypeLabel(type: string): string {
  return ({ str: 'Text', dec: 'Number', dte: 'Date & Time', bln: 'True/False' } as Record<string, string>)[type] ?? type;
}

/** A cell as text in the rows table (and in the form's inputs); no value is ''. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value);
}

/**
 * What the admin typed, as the value to send: '' is no value (null); a number column's text that reads as
 * a number is sent as one, anything else as typed, so that the server says what is wrong with it.
 */
export function inputToCell(column: TableColumn, text: string): CellValue {
  const trimmed = text.trim();
  if (column.type === 'str') return text === '' ? null : text;
  if (trimmed === '') return null;
  if (column.type === 'dec') return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
  if (column.type === 'bln') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  return trimmed;
}

/**
 * The error causes of a row save by column: the server names them `fields.<column name>: message`
 * (column names may hold spaces, so they are matched by name, not parsed). `other` are the rest.
 */
export function rowErrors(error: unknown, columns: TableColumn[]): { byColumn: Map<string, string>; other: string[] } {
  const byColumn = new Map<string, string>();
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { byColumn, other };
  // Longest names first, so that a column named "a b" wins over one named "a".
  const names = columns.map((c) => c.name).sort((a, b) => b.length - a.length);
  for (const cause of error.causes) {
    const name = names.find((n) => cause.startsWith(`fields.${n}: `));
    if (name === undefined) other.push(cause);
    else byColumn.set(name, [byColumn.get(name), cause.slice(`fields.${name}: `.length)].filter(Boolean).join(' '));
  }
  return { byColumn, other };
}

/** The ids of the tables a flow's Tables cards (`stash:*`) name in their `stash` input, nested flows included. */
export function tableIdsOfFlow(graph: Pick<FlowGraph, 'cards'>): string[] {
  const ids = new Set<string>();
  const visitGraph = (g: Pick<FlowGraph, 'cards'>) => g.cards.forEach(visitCard);
  function visitCard(card: Card): void {
    for (const field of card.inputs ?? []) {
      if (card.type.startsWith('stash:') && field.key === 'stash' && typeof field.value === 'string' && field.value !== '') ids.add(field.value);
      if (field.flow) visitGraph(field.flow);
    }
    for (const field of card.outputs ?? []) if (field.flow) visitGraph(field.flow);
    for (const branch of card.branches ?? []) {
      if (branch.head) visitCard(branch.head);
      branch.cards.forEach(visitCard);
    }
  }
  visitGraph(graph);
  return [...ids];
}
