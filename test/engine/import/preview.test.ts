/**
 * The Import page's preview ("preview of the first 100 rows, PapaParse,
 * dynamicTyping: false"): PapaParse over the text inspectFile returns must give the rows, and
 * the file lines, that the engine's own reader gives for the start of the file.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../electron/engine/project';
import { inspectFile } from '../../../electron/engine/import/inspect';
import { readCsvRows } from '../../../electron/engine/import/readCsv';
import { PREVIEW_ROWS, previewRows } from '../../../renderer/src/import/preview';
import { tempDir } from '../../helpers';
import { HAVE_PUBLIC_DATA, NO_PUBLIC_DATA_MESSAGE, PUBLIC_DATA, fixture } from './helpers';

let dir: string;
let project: Project;

beforeAll(async () => {
  dir = tempDir();
  project = await Project.open(join(dir, 'p.duckdb'));
});
afterAll(async () => {
  await project.close();
});

/** Compares the preview with the engine's read; returns how many rows the preview has, or null when the engine refuses the file. */
async function agree(path: string): Promise<number | null> {
  let engine;
  try {
    engine = await readCsvRows(project.conn, path);
  } catch {
    return null;
  }
  // Nothing to preview: inspection refuses a file with no row holding a value, as the import does.
  if (engine.rows.every((r) => r.values.every((v) => v === null))) return null;
  const ins = await inspectFile(project.conn, { path });
  const preview = previewRows(ins);
  const first = engine.rows.slice(0, PREVIEW_ROWS);
  expect(ins.columns).toEqual(engine.headers);
  expect(preview.rows).toEqual(first.map((r) => r.values));
  expect(preview.lines).toEqual(first.map((r) => r.line));
  expect(ins.sampled).toBe(engine.rows.length > PREVIEW_ROWS || ins.size > 256 * 1024);
  return preview.rows.length;
}

const people = (n: number, eol: string) => ['Employee ID,Hire Date,Department', ...Array.from({ length: n }, (_, i) => `${String(i).padStart(5, '0')},2020-01-${String((i % 28) + 1).padStart(2, '0')},Dept ${i % 7}`)].join(eol) + eol;
const unicodeText = '\ufeffEmployee ID\tHire Date\tLocation\r\n007\t2020-02-01\tZürich\r\n008\t2020-03-01\t"São Paulo\r\n– 東京"\r\n\r\n009\t2020-04-01\t\r\n';

const FORMATS: [string, string | Buffer][] = [
  ['utf8-bom-crlf.csv', '\ufeffEmployee ID,Hire Date,Department\r\n00123,2020-01-05,"Sales, EMEA"\r\n 0456 ,2021-03-04,"R&D ""Labs"""\r\n'],
  ['utf16le.txt', Buffer.from(unicodeText, 'utf16le')],
  ['utf16be.txt', Buffer.from(unicodeText, 'utf16le').swap16()],
  ['utf16le-nobom.txt', Buffer.from(unicodeText.slice(1), 'utf16le')],
  ['mixed-endings.csv', 'employee_id,hire_date,note\n1,2020-01-01,"a\r\nb"\r\n2,2020-01-02,x\r3,2020-01-03,y\n'],
  ['cr-only.csv', 'employee_id,hire_date\r1,2020-01-01\r2,2020-01-02\r'],
  ['blank-lines.csv', '\n\nemployee_id,hire_date\n\n1,2020-01-01\n\n\n2,2020-01-02\n'],
  ['pipes.csv', 'a|b|c\n1|"x|y"|3\n4||6\n'],
  ['backslash.csv', 'a,b,c\n1,"say \\"hi\\"",3\n4,5,6\n'],
  ['spaces-around-quotes.csv', 'a,b,c\n1, "x, y" ,3\n4,"z"  ,6\n'],
  ['no-final-newline.csv', 'a,b\n1,2\n3,4'],
  ['many-rows-lf.csv', people(250, '\n')],
  ['many-rows-crlf.csv', people(150, '\r\n')],
  ['qualtrics.csv', 'StartDate,ResponseId,Q1\r\n"Start Date","Response ID","How satisfied are you\r\nwith your mentor?"\r\n"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}"\r\n2024-04-15,R_1,4\r\n'],
];

describe('the preview agrees with the engine', () => {
  it.each(FORMATS)('%s', async (name, content) => {
    const path = fixture(dir, name, content);
    const n = await agree(path);
    expect(n, `${name}: the engine refused the fixture`).not.toBeNull();
    expect(n).toBeGreaterThan(0);
  });

  it('Windows-1252 is decoded by the engine, not taken for UTF-8', async () => {
    const path = fixture(dir, 'cp1252-check.csv', Buffer.from('Employee ID;Name\r\n1;M\xfcller \x93q\x94 \x80\r\n', 'latin1'));
    const ins = await inspectFile(project.conn, { path });
    expect(ins.detected.encoding).toBe('windows-1252');
    expect(previewRows(ins).rows).toEqual([['1', 'Müller “q” €']]);
  });

  it('a file bigger than the inspected start: the preview stops at a whole record', async () => {
    const wide = ['id,' + Array.from({ length: 60 }, (_, i) => `col${i}`).join(',')];
    for (let r = 0; r < 3000; r++) wide.push(`${r},` + Array.from({ length: 60 }, (_, i) => `"v${r}-${i}\nnext"`).join(','));
    const path = fixture(dir, 'big.csv', wide.join('\n') + '\n');
    expect(statSync(path).size).toBeGreaterThan(256 * 1024);
    expect(await agree(path)).toBe(PREVIEW_ROWS);
  });

  it.skipIf(!HAVE_PUBLIC_DATA)(`every file of csv-edge-cases the engine reads (${HAVE_PUBLIC_DATA ? 'present' : NO_PUBLIC_DATA_MESSAGE})`, async () => {
    const corpus = join(PUBLIC_DATA, 'csv-edge-cases');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (/\.(csv|tsv)$/.test(e.name)) files.push(join(d, e.name));
      }
    };
    walk(corpus);
    let compared = 0;
    for (const f of files.sort()) {
      try {
        if ((await agree(f)) !== null) compared++;
      } catch (err) {
        throw new Error(`${relative(corpus, f)}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    }
    expect(compared).toBeGreaterThan(40);
  });
});
