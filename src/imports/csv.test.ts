import { describe, expect, it } from 'vitest';
import { CsvError, parseCsvRecords, parseCsvTable } from './csv.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof CsvError) return e.problems;
    throw e;
  }
  throw new Error('expected a CsvError');
}

describe('CSV parsing', () => {
  it('reads plain and quoted fields, doubled quotes, commas and line breaks inside quotes', () => {
    const text = 'a,b,c\n1,"two, too","say ""hi"""\n"multi\nline",,x\n';
    expect(parseCsvRecords(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, too', 'say "hi"'] },
      { line: 3, fields: ['multi\nline', '', 'x'] },
    ]);
  });

  it('accepts CRLF, a BOM, blank lines and a missing final line break', () => {
    expect(parseCsvRecords('\uFEFFa,b\r\n\r\n1,2\r\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 4, fields: ['3', '4'] },
    ]);
  });

  it('keeps an empty quoted field as a row, and empty fields at the end of a line', () => {
    expect(parseCsvRecords('""\na,\n')).toEqual([{ line: 1, fields: [''] }, { line: 2, fields: ['a', ''] }]);
  });

  it('refuses an unterminated quote, text after a closing quote and a bare quote, with line numbers', () => {
    expect(problemsOf(() => parseCsvRecords('a\n"open'))).toEqual(['line 2: a quoted field is not closed']);
    expect(problemsOf(() => parseCsvRecords('a\n"x"y'))).toEqual(['line 2: unexpected text after a closing quote']);
    expect(problemsOf(() => parseCsvRecords('a\nx"y'))[0]).toMatch(/^line 2: a quote inside an unquoted field/);
  });

  it('needs a header of unique attribute names and rows as wide as the header', () => {
    expect(parseCsvTable(' userName ,email\nu1,e1\n')).toEqual({ header: ['userName', 'email'], rows: [{ line: 2, fields: ['u1', 'e1'] }] });
    expect(problemsOf(() => parseCsvTable(''))).toEqual(['The file is empty: it needs a header row of attribute names']);
    expect(problemsOf(() => parseCsvTable('userName,userName,first name\n'))).toEqual([
      "line 1: the column 'userName' appears more than once",
      "line 1: 'first name' is not a valid attribute name (letters, digits and _, starting with a letter)",
    ]);
    expect(problemsOf(() => parseCsvTable('a,b\n1\n1,2,3\n1,2\n'))).toEqual([
      'line 2: 1 fields, but the header has 2',
      'line 3: 3 fields, but the header has 2',
    ]);
  });

  it('reports at most the given number of problems', () => {
    const text = 'a,b\n' + '1\n'.repeat(50);
    expect(problemsOf(() => parseCsvTable(text, 5))).toHaveLength(5);
  });
});
