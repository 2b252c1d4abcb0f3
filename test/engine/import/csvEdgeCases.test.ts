/**
 * Every file of ../shared/public-data/csv-edge-cases (DuckDB's, PapaParse's and
 * csv-spectrum's own test files): each is either read with the expected rows (csv-spectrum's
 * JSON files give the exact parse) and then imports without surprises, or is refused with an
 * EngineError whose message starts with the file name. None may crash or hang.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/engine/project';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { readCsvRows } from '../../../electron/engine/import/readCsv';
import type { CsvRows } from '../../../electron/engine/import/readCsv';
import { tempDir } from '../../helpers';
import { HAVE_PUBLIC_DATA, PUBLIC_DATA, publicDataSuite, engineError } from './helpers';

const CORPUS = join(PUBLIC_DATA, 'csv-edge-cases');

interface Readable {
  rows: number;
  /** 1-based file lines of the first rows. */
  lines?: number[];
  headers?: string[];
  delimiter?: string;
  encoding?: string;
  check?: (r: CsvRows) => void;
  /** Why a file reads differently from what its source project intended. */
  note?: string;
}
type Expectation = Readable | { error: RegExp };

const spectrum = (lines: number[]): Readable => ({ rows: lines.length, lines });

/** Keyed by path under csv-edge-cases/. A file missing here fails the test: add it. */
const EXPECTED: Record<string, Expectation> = {
  'csv-spectrum/csvs/comma_in_quotes.csv': spectrum([2]),
  'csv-spectrum/csvs/empty.csv': spectrum([2, 3]),
  'csv-spectrum/csvs/empty_crlf.csv': spectrum([2, 3]),
  'csv-spectrum/csvs/escaped_quotes.csv': spectrum([2, 3]),
  'csv-spectrum/csvs/json.csv': spectrum([2]),
  'csv-spectrum/csvs/location_coordinates.csv': spectrum([2]),
  'csv-spectrum/csvs/newlines.csv': spectrum([2, 3, 5]),
  'csv-spectrum/csvs/newlines_crlf.csv': spectrum([2, 3, 5]),
  'csv-spectrum/csvs/quotes_and_newlines.csv': spectrum([2, 5]),
  'csv-spectrum/csvs/simple.csv': spectrum([2]),
  'csv-spectrum/csvs/simple_crlf.csv': spectrum([2]),
  'csv-spectrum/csvs/utf8.csv': spectrum([2, 3]),

  'duckdb/all_quotes.csv': {
    rows: 5,
    lines: [2, 4, 5, 6, 7],
    headers: ['upc', 'name', 'description', 'price'],
    check: (r) => {
      expect(r.rows[0]!.values[2]).toBe('This is the\nbest chocolate');
      expect(r.rows[4]!.values[2]).toBe("The best, 'chocolate', of the world");
    },
    note: "DuckDB's sniffer takes ' for the quote and silently skips 6 rows here; our reader does not.",
  },
  'duckdb/auto/backslash_escape.csv': { rows: 2, delimiter: '|', check: (r) => expect(r.rows[0]!.values[2]).toBe('text"2"'), note: 'no header: the first row is one' },
  // DuckDB reads a, b, a_1; the first "a" gets _0 too, so that a mapping can name either (dialect.ts headerNames).
  'duckdb/auto/duplicate_header_col.csv': { rows: 2, headers: ['a_0', 'b', 'a_1'] },
  'duckdb/auto/missing_header_col.csv': { rows: 2, headers: ['a', 'column1', 'c'] },
  'duckdb/auto/pipe_delim.csv': { rows: 2, delimiter: '|' },
  'duckdb/auto/semicolon_delim.csv': { rows: 2, delimiter: ';' },
  'duckdb/auto/skip_row.csv': { error: /, line 2: the row has more fields than the header's 1 .*; if lines above the header hold notes or a title, delete them$/ },
  'duckdb/auto/tab.csv': { rows: 2, delimiter: '\t' },
  'duckdb/auto/time_date_timestamp_dd-mm-yy.csv': { rows: 3 },
  'duckdb/auto/utf8bom.csv': { rows: 2, headers: ['id', 'name'], encoding: 'utf-8-bom', lines: [2, 3] },
  'duckdb/big_escape.csv': { rows: 9, delimiter: ';', lines: [4, 7, 10, 13, 16, 19], check: (r) => expect(r.rows[0]!.values[2]).toBe('a "\n;a "\n10'), note: 'no header: the first (3-line) record is one' },
  'duckdb/blank_line.csv': { rows: 11, note: 'one column: a blank line is an empty row, as DuckDB reads it' },
  'duckdb/comments/simple.csv': { rows: 6, headers: ['# A few comments'], note: '# comments are not supported: one text column' },
  'duckdb/csv_quoted_newline_odd.csv': { error: /, line 11: the row has more fields than the header's 1/ },
  'duckdb/decimal_separators/decimal_separators_csv.csv': { rows: 1, check: (r) => expect(r.rows[0]!.values[0]).toBe('1,2345') },
  'duckdb/double_quoted_header.csv': { rows: 2, headers: ['foo "bar', 'name'] },
  'duckdb/empty.csv': { error: /: the file is empty$/ },
  'duckdb/empty_first_line.csv': { rows: 2, lines: [3, 4] },
  'duckdb/encodings/latin1.csv': { rows: 12, encoding: 'windows-1252', check: (r) => expect(r.rows[0]!.values[0]).toBe('José Álvarez') },
  'duckdb/encodings/shift_jis.csv': { error: /: the text encoding is not UTF-8, UTF-16 or Windows-1252/ },
  'duckdb/encodings/utf16.csv': { rows: 20, encoding: 'utf-16le', headers: ['name', 'age'], check: (r) => expect(r.rows[0]!.values[0]).toBe('José Álvarez') },
  'duckdb/extra_delimiters.csv': { error: /, line 4: the row has more fields than the header's 3/ },
  'duckdb/header_left_space.csv': { rows: 3, headers: ['bla'] },
  'duckdb/header_only.csv': { rows: 0 },
  'duckdb/inconsistent_cells.csv': { error: /, line 3: the row has more fields than the header's 3/ },
  'duckdb/leading_zeros.csv': { rows: 6, check: (r) => expect(r.rows.some((x) => x.values.some((v) => v !== null && /^0\d/.test(v)))).toBe(true) },
  'duckdb/locations_header_trailing_comma.csv': { error: /, line 2: the row has 4 fields but the header has 5$/ },
  'duckdb/locations_row_trailing_comma.csv': { error: /, line 2: the row has more fields than the header's 4/ },
  'duckdb/missing_column.csv': { error: /, line 7: the row has 1 field but the header has 2$/ },
  'duckdb/mixed_dates.csv': { rows: 5 },
  'duckdb/mixed_new_line.csv': { rows: 2, check: (r) => expect(r.lineEndings).toBe('mixed') },
  'duckdb/multidelimiter/aa_delim.csv': { rows: 18, headers: ['1aa2'], note: 'multi-character delimiters are not supported: one text column' },
  'duckdb/null/multiple_nulls.csv': { rows: 3 },
  'duckdb/null_string.csv': { rows: 2, check: (r) => expect(r.rows[0]!.values).toEqual(['1', 'null']) },
  'duckdb/nullbyte.csv': { error: /: this is not a text CSV file/ },
  'duckdb/nullpadding.csv': { error: /, line 2: the row has more fields than the header's 3/ },
  'duckdb/one_r_n_two.csv': { rows: 4, lines: [2, 3, 4, 5], note: '\\r\\r\\n is two line breaks (CR, CRLF): one column, so the empty lines are rows' },
  'duckdb/one_r_two.csv': { rows: 1, lines: [2] },
  'duckdb/quoted_newline.csv': { rows: 1 },
  'duckdb/single_quote.csv': { rows: 1, note: "' is not a quote character here" },
  'duckdb/test/dateformat.csv': { rows: 0, note: 'no header: its one line is the header' },
  'duckdb/test/invalid_utf.csv': { rows: 0, encoding: 'windows-1252', note: 'not UTF-8 and no UTF-8 text before: read as Windows-1252' },
  'duckdb/test/long_escaped_value.csv': { rows: 0, note: 'the 4-byte 🦆 delimiter is not supported: one column' },
  'duckdb/test/many_empty_lines.csv': { rows: 19_999 },
  'duckdb/test/mixed_line_endings.csv': { rows: 2, lines: [2, 3] },
  'duckdb/test/no_newline.csv': { rows: 1023 },
  'duckdb/test/test_null_option.csv': { rows: 2 },
  'duckdb/thousands_separator/multi_column_quote.csv': { rows: 5, check: (r) => expect(r.rows[0]!.values[1]).toMatch(/,/) },
  'duckdb/unescaped_quotes/some_escaped_some_not.csv': { error: /, line 2: text follows the closing quote of a quoted value/ },
  'duckdb/unescaped_quotes/unescaped_quote.csv': { error: /, line 1, column 2: text follows the closing quote of the header name "/ },
  'duckdb/unquoted_escape/basic.tsv': { error: /, line 2: the row has more fields than the header's 3/, note: 'backslash escapes outside quotes are not supported' } as Expectation,
  'papaparse/docs/resources/files/malformed.tsv': { error: /, line 9: a quoted value starts here and is never closed$/ },
  'papaparse/tests/long-sample.csv': { rows: 7 },
  'papaparse/tests/sample-header.csv': { rows: 2, headers: ['title', 'name'] },
  'papaparse/tests/sample.csv': { rows: 1 },
  'papaparse/tests/utf-8-bom-sample.csv': { rows: 1, encoding: 'utf-8-bom', headers: ['A', 'B', 'C'] },
  'papaparse/tests/verylong-sample.csv': { error: /, line 500: the row has 2 fields but the header has 3$/ },
};

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = join(d, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const files = HAVE_PUBLIC_DATA ? walk(CORPUS).filter((f) => !/\.(json|md)$/.test(f)).map((f) => relative(CORPUS, f)) : [];

describe.skipIf(!HAVE_PUBLIC_DATA)(publicDataSuite('csv-edge-cases corpus'), () => {
  let dir: string;
  let project: Project;
  beforeAll(async () => {
    dir = tempDir();
    project = await Project.open(join(dir, 'p.duckdb'));
  });
  afterAll(async () => {
    await project?.close();
  });

  it('has an expectation for every file', () => {
    expect(files.length).toBeGreaterThanOrEqual(69);
    expect(files.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  for (const file of files) {
    it(file, { timeout: 20_000 }, async () => {
      const expected = EXPECTED[file];
      if (!expected) return;
      const path = join(CORPUS, file);
      if ('error' in expected) {
        const err = await engineError(readCsvRows(project.conn, path, { fileName: file }));
        expect(err.message.startsWith(file)).toBe(true);
        expect(err.message).toMatch(expected.error);
        expect(err.message).not.toContain('\n');
        // The importer refuses it the same way, and leaves nothing behind.
        const again = await engineError(importCsv(project.conn, { path, fileName: file, kind: 'people' }));
        expect(again.message).toBe(err.message);
        return;
      }
      const r = await readCsvRows(project.conn, path, { fileName: file });
      expect(r.rows.length).toBe(expected.rows);
      if (expected.lines) expect(r.rows.slice(0, expected.lines.length).map((x) => x.line)).toEqual(expected.lines);
      if (expected.headers) expect(r.headers).toEqual(expected.headers);
      if (expected.delimiter) expect(r.delimiter).toBe(expected.delimiter);
      if (expected.encoding) expect(r.encoding).toBe(expected.encoding);
      expected.check?.(r);
      const lines = r.rows.map((x) => x.line);
      expect([...lines].sort((a, b) => a - b)).toEqual(lines);
      expect(new Set(lines).size).toBe(lines.length);

      if (file.startsWith('csv-spectrum/')) {
        // The oracle: csv-spectrum's expected parse, keyed by header (an empty cell reads as null).
        const parsed = JSON.parse(readFileSync(join(CORPUS, file.replace('/csvs/', '/json/').replace(/\.csv$/, '.json')), 'utf8')) as Record<string, string>[] | Record<string, string>;
        const json = Array.isArray(parsed) ? parsed : [parsed];
        const got = r.rows.map((row) => Object.fromEntries(r.headers.map((h, i) => [h, row.values[i] ?? ''])));
        if (file.endsWith('location_coordinates.csv')) {
          // Upstream's JSON has another phone number than its CSV (1234567890 vs 2095257564); the rest must match.
          expect(got[0]!['Contact Phone Number']).toBe('2095257564');
          json[0]!['Contact Phone Number'] = '2095257564';
        }
        expect(got).toEqual(json);
      }

      if (expected.rows === 0) return;
      if (r.rows.every((row) => row.values.every((v) => v === null || v.trim() === ''))) {
        const err = await engineError(importCsv(project.conn, { path, fileName: file, kind: 'people' }));
        expect(err.message).toBe(`${file}: the file has a header but no data rows (only empty ones)`);
        return;
      }
      // Through the importer: the first column as employee_id, a constant hire date; every row
      // is read, and either loaded or rejected (a missing ID) with its line.
      const s = await importCsv(project.conn, {
        path,
        fileName: file,
        kind: 'people',
        mapping: { columns: { employee_id: r.headers[0]! }, constants: { hire_date: '2020-01-01' }, headerRowsToSkip: 0 },
      });
      expect(s.rowsRead + (s.emptyRowsSkipped ?? 0)).toBe(expected.rows);
      expect(s.rowsLoaded + s.rowsRejected).toBe(s.rowsRead);
      for (const reject of s.rejects) {
        expect(lines).toContain(reject.line);
        expect(reject.reason).toBe('missing employee_id');
      }
    });
  }
});
