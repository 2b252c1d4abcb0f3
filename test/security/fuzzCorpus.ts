/**
 * The seeded corpus of corrupted CSV files of test/security/fuzz.test.ts: the same files
 * for the same seed.
 */
import { appendFileSync, createWriteStream } from 'node:fs';
import type { ImportKind } from '../../shared/domain';
import { seeded } from './helpers';

export type Body = string | Buffer | ((path: string) => Promise<void>);

export interface FuzzCase {
  name: string;
  kind: ImportKind;
  body: Body;
}

const HEADERS: Record<ImportKind, string> = {
  people: 'Employee ID,Hire Date,Termination Date,Department',
  roster: 'Employee ID,Role,Cohort,Start Date',
  survey: 'Employee ID,Response Date,Q1,Q2,Q3',
  performance: 'Employee ID,Review Date,Overall Rating',
};

function goodRows(kind: ImportKind, n: number, rnd: () => number): string[] {
  const id = () => String(Math.floor(rnd() * 100000)).padStart(6, '0');
  const date = () => `20${10 + Math.floor(rnd() * 14)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`;
  return Array.from({ length: n }, () => {
    switch (kind) {
      case 'people':
        return `${id()},${date()},${rnd() < 0.2 ? date() : ''},Dept ${Math.floor(rnd() * 5)}`;
      case 'roster':
        return `${id()},${rnd() < 0.8 ? 'mentee' : 'mentor'},C${Math.floor(rnd() * 3)},${date()}`;
      case 'survey':
        return `${id()},${date()},${1 + Math.floor(rnd() * 5)},${1 + Math.floor(rnd() * 5)},${1 + Math.floor(rnd() * 5)}`;
      case 'performance':
        return `${id()},${date()},${1 + Math.floor(rnd() * 5)}`;
    }
  });
}

export function validCsv(kind: ImportKind, n: number, rnd: () => number): string {
  return [HEADERS[kind], ...goodRows(kind, n, rnd)].join('\n') + '\n';
}

