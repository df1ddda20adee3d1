/**
 * CSV (RFC 4180) as Okta's CSV directory reads it: a header row of attribute names, then one user per row.
 * Fields may be quoted (`"a, b"`, `"say ""hi"""`, line breaks inside quotes); lines end in LF or CRLF; a
 * leading UTF-8 BOM and blank lines are ignored. Problems are reported with their line numbers.
 */

export interface CsvTable {
  header: string[];
  /** Data rows with their line number in the file (1-based; the header is line 1). */
  rows: Array<{ line: number; fields: string[] }>;
}

export class CsvError extends Error {
  constructor(readonly problems: string[]) {
    super(problems[0]);
    this.name = 'CsvError';
  }
}

/** Splits CSV text into records of fields; throws CsvError for an unterminated quote or stray text after one. */
export function parseCsvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let quotedField = false;

  const endField = () => { fields.push(field); field = ''; quotedField = false; };
  const endRecord = () => {
    const lastQuoted = quotedField;
    endField();
    // A blank line is one empty, unquoted field: skip it.
    if (!(fields.length === 1 && fields[0] === '' && !lastQuoted)) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i < src.length) {
    const c = src[i];
    if (c === '"' && field === '' && !quotedField) {
      // A quoted field: read to the closing quote ("" is a quote inside it).
      const startLine = line;
      i += 1;
      for (;;) {
        if (i >= src.length) throw new CsvError([`line ${startLine}: a quoted field is not closed`]);
        const q = src[i];
        if (q === '"') {
          if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
          i += 1;
          break;
        }
        if (q === '\n') line += 1;
        field += q;
        i += 1;
      }
      quotedField = true;
      const next = src[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvError([`line ${line}: unexpected text after a closing quote`]);
      }
      continue;
    }
    if (c === ',') { endField(); i += 1; continue; }
    if (c === '\r' && src[i + 1] === '\n') { i += 1; continue; }
    if (c === '\n' || c === '\r') {
      endRecord();
      line += 1;
      recordLine = line;
      i += 1;
      continue;
    }
    if (c === '"') throw new CsvError([`line ${line}: a quote inside an unquoted field (quote the whole field and double the quote)`]);
    field += c;
    i += 1;
  }
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return records;
}

const ATTRIBUTE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/**
 * Parses a CSV file with a header row. The header names must be unique attribute names; every row must have
 * as many fields as the header. All problems are collected (up to `maxProblems`) and thrown together.
 */
export function parseCsvTable(text: string, maxProblems = 20): CsvTable {
  const records = parseCsvRecords(text);
  if (records.length === 0) throw new CsvError(['The file is empty: it needs a header row of attribute names']);
  const [head, ...data] = records;
  const header = head.fields.map((h) => h.trim());
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of header) {
    if (!ATTRIBUTE_NAME.test(name)) problems.push(`line ${head.line}: '${name}' is not a valid attribute name (letters, digits and _, starting with a letter)`);
    else if (seen.has(name)) problems.push(`line ${head.line}: the column '${name}' appears more than once`);
    seen.add(name);
  }
  for (const row of data) {
    if (problems.length >= maxProblems) break;
    if (row.fields.length !== header.length) {
      problems.push(`line ${row.line}: ${row.fields.length} fields, but the header has ${header.length}`);
    }
  }
  if (problems.length) throw new CsvError(problems.slice(0, maxProblems));
  return { header, rows: data };
}
