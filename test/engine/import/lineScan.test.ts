/**
 * Exact file lines: random CSVs (quoted delimiters, doubled quotes, newlines inside quotes,
 * blank lines, LF / CRLF / CR / mixed endings) against the lines recorded while writing
 * them — for the byte scanner alone (fed in random chunk sizes) and for the whole reader.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/engine/project';
import { RecordScanner } from '../../../electron/engine/import/lineScan';
import { detectDialect } from '../../../electron/engine/import/dialect';
import { readCsvRows } from '../../../electron/engine/import/readCsv';
import { tempDir } from '../../helpers';
import { fixture } from './helpers';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Generated {
  text: string;
  /** Line where each data record starts. */
  lines: number[];
  values: (string | null)[][];
  delimiter: string;
}

function generate(seed: number, eol: 'lf' | 'crlf' | 'cr' | 'mixed', records: number): Generated {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const delimiter = pick([',', ';', '\t', '|']);
  // In a mixed file a lone CR must not be followed by an LF (that would make one CRLF).
  let lastCr = false;
  const nl = () => {
    const e = eol === 'mixed' ? pick(lastCr ? ['\r\n', '\r'] : ['\n', '\r\n', '\r']) : eol === 'lf' ? '\n' : eol === 'crlf' ? '\r\n' : '\r';
    lastCr = e === '\r';
    return e;
  };
  const width = 2 + Math.floor(r() * 4);
  let text = Array.from({ length: width }, (_, i) => `col${i}`).join(delimiter) + nl();
  let line = 2;
  const lines: number[] = [];
  const values: (string | null)[][] = [];
  for (let k = 0; k < records; k++) {
    while (r() < 0.1) {
      text += nl();
      line++;
    }
    lines.push(line);
    const row: (string | null)[] = [];
    const cells: string[] = [];
    for (let c = 0; c < width; c++) {
      const kind = r();
      if (c === 0) {
        const v = `id${k}`;
        row.push(v);
        cells.push(v);
      } else if (kind < 0.15) {
        row.push(null);
        cells.push('');
      } else if (kind < 0.55) {
        const v = `v${Math.floor(r() * 1000)}`;
        row.push(v);
        cells.push(v);
      } else {
        // A quoted value with delimiters, doubled quotes and line breaks.
        let v = '';
        const parts = 1 + Math.floor(r() * 4);
        for (let p = 0; p < parts; p++) {
          const piece = pick(['a', 'b c', delimiter, '"', ',', ';', '|', '\t', 'é€', 'x y']);
          v += piece;
          if (r() < 0.3) {
            const br = pick(['\n', '\r\n', '\n\n']);
            v += br;
            line += br === '\n\n' ? 2 : 1;
          }
        }
        row.push(v);
        cells.push(`"${v.replaceAll('"', '""')}"`);
      }
    }
    values.push(row);
    text += cells.join(delimiter);
    lastCr = false;
    if (k < records - 1 || r() < 0.7) text += nl();
    line++;
  }
  return { text, lines, values, delimiter };
}

describe('record start lines', () => {
  let dir: string;
  let project: Project;
  beforeAll(async () => {
    dir = tempDir();
    project = await Project.open(join(dir, 'p.duckdb'));
  });
  afterAll(async () => {
    await project.close();
  });

  for (const eol of ['lf', 'crlf', 'cr', 'mixed'] as const) {
    it(`the scanner agrees with the generator in any chunking (${eol})`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const g = generate(seed * 7 + eol.length, eol, 60);
        const buf = Buffer.from(g.text, 'utf8');
        const dialect = detectDialect(g.text, true)!;
        expect(dialect.delimiter).toBe(g.delimiter);
        const r = rng(seed);
        for (const rewrite of [false, true]) {
          const scanner = new RecordScanner({ delimiter: g.delimiter.charCodeAt(0), quote: 0x22, escape: 0x22, skipLines: 0, singleColumn: false });
          const out: Buffer[] = [];
          for (let i = 0; i < buf.length; ) {
            const n = 1 + Math.floor(r() * 64);
            const piece = scanner.push(buf.subarray(i, i + n), rewrite);
            if (piece) out.push(piece);
            i += n;
          }
          scanner.finish();
          expect(scanner.records - 1).toBe(g.lines.length);
          expect(g.lines.map((_, i) => scanner.recordLines.lineOf(i + 1))).toEqual(g.lines);
          if (rewrite) {
            // The LF-normalised copy DuckDB reads has the same records on the same lines, and
            // only LF line endings outside quotes.
            const normalised = Buffer.concat(out);
            const again = new RecordScanner({ delimiter: g.delimiter.charCodeAt(0), quote: 0x22, escape: 0x22, skipLines: 0, singleColumn: false });
            again.push(normalised);
            again.finish();
            expect(g.lines.map((_, i) => again.recordLines.lineOf(i + 1))).toEqual(g.lines);
            expect(again.crlf + again.cr).toBe(0);
            expect(detectDialect(normalised.toString('utf8'), true)!.header).toEqual(dialect.header);
          }
        }
      }
    });

    it(`the reader returns each row with its start line and exact values (${eol})`, async () => {
      for (let seed = 1; seed <= 6; seed++) {
        const g = generate(seed * 13 + eol.length, eol, 300);
        const f = fixture(dir, `g-${eol}-${seed}.csv`, g.text);
        const r = await readCsvRows(project.conn, f);
        expect(r.rows.map((x) => x.line)).toEqual(g.lines);
        expect(r.rows.map((x) => x.values.map((v) => (v === '' ? null : v)))).toEqual(g.values.map((row) => row.map((v) => (v === '' ? null : v))));
      }
    });
  }

  it('a big file with sparse multi-line records: lines stay exact far into the file', async () => {
    const lines = ['employee_id,hire_date,notes'];
    const expected: number[] = [];
    let line = 2;
    for (let i = 0; i < 200_000; i++) {
      expected.push(line);
      if (i % 997 === 0) {
        lines.push(`${i},2020-01-01,"multi\nline\r\nnote"`);
        line += 3;
      } else {
        lines.push(`${i},2020-01-01,plain`);
        line += 1;
      }
      if (i % 1499 === 0) {
        lines.push('');
        line++;
      }
    }
    const f = fixture(dir, 'sparse.csv', lines.join('\n') + '\n');
    const r = await readCsvRows(project.conn, f);
    expect(r.rows.length).toBe(200_000);
    for (const i of [0, 1, 996, 997, 998, 1499, 1500, 50_000, 123_457, 199_999]) expect(r.rows[i]!.line).toBe(expected[i]);
  });
});