function randomBytes(n: number, rnd: () => number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

/** Streams `lines` copies of `line` (for files too large to build as one string). */
function streamed(header: string, line: string, lines: number): (path: string) => Promise<void> {
  return async (path) => {
    const out = createWriteStream(path);
    out.write(header);
    const block = line.repeat(10_000);
    for (let i = 0; i < lines; i += 10_000) {
      if (!out.write(i + 10_000 <= lines ? block : line.repeat(lines - i))) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
  };
}

/** The seeded corpus: the same files for the same seed. */
export function corpus(seed: number): FuzzCase[] {
  const rnd = seeded(seed);
  const kinds: ImportKind[] = ['people', 'roster', 'survey', 'performance'];
  const cases: FuzzCase[] = [];
  const valid = validCsv('people', 200, rnd);

  // Truncated files: cut anywhere, including inside a quoted field and inside a UTF-8 sequence.
  for (let i = 0; i < 4; i++) {
    const cut = Math.floor(rnd() * valid.length);
    cases.push({ name: `truncated at byte ${cut}`, kind: 'people', body: valid.slice(0, cut) });
  }
  cases.push({ name: 'truncated inside a quoted field', kind: 'people', body: `${HEADERS.people}\n000001,2020-01-01,,"Sales and Mark` });
  cases.push({ name: 'truncated inside a UTF-8 sequence', kind: 'people', body: Buffer.concat([Buffer.from(`${HEADERS.people}\n000001,2020-01-01,,Zürich`), Buffer.from('é').subarray(0, 1)]) });

  // Random bytes, with and without a plausible header in front.
  for (const size of [1, 17, 4096, 200_000]) cases.push({ name: `${size} random bytes`, kind: kinds[size % 4]!, body: randomBytes(size, rnd) });
  cases.push({ name: 'a header, then random bytes', kind: 'performance', body: Buffer.concat([Buffer.from(`${HEADERS.performance}\n`), randomBytes(50_000, rnd)]) });

  // A valid file with random bytes flipped in place.
  for (let i = 0; i < 4; i++) {
    const kind = kinds[i]!;
    const b = Buffer.from(validCsv(kind, 300, rnd));
    for (let j = 0; j < 40; j++) b[Math.floor(rnd() * b.length)] = Math.floor(rnd() * 256);
    cases.push({ name: `${kind} with 40 random bytes flipped`, kind, body: b });
  }

  // Huge fields.
  cases.push({ name: 'one 10 MB cell', kind: 'people', body: `${HEADERS.people}\n000001,2020-01-01,,${'x'.repeat(10 * 1024 * 1024)}\n000002,2020-01-01,,Sales\n` });
  cases.push({ name: 'one 10 MB quoted cell with line breaks', kind: 'people', body: `${HEADERS.people}\n000001,2020-01-01,,"${'line\n'.repeat(2 * 1024 * 1024)}"\n` });
  cases.push({ name: 'a 10 MB employee ID', kind: 'performance', body: `${HEADERS.performance}\n${'9'.repeat(10 * 1024 * 1024)},2024-01-01,3\n` });
  cases.push({ name: 'a 1 MB header name', kind: 'people', body: `${HEADERS.people},${'h'.repeat(1024 * 1024)}\n000001,2020-01-01,,Sales,x\n` });

  // Very wide files.
  const wide = (n: number, rows: number, value: () => string) =>
    [['Employee ID', 'Response Date', ...Array.from({ length: n }, (_, i) => `Q${i + 1}`)].join(','), ...Array.from({ length: rows }, (_, r) => [String(r).padStart(6, '0'), '2024-01-01', ...Array.from({ length: n }, value)].join(','))].join('\n') + '\n';
  cases.push({ name: '10,000 columns (people, extra attributes)', kind: 'people', body: [HEADERS.people + ',' + Array.from({ length: 10_000 }, (_, i) => `A${i}`).join(','), `000001,2020-01-01,,Sales,${Array.from({ length: 10_000 }, () => 'v').join(',')}`].join('\n') + '\n' });
  cases.push({ name: '10,000 survey item columns (wide survey)', kind: 'survey', body: wide(10_000, 20, () => String(1 + Math.floor(rnd() * 5))) });
  cases.push({ name: '10,000 columns of empty cells', kind: 'survey', body: wide(10_000, 5, () => '') });

  // Quotes.
  cases.push({ name: 'an unbalanced quote in the middle', kind: 'people', body: `${HEADERS.people}\n000001,2020-01-01,,"Sales\n000002,2020-01-01,,Finance\n` });
  cases.push({ name: 'an unbalanced quote in the header', kind: 'people', body: `"Employee ID,Hire Date,Termination Date\n000001,2020-01-01,\n` });
  cases.push({ name: 'a quote inside an unquoted field', kind: 'roster', body: `${HEADERS.roster}\n0001,men"tee,C1,2023-01-01\n0002,mentee,C"1",2023-01-01\n` });
  cases.push({ name: 'only quotes', kind: 'people', body: '"""""""""""""""""""""""""""\n""""""\n"' });

  // NUL bytes and invalid UTF-8.
  cases.push({ name: 'NUL bytes in cells', kind: 'people', body: `${HEADERS.people}\n000001,2020-01-01,,Sa\0les\n00\x0000002,2020-01-01,,Sales\n` });
  cases.push({ name: 'NUL bytes only', kind: 'people', body: Buffer.alloc(10_000) });
  cases.push({ name: 'NUL byte after 100 KB of valid rows', kind: 'people', body: `${validCsv('people', 3000, rnd)}000001,2020\0-01-01,,Sales\n` });
  cases.push({ name: 'invalid UTF-8 sequences', kind: 'people', body: Buffer.concat([Buffer.from(`${HEADERS.people}\n000001,2020-01-01,,`), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe]), Buffer.from('\n')]) });
  cases.push({ name: 'invalid UTF-8 after 100 KB of ASCII', kind: 'people', body: Buffer.concat([Buffer.from(validCsv('people', 3000, rnd)), Buffer.from([0x30, 0x30, 0x31, 0x2c, 0xff, 0xfe, 0xfd, 0x0a])]) });
  cases.push({ name: 'a UTF-16 BOM then UTF-8 text', kind: 'people', body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(validCsv('people', 5, rnd))]) });
  cases.push({ name: 'UTF-16LE with an odd byte count', kind: 'people', body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(validCsv('people', 5, rnd), 'utf16le'), Buffer.from([0x41])]) });
  cases.push({ name: 'a BOM only', kind: 'people', body: Buffer.from([0xef, 0xbb, 0xbf]) });

  // Delimiters and line structure.
  cases.push({ name: 'only delimiters', kind: 'people', body: ',,,,\n,,,,\n,,,,\n' });
  cases.push({ name: 'only semicolons and tabs', kind: 'survey', body: ';;\t;\n\t\t;\n;;;;\n' });
  cases.push({ name: 'a header only', kind: 'roster', body: `${HEADERS.roster}\n` });
  cases.push({ name: 'an empty header line, then data', kind: 'people', body: `\n${valid}` });
  cases.push({ name: 'ragged rows (more and fewer fields)', kind: 'people', body: `${HEADERS.people}\n000001,2020-01-01\n000002,2020-01-01,,Sales,extra,more,fields\n000003\n` });
  cases.push({ name: 'duplicate header names', kind: 'people', body: 'Employee ID,Employee ID,Hire Date,Hire Date\n000001,000002,2020-01-01,2021-01-01\n' });
  cases.push({ name: 'empty header names', kind: 'people', body: ',,Employee ID,Hire Date,\n,,000001,2020-01-01,\n' });
  cases.push({ name: 'CR-only line endings', kind: 'performance', body: validCsv('performance', 50, rnd).replace(/\n/g, '\r') });
  cases.push({ name: 'mixed CRLF, LF and CR', kind: 'performance', body: validCsv('performance', 60, rnd).split('\n').map((l, i) => l + ['\r\n', '\n', '\r'][i % 3]).join('') });
  cases.push({ name: '1,000,000 empty lines after the header', kind: 'people', body: streamed(`${HEADERS.people}\n`, '\n', 1_000_000) });
  cases.push({ name: '1,000,000 empty lines before the header', kind: 'people', body: async (path) => {
    await streamed('', '\n', 1_000_000)(path);
    appendFileSync(path, valid);
  } });
  cases.push({ name: '500,000 lines of delimiters only', kind: 'survey', body: streamed(`${HEADERS.survey}\n`, ',,,,\n', 500_000) });
  cases.push({ name: 'SQL and formula text in cells', kind: 'people', body: `${HEADERS.people}\n"1'); DROP TABLE people; --",2020-01-01,,"=cmd|' /C calc'!A0"\n000002,2020-01-01,,"\\"; SELECT 1"\n` });
  cases.push({ name: 'numbers that overflow', kind: 'performance', body: `${HEADERS.performance}\n000001,2024-01-01,1e400\n000002,2024-01-01,-1e400\n000003,2024-01-01,NaN\n000004,2024-01-01,Infinity\n000005,2024-01-01,${'9'.repeat(500)}\n` });
  cases.push({ name: 'dates out of range', kind: 'people', body: `${HEADERS.people}\n000001,99999-12-31,,x\n000002,0000-00-00,,x\n000003,-2020-01-01,,x\n000004,2020-13-45,,x\n000005,${'1'.repeat(40)},,x\n` });

  // Random mixtures: pieces of valid rows, delimiters, quotes, control bytes.
  const pieces = [',', '"', '\n', '\r\n', '\t', ';', '|', 'NA', '2024-02-30', '000123', 'é', '\uFEFF', '\\', "'", ' ', '=1+1', 'mentee'];
  for (let i = 0; i < 6; i++) {
    const kind = kinds[i % 4]!;
    let text = `${HEADERS[kind]}\n`;
    const n = 200 + Math.floor(rnd() * 3000);
    for (let j = 0; j < n; j++) text += rnd() < 0.7 ? pieces[Math.floor(rnd() * pieces.length)] : goodRows(kind, 1, rnd)[0];
    cases.push({ name: `random mixture #${i + 1} (${kind})`, kind, body: text });
  }
  return cases;
}

