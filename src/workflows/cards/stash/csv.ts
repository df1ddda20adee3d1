import type { CellValue, TableRow } from '../../engine/services/tables.js';

/**
 * Rows as CSV (RFC 4180): a header line with the column names, then one line per row, CRLF line ends.
 * A field holding the delimiter, a quote or a line break is quoted, its quotes doubled. Dates are
 * ISO-8601, true/false as `true`/`false`, no value as an empty field.
 */
export function rowsToCsv(columns: readonly string[], rows: readonly TableRow[], delimiter = ','): string {
  const lines = [columns.map((name) => csvField(name, delimiter)).join(delimiter)];
  for (const row of rows) lines.push(columns.map((name) => csvField(cellText(row.cells[name] ?? null), delimiter)).join(delimiter));
  return lines.join('\r\n') + '\r\n';
}

function cellText(cell: CellValue): string {
  return cell === null ? '' : String(cell);
}

function csvField(text: string, delimiter: string): string {
  if (text.includes(delimiter) || /["\r\n]/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}
