/**
 * Reads Okta's event type catalogue (`okta-event-types.csv`: "Event Type,Description,Release Date,Tags,…").
 * Used by the generator of eligible-event-types.ts and by the test that keeps that file in step with the CSV;
 * Tollgate itself never reads the CSV at run time.
 */

/** RFC 4180 rows: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

export interface CatalogueEntry {
  eventType: string;
  eligible: boolean;
}

/** Every event type of the catalogue, in file order, with whether it carries the `event-hook-eligible` tag. */
export function readCatalogue(csv: string): CatalogueEntry[] {
  const [header, ...rows] = parseCsv(csv);
  const typeCol = header.findIndex((h) => h.trim() === 'Event Type');
  const tagsCol = header.findIndex((h) => h.trim() === 'Tags');
  if (typeCol < 0 || tagsCol < 0) throw new Error('Not an Okta event type catalogue: no "Event Type" and "Tags" columns');
  return rows.map((r) => ({
    eventType: r[typeCol].trim(),
    eligible: (r[tagsCol] ?? '').split(',').map((t) => t.trim()).includes('event-hook-eligible'),
  }));
}
