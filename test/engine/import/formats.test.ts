/**
 * One fixture per supported format ("Formats"), generated here from strings and
 * bytes, with exact values, rejects and 1-based file lines.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project } from '../../../electron/engine/project';
import { importCsv } from '../../../electron/engine/import/importCsv';
import type { ImportProgress } from '../../../electron/engine/import/importCsv';
import { inspectFile } from '../../../electron/engine/import/inspect';
import { readCsvRows } from '../../../electron/engine/import/readCsv';
import { freshProjectEachTest } from '../../helpers';
import { engineError, fixture, rows } from './helpers';

let dir: string;
let project: Project;

freshProjectEachTest((d, p) => {
  dir = d;
  project = p;
});

const people = (sql = 'SELECT employee_id, hire_date, termination_date, department, source_line FROM people ORDER BY source_line') => rows(project, sql);

describe('encodings', () => {
  it('UTF-8 with a BOM and CRLF: the BOM is not part of the first header', async () => {
    const f = fixture(dir, 'bom.csv', '\ufeffEmployee ID,Hire Date,Department\r\n00123,2020-01-05,"Sales, EMEA"\r\n 0456 ,2021-03-04,"R&D ""Labs"""\r\n');
    const s = await importCsv(project.conn, { path: f, kind: 'people' });
    expect(s).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0 });
    expect(s.detected).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', lineEndings: 'crlf' });
    expect(await people()).toEqual([
      { employee_id: '00123', hire_date: '2020-01-05', termination_date: null, department: 'Sales, EMEA', source_line: 2 },
      { employee_id: '0456', hire_date: '2021-03-04', termination_date: null, department: 'R&D "Labs"', source_line: 3 },
    ]);
  });

  const unicodeText = '\ufeffEmployee ID\tHire Date\tLocation\r\n007\t2020-02-01\tZürich\r\n008\t2020-03-01\tSão Paulo – 東京\r\n';
  const expectUnicodeText = async () =>
    expect(await rows(project, 'SELECT employee_id, hire_date, location, source_line FROM people ORDER BY employee_id')).toEqual([
      { employee_id: '007', hire_date: '2020-02-01', location: 'Zürich', source_line: 2 },
      { employee_id: '008', hire_date: '2020-03-01', location: 'São Paulo – 東京', source_line: 3 },
    ]);

  it('UTF-16 LE with a BOM, tab-delimited (Excel "Unicode text")', async () => {
    const f = fixture(dir, 'unicode.txt', Buffer.from(unicodeText, 'utf16le'));
    const s = await importCsv(project.conn, { path: f, kind: 'people' });
    expect(s.detected).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', lineEndings: 'crlf' });
    await expectUnicodeText();
  });

  it('UTF-16 BE with a BOM', async () => {
    const f = fixture(dir, 'unicode-be.txt', Buffer.from(unicodeText, 'utf16le').swap16());
    const s = await importCsv(project.conn, { path: f, kind: 'people' });
    expect(s.detected.encoding).toBe('utf-16be');
    await expectUnicodeText();
  });

  it('UTF-16 LE without a BOM (recognised by its zero bytes)', async () => {
    const f = fixture(dir, 'nobom.txt', Buffer.from(unicodeText.slice(1), 'utf16le'));
    const s = await importCsv(project.conn, { path: f, kind: 'people' });
    expect(s.detected.encoding).toBe('utf-16le');
    await expectUnicodeText();
  });

  it('Windows-1252: € and curly quotes (0x80–0x9F) are read as Windows writes them, not as Latin-1 controls', async () => {
    const bytes = Buffer.concat([
      Buffer.from('employee_id,hire_date,department\r\n1,2020-01-01,Caf'),
      Buffer.from([0xe9, 0x20, 0x93]),
      Buffer.from('Ops'),
      Buffer.from([0x94, 0x20, 0x96, 0x20, 0x80]),
      Buffer.from('5\r\n2,2020-01-02,M'),
      Buffer.from([0xfc]),
      Buffer.from('nchen\r\n'),
    ]);
    const s = await importCsv(project.conn, { path: fixture(dir, 'cp1252.csv', bytes), kind: 'people' });
    expect(s.detected.encoding).toBe('windows-1252');
    expect(await people('SELECT department FROM people ORDER BY employee_id')).toEqual([{ department: 'Café “Ops” – €5' }, { department: 'München' }]);
  });

  it('a file that is plain ASCII for 256 KiB and Windows-1252 later is read as Windows-1252, with exact lines', async () => {
    const lines = ['employee_id,hire_date,department'];
    for (let i = 1; i <= 12_000; i++) lines.push(`${i},2020-01-01,Department number ${i}`);
    const head = Buffer.from(lines.join('\n') + '\n');
    expect(head.length).toBeGreaterThan(256 * 1024);
    const bytes = Buffer.concat([head, Buffer.from('12001,2020-01-01,Jos'), Buffer.from([0xe9]), Buffer.from('\n12002,not-a-date,x\n')]);
    const s = await importCsv(project.conn, { path: fixture(dir, 'late.csv', bytes), kind: 'people' });
    expect(s.detected.encoding).toBe('windows-1252');
    expect(s.rejects).toEqual([{ line: 12_003, column: 'hire_date', value: 'not-a-date', reason: 'unparseable date (expected YYYY-MM-DD)' }]);
    expect(await people(`SELECT department, source_line FROM people WHERE employee_id = '12001'`)).toEqual([{ department: 'José', source_line: 12_002 }]);
  });

  const mixedMessage = (file: string, utf8: number, other: number) =>
    `${file}, lines ${utf8} and ${other}: the file mixes text encodings (line ${utf8} is UTF-8, line ${other} is not: Windows-1252 or another code page), so its accented letters cannot all be read right; save it again as CSV UTF-8`;

  it('refuses a file that mixes UTF-8 and another encoding, naming a line of each', async () => {
    const lines = ['employee_id,hire_date,location', '1,2020-01-01,Zürich'];
    for (let i = 2; i <= 12_000; i++) lines.push(`${i},2020-01-01,Somewhere ${i}`);
    const bytes = Buffer.concat([Buffer.from(lines.join('\n') + '\n12001,2020-01-01,Z'), Buffer.from([0xfc]), Buffer.from('rich\n')]);
    const err = await engineError(importCsv(project.conn, { path: fixture(dir, 'mixed.csv', bytes), kind: 'people' }));
    expect(err.message).toBe(mixedMessage('mixed.csv', 2, 12_002));
    expect(err.toApiError()).toMatchObject({ code: 'bad_encoding', file: 'mixed.csv', line: 12_002 });
  });

  // Issue 18 item 4: both lines fit in the first 256 KiB, which is not UTF-8 as a whole, so the
  // file was read as Windows-1252 and the UTF-8 line came out as "CafÃ©".
  it('refuses a small file with a UTF-8 Café line and a Windows-1252 Café line, in either order', async () => {
    const utf8 = Buffer.from('1,2020-01-01,Café\n');
    const cp1252 = Buffer.concat([Buffer.from('2,2020-01-01,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const header = Buffer.from('employee_id,hire_date,department\n');
    for (const [name, bytes, u, o] of [
      ['utf8-first.csv', Buffer.concat([header, utf8, cp1252]), 2, 3],
      ['cp1252-first.csv', Buffer.concat([header, cp1252, utf8]), 3, 2],
    ] as const) {
      for (const run of [() => importCsv(project.conn, { path: fixture(dir, name, bytes), kind: 'people' }), () => inspectFile(project.conn, { path: join(dir, name), kind: 'people' })]) {
        const err = await engineError(run());
        expect(err.message).toBe(mixedMessage(name, u, o));
        expect(err.toApiError()).toMatchObject({ code: 'bad_encoding', file: name, line: o });
      }
    }
    expect(await people('SELECT count(*)::INT AS n FROM people')).toEqual([{ n: 0 }]);
  });

  it('refuses a Windows-1252 file with a UTF-8 line past the first 256 KiB', async () => {
    const lines = ['employee_id,hire_date,department'];
    for (let i = 1; i <= 12_000; i++) lines.push(`${i},2020-01-01,Department number ${i}`);
    const bytes = Buffer.concat([Buffer.from('employee_id,hire_date,department\n0,2020-01-01,M'), Buffer.from([0xfc]), Buffer.from('nchen\n'), Buffer.from(lines.slice(1).join('\n') + '\n'), Buffer.from('12001,2020-01-01,Café\n')]);
    expect(bytes.length).toBeGreaterThan(256 * 1024);
    const err = await engineError(importCsv(project.conn, { path: fixture(dir, 'late-utf8.csv', bytes), kind: 'people' }));
    expect(err.message).toBe(mixedMessage('late-utf8.csv', 12_003, 2));
    // And an ASCII head, a Windows-1252 line, then a UTF-8 line (read as Windows-1252 from the first).
    const ascii = Buffer.concat([Buffer.from(lines.join('\n') + '\n12001,2020-01-01,Jos'), Buffer.from([0xe9]), Buffer.from('\n12002,2020-01-01,José\n')]);
    const err2 = await engineError(importCsv(project.conn, { path: fixture(dir, 'late-mixed.csv', ascii), kind: 'people' }));
    expect(err2.message).toBe(mixedMessage('late-mixed.csv', 12_003, 12_002));
  });

  it('refuses a code page it cannot tell (Shift-JIS) instead of importing garbled text', async () => {
    const sjis = Buffer.from([0x96, 0xbc, 0x91, 0x4f, 0x2c, 0x94, 0x4e, 0x97, 0xee, 0x0d, 0x0a, 0x8e, 0x52, 0x93, 0x63, 0x2c, 0x33, 0x30, 0x0d, 0x0a]);
    const err = await engineError(importCsv(project.conn, { path: fixture(dir, 'sjis.csv', sjis), kind: 'people' }));
    expect(err.message).toMatch(/^sjis\.csv: the text encoding is not UTF-8, UTF-16 or Windows-1252/);
  });
});

describe('delimiters, decimals and line endings', () => {
  it('semicolons with decimal commas and European dates', async () => {
    const f = fixture(dir, 'reviews.csv', 'Employee ID;Review Date;Overall Rating\n1;15.03.2023;3,5\n2;01.04.2023;4\n3;02.04.2023;4,25\n');
    const s = await importCsv(project.conn, { path: f, kind: 'performance' });
    expect(s.detected).toMatchObject({ delimiter: ';', dateFormats: { 'Review Date': '%d.%m.%Y' } });
    expect(await rows(project, 'SELECT employee_id, review_date, rating FROM performance_reviews ORDER BY employee_id')).toEqual([
      { employee_id: '1', review_date: '2023-03-15', rating: 3.5 },
      { employee_id: '2', review_date: '2023-04-01', rating: 4 },
      { employee_id: '3', review_date: '2023-04-02', rating: 4.25 },
    ]);
  });

  it('pipes and tabs', async () => {
    await importCsv(project.conn, { path: fixture(dir, 'pipe.csv', 'employee_id|hire_date|department\n1|2020-01-01|A, B\n'), kind: 'people' });
    expect(await people('SELECT department FROM people')).toEqual([{ department: 'A, B' }]);
    const s = await importCsv(project.conn, { path: fixture(dir, 'tab.tsv', 'employee_id\thire_date\tdepartment\n2\t2020-01-01\tC; D\n'), kind: 'people' });
    expect(s.detected.delimiter).toBe('\t');
    expect(await people('SELECT department FROM people')).toEqual([{ department: 'C; D' }]);
  });

  it('CR-only (classic Mac) line endings', async () => {
    const s = await importCsv(project.conn, { path: fixture(dir, 'mac.csv', 'employee_id,hire_date\r1,2020-01-01\r2,bad\r3,2020-01-03\r'), kind: 'people' });
    expect(s.detected.lineEndings).toBe('cr');
    expect(s.rejects).toEqual([{ line: 3, column: 'hire_date', value: 'bad', reason: 'unparseable date (expected YYYY-MM-DD)' }]);
    expect(await people('SELECT employee_id, source_line FROM people ORDER BY source_line')).toEqual([
      { employee_id: '1', source_line: 2 },
      { employee_id: '3', source_line: 4 },
    ]);
  });

  it('mixed LF, CRLF and CR line endings keep exact lines (and CRLF inside quotes)', async () => {
    const text = 'employee_id,hire_date,department\r\n1,2020-01-01,"two\r\nlines"\n2,bad,x\r\n3,2020-01-03,y\r4,also-bad,z\n5,2020-01-05,w';
    const s = await importCsv(project.conn, { path: fixture(dir, 'mixed-eol.csv', text), kind: 'people' });
    expect(s.detected.lineEndings).toBe('mixed');
    expect(s.rejects.map((r) => r.line)).toEqual([4, 6]);
    expect(await people('SELECT employee_id, department, source_line FROM people ORDER BY source_line')).toEqual([
      { employee_id: '1', department: 'two\r\nlines', source_line: 2 },
      { employee_id: '3', department: 'y', source_line: 5 },
      { employee_id: '5', department: 'w', source_line: 7 },
    ]);
  });
});

describe('quoting, blank lines and exact reject lines', () => {
  const roster = [
    'Employee ID,Role,Cohort,Start Date,Notes', //    1
    '1,Mentee,A,2023-01-02,"line one', //              2
    'line two"', //                                    3
    '', //                                             4
    '2,Chief,A,2023-01-02,"x, ""quoted"""', //         5  unknown role
    '3,Mentor,A,2023-02-30,', //                       6  bad date
    '"4",Mentee,"B",2023-03-01,"a', //                 7
    '', //                                             8  (inside quotes)
    'b"', //                                           9
    '', //                                            10
    ',Mentee,A,2023-01-02,', //                       11  missing id
    '5,Mentor,B,2023-05-01,"ok"', //                  12
  ].join('\n');

  it('rejects carry the line where their record starts', async () => {
    const s = await importCsv(project.conn, { path: fixture(dir, 'roster.csv', roster), kind: 'roster' });
    expect(s).toMatchObject({ rowsRead: 6, rowsLoaded: 3, rowsRejected: 3 });
    expect(s.rejects).toEqual([
      { line: 5, column: 'Role', value: 'Chief', reason: 'unknown role (expected mentee or mentor)' },
      { line: 6, column: 'Start Date', value: '2023-02-30', reason: 'unparseable date (expected YYYY-MM-DD)' },
      { line: 11, column: 'Employee ID', value: '', reason: 'missing employee_id' },
    ]);
    expect(await rows(project, 'SELECT employee_id, role, notes, source_line FROM roster ORDER BY source_line')).toEqual([
      { employee_id: '1', role: 'mentee', notes: 'line one\nline two', source_line: 2 },
      { employee_id: '4', role: 'mentee', notes: 'a\n\nb', source_line: 7 },
      { employee_id: '5', role: 'mentor', notes: 'ok', source_line: 12 },
    ]);
  });

  it('the reading layer gives the same lines with CRLF', async () => {
    const r = await readCsvRows(project.conn, fixture(dir, 'roster-crlf.csv', roster.replaceAll('\n', '\r\n')));
    expect(r.rows.map((x) => x.line)).toEqual([2, 5, 6, 7, 11, 12]);
    expect(r.rows[3]!.values[4]).toBe('a\r\n\r\nb');
    expect(r.lineEndings).toBe('crlf');
  });

  it('skips rows whose every cell is empty and says how many', async () => {
    const s = await importCsv(project.conn, { path: fixture(dir, 'trailing.csv', 'employee_id,hire_date,department\n1,2020-01-01,A\n,,\n , NA ,\n2,2020-01-02,B\n,,\n'), kind: 'people' });
    expect(s).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0, emptyRowsSkipped: 3 });
    expect(await people('SELECT employee_id, source_line FROM people ORDER BY 1')).toEqual([
      { employee_id: '1', source_line: 2 },
      { employee_id: '2', source_line: 5 },
    ]);
  });

  it('treats the missing-value spellings as missing, padded or not', async () => {
    const f = fixture(dir, 'na.csv', 'employee_id,hire_date,termination_date,department,location\n1,2020-01-01,NA, N/A ,-\n2,2020-01-01, null ,NULL,x\n');
    await importCsv(project.conn, { path: f, kind: 'people' });
    expect(await people('SELECT termination_date, department, location FROM people ORDER BY employee_id')).toEqual([
      { termination_date: null, department: null, location: null },
      { termination_date: null, department: null, location: 'x' },
    ]);
  });
});

describe('the check pass, narrow and wide', () => {
  // Up to 64 flags (columns + possible items) the check pass uses one aggregate per flag,
  // beyond that a list per row: both must find the padded columns, the empty rows and the
  // item columns alike.
  for (const items of [10, 80]) {
    it(`a wide survey with ${items} items: padded values, an empty row, a text column`, async () => {
      const names = Array.from({ length: items }, (_, i) => `Q${i + 1}`);
      const lines = [
        ['Employee ID', 'Date', 'Comment', ...names].join(','),
        ['00001', '2024-01-05', 'fine', ...names.map((_, i) => String(1 + (i % 5)))].join(','),
        ','.repeat(items + 2),
        [' 00002 ', '2024-01-06', 'ok', ...names.map((_, i) => (i === 0 ? ' 3 ' : i === 1 ? '' : '4'))].join(','),
      ];
      const s = await importCsv(project.conn, { path: fixture(dir, `wide${items}.csv`, lines.join('\n') + '\n'), kind: 'survey', mapping: { scale: { min: 1, max: 5 } } });
      expect(s.detected).toMatchObject({ surveyLayout: 'wide', items: names });
      expect(s).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0, emptyRowsSkipped: 1, itemScores: { loaded: 2 * items - 1, rejected: 0 } });
      expect(await rows(project, "SELECT employee_id, item, score FROM survey_responses WHERE item IN ('Q1', 'Q2', 'Q3') ORDER BY 1, 2")).toEqual([
        { employee_id: '00001', item: 'Q1', score: 1 },
        { employee_id: '00001', item: 'Q2', score: 2 },
        { employee_id: '00001', item: 'Q3', score: 3 },
        { employee_id: '00002', item: 'Q1', score: 3 },
        { employee_id: '00002', item: 'Q3', score: 4 },
      ]);
    });
  }
});

describe('extra header rows (Qualtrics)', () => {
  const qualtrics = [
    'StartDate,EndDate,Status,Progress,RecordedDate,ResponseId,ExternalReference,Q1,Q2', // 1
    'Start Date,End Date,Response Type,Progress,Recorded Date,Response ID,External Data Reference,"How satisfied are you', // 2
    'with your mentor?",Would you recommend the program?', // 3
    '"{""ImportId"":""startDate"",""timezone"":""America/Denver""}","{""ImportId"":""endDate""}","{""ImportId"":""status""}","{""ImportId"":""progress""}","{""ImportId"":""recordedDate""}","{""ImportId"":""_recordId""}","{""ImportId"":""externalDataReference""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"', // 4
    '2024-04-15 09:12:33,2024-04-15 09:20:00,IP Address,100,2024-04-15 09:20:01,R_abc,00123,4,5', // 5
    '2024-04-16 10:00:00,2024-04-16 10:05:00,IP Address,100,2024-04-16 10:05:01,R_def,00456,6,', // 6
    '2024-04-17 10:00:00,2024-04-17 10:05:00,IP Address,50,2024-04-17 10:05:01,R_ghi,00789,,2', // 7
  ].join('\r\n');

  it('detects the question-text and ImportId rows, finds the items and keeps file lines', async () => {
    const s = await importCsv(project.conn, { path: fixture(dir, 'qualtrics.csv', qualtrics), kind: 'survey', mapping: { scale: { min: 1, max: 5 } } });
    expect(s.detected).toMatchObject({ headerRowsSkipped: 2, surveyLayout: 'wide', items: ['Q1', 'Q2'], dateFormats: { RecordedDate: 'iso' } });
    // Lines 5 and 7 load answers, line 6 has its only answer rejected.
    expect(s).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1, itemScores: { loaded: 3, rejected: 1 } });
    expect(s.rejects).toEqual([{ line: 6, column: 'Q1', value: '6', reason: 'score outside the scale 1–5' }]);
    expect(await rows(project, 'SELECT employee_id, response_date, item, score, response_id, source_line FROM survey_responses ORDER BY source_line, item')).toEqual([
      { employee_id: '00123', response_date: '2024-04-15', item: 'Q1', score: 4, response_id: 'R_abc', source_line: 5 },
      { employee_id: '00123', response_date: '2024-04-15', item: 'Q2', score: 5, response_id: 'R_abc', source_line: 5 },
      { employee_id: '00789', response_date: '2024-04-17', item: 'Q2', score: 2, response_id: 'R_ghi', source_line: 7 },
    ]);
  });

  it('honours headerRowsToSkip', async () => {
    const f = fixture(dir, 'units.csv', 'employee_id,hire_date,salary\n(text),(date),(EUR)\n1,2020-01-01,50000\n');
    const s = await importCsv(project.conn, { path: f, kind: 'people', mapping: { headerRowsToSkip: 1 } });
    expect(s).toMatchObject({ rowsRead: 1, rowsLoaded: 1 });
    expect(await people('SELECT employee_id, salary, source_line FROM people')).toEqual([{ employee_id: '1', salary: '50000', source_line: 3 }]);
  });

  it('detects a repeated header row', async () => {
    const f = fixture(dir, 'twice.csv', 'Employee ID,Hire Date\nEmployee ID,Hire Date\n1,2020-01-01\n');
    const s = await importCsv(project.conn, { path: f, kind: 'people' });
    expect(s.detected.headerRowsSkipped).toBe(1);
    expect(s.rowsRead).toBe(1);
  });
});

describe('dates', () => {
  it('Excel serial day numbers', async () => {
    const s = await importCsv(project.conn, { path: fixture(dir, 'serial.csv', 'employee_id,hire_date\n1,43831\n2,44197.75\n3,45000\n'), kind: 'people' });
    expect(s.detected.dateFormats).toEqual({ hire_date: 'excel' });
    expect(await people('SELECT hire_date FROM people ORDER BY employee_id')).toEqual([{ hire_date: '2020-01-01' }, { hire_date: '2021-01-01' }, { hire_date: '2023-03-15' }]);
  });

  it('US dates with times, ISO timestamps with offsets, hyphenated month-first dates', async () => {
    await importCsv(project.conn, { path: fixture(dir, 'us.csv', 'employee_id,hire_date\n1,12/15/2023 14:05\n2,1/2/2024 9:30\n'), kind: 'people' });
    expect(await people('SELECT hire_date FROM people ORDER BY employee_id')).toEqual([{ hire_date: '2023-12-15' }, { hire_date: '2024-01-02' }]);
    await importCsv(project.conn, { path: fixture(dir, 'iso.csv', 'employee_id,hire_date\n1,2024-04-15T09:12:33Z\n2,2024-04-16 23:30:00+02:00\n'), kind: 'people' });
    expect(await people('SELECT hire_date FROM people ORDER BY employee_id')).toEqual([{ hire_date: '2024-04-15' }, { hire_date: '2024-04-16' }]);
    const s = await importCsv(project.conn, { path: fixture(dir, 'hy.csv', 'employee_id,hire_date\n1,9-20-2019\n2,10-3-2020\n'), kind: 'people' });
    expect(s.detected.dateFormats).toEqual({ hire_date: '%m-%d-%Y' });
    expect(await people('SELECT hire_date FROM people ORDER BY employee_id')).toEqual([{ hire_date: '2019-09-20' }, { hire_date: '2020-10-03' }]);
  });

  it('one date column decides an ambiguous one; without one, the user must', async () => {
    const f = fixture(dir, 'two.csv', 'employee_id,hire_date,termination_date\n1,03/04/2020,25/12/2021\n');
    const s = await importCsv(project.conn, { path: f, kind: 'people' });
    expect(s.detected.dateFormats).toEqual({ hire_date: '%d/%m/%Y', termination_date: '%d/%m/%Y' });
    const err = await engineError(importCsv(project.conn, { path: fixture(dir, 'amb.csv', 'employee_id,hire_date\n1,03/04/2020\n'), kind: 'people' }));
    expect(err.toApiError()).toMatchObject({ code: 'ambiguous_date', file: 'amb.csv', column: 'hire_date' });
  });

  it('rejects values in another format than the column\'s, with their line', async () => {
    const s = await importCsv(project.conn, { path: fixture(dir, 'mix.csv', 'employee_id,hire_date\n1,2020-01-01\n2,2020-01-02\n3,13/01/2020\n'), kind: 'people' });
    expect(s.rejects).toEqual([{ line: 4, column: 'hire_date', value: '13/01/2020', reason: 'unparseable date (expected YYYY-MM-DD)' }]);
  });
});

describe('numbers, labels and scales', () => {
  const survey = 'employee_id,response_date,item,score\n1,2024-01-01,Q1,4\n2,2024-01-01,Q1,abc\n3,2024-01-01,Q1,-1\n4,2024-01-01,Q1,7\n5,2024-01-01,Q1,Agree\n6,2024-01-01,Q1,Meh\n7,2024-01-01,Q1,inf\n';

  it('rejects non-numbers, implausible scores and unknown labels', async () => {
    const s = await importCsv(project.conn, {
      path: fixture(dir, 'long.csv', survey),
      kind: 'survey',
      mapping: { values: { score: { 'Strongly agree': 5, Agree: 4 } } },
    });
    expect(s.detected.surveyLayout).toBe('long');
    expect(s.rowsLoaded).toBe(3);
    expect(s.rejects).toEqual([
      { line: 3, column: 'score', value: 'abc', reason: "unknown label (not in the mapping's values for score) and not a number" },
      { line: 4, column: 'score', value: '-1', reason: "score outside 0–100 (set the mapping's scale if that is right)" },
      { line: 7, column: 'score', value: 'Meh', reason: "unknown label (not in the mapping's values for score) and not a number" },
      { line: 8, column: 'score', value: 'inf', reason: "unknown label (not in the mapping's values for score) and not a number" },
    ]);
  });

  it('applies the mapping\'s scale', async () => {
    const s = await importCsv(project.conn, { path: fixture(dir, 'long.csv', survey), kind: 'survey', mapping: { scale: { min: 1, max: 5 }, values: { score: { agree: 4 } } } });
    expect(s.rejects.filter((r) => r.reason.startsWith('score outside'))).toEqual([
      { line: 4, column: 'score', value: '-1', reason: 'score outside the scale 1–5' },
      { line: 5, column: 'score', value: '7', reason: 'score outside the scale 1–5' },
    ]);
  });

  it('maps rating labels case-insensitively', async () => {
    const f = fixture(dir, 'perf.csv', 'EmpID,Review Date,Performance Score\n1,2023-01-01,Exceeds\n2,2023-01-01,fully meets\n3,2023-01-01,Outstanding\n');
    const s = await importCsv(project.conn, { path: f, kind: 'performance', mapping: { values: { rating: { Exceeds: 4, 'Fully Meets': 3 } } } });
    expect(s.rejects).toEqual([{ line: 4, column: 'Performance Score', value: 'Outstanding', reason: "unknown label (not in the mapping's values for rating) and not a number" }]);
    expect(await rows(project, 'SELECT employee_id, rating FROM performance_reviews ORDER BY 1')).toEqual([
      { employee_id: '1', rating: 4 },
      { employee_id: '2', rating: 3 },
    ]);
  });

  it('a constant stands in for a column the file lacks', async () => {
    const f = fixture(dir, 'nodate.csv', 'EmployeeNumber,JobSatisfaction,WorkLifeBalance\n1,3,4\n2,2,\n');
    const s = await importCsv(project.conn, { path: f, kind: 'survey', mapping: { constants: { response_date: '2019-06-19', wave: 'IBM 2019' } } });
    expect(s.detected).toMatchObject({ surveyLayout: 'wide', items: ['JobSatisfaction', 'WorkLifeBalance'] });
    expect(await rows(project, 'SELECT employee_id, response_date, item, score, wave FROM survey_responses ORDER BY 1, 3')).toEqual([
      { employee_id: '1', response_date: '2019-06-19', item: 'JobSatisfaction', score: 3, wave: 'IBM 2019' },
      { employee_id: '1', response_date: '2019-06-19', item: 'WorkLifeBalance', score: 4, wave: 'IBM 2019' },
      { employee_id: '2', response_date: '2019-06-19', item: 'JobSatisfaction', score: 2, wave: 'IBM 2019' },
    ]);
  });
});

describe('clear errors', () => {
  it('a survey export imported as people says what it looks like', async () => {
    const f = fixture(dir, 'survey.csv', 'Employee ID,Response Date,Question,Score\n1,2024-01-01,Q1,4\n');
    const err = await engineError(importCsv(project.conn, { path: f, kind: 'people' }));
    expect(err.message).toMatch(/^survey\.csv, line 1: required column hire_date is missing .*; this looks like a survey export \(it has "Employee ID", "Response Date", "Question", "Score"\): import it as survey$/);
  });

  it('a quote that is never closed: the line where it opens', async () => {
    const err = await engineError(importCsv(project.conn, { path: fixture(dir, 'open.csv', 'employee_id,hire_date,notes\n1,2020-01-01,"fine"\n2,2020-01-01,"never\nclosed\n3,2020-01-01,x\n'), kind: 'people' }));
    expect(err.message).toBe('open.csv, line 3: a quoted value starts here and is never closed');
    expect(err.toApiError()).toMatchObject({ code: 'unreadable_csv', file: 'open.csv', line: 3 });
  });

  it('too many fields, after a multi-line record and a blank line: the exact line', async () => {
    const text = 'employee_id,hire_date,notes\n1,2020-01-01,"a\nb\nc"\n\n2,2020-01-01,x\n3,2020-01-01,x,extra\n';
    const err = await engineError(importCsv(project.conn, { path: fixture(dir, 'wide.csv', text), kind: 'people' }));
    expect(err.message).toBe("wide.csv, line 7: the row has more fields than the header's 3 (a delimiter in a value that is not quoted?)");
  });

  it('too few fields', async () => {
    const err = await engineError(importCsv(project.conn, { path: fixture(dir, 'short.csv', 'employee_id,hire_date,notes\n1,2020-01-01,x\n2,2020-01-01\n'), kind: 'people' }));
    expect(err.message).toBe('short.csv, line 3: the row has 2 fields but the header has 3');
  });

  it('text after a closing quote', async () => {
    const err = await engineError(importCsv(project.conn, { path: fixture(dir, 'stray.csv', 'employee_id,hire_date,notes\n1,2020-01-01,"say "hi" now"\n'), kind: 'people' }));
    expect(err.message).toBe('stray.csv, line 2: text follows the closing quote of a quoted value (a quote inside a quoted value must be doubled: "")');
  });

  it('spreadsheets and other binary files', async () => {
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 1)]);
    expect((await engineError(importCsv(project.conn, { path: fixture(dir, 'book.csv', xlsx), kind: 'people' }))).message).toBe(
      'book.csv: this is not a text CSV file (it looks like an Excel workbook or a zip archive); save it as CSV (UTF-8) and import that',
    );
    expect((await engineError(importCsv(project.conn, { path: fixture(dir, 'doc.csv', '%PDF-1.7\n...'), kind: 'people' }))).toApiError()).toMatchObject({ code: 'binary_file', file: 'doc.csv' });
    expect((await engineError(importCsv(project.conn, { path: fixture(dir, 'blank.csv', '\n\n  \n'), kind: 'people' }))).message).toBe('blank.csv: the file holds only blank lines, no header');
    expect((await engineError(importCsv(project.conn, { path: join(dir, 'nope.csv'), kind: 'people' }))).toApiError()).toMatchObject({ code: 'not_found' });
  });
});

describe('progress', () => {
  it('reports each phase in order, bytes while scanning and rows at the end', async () => {
    const lines = ['employee_id,hire_date'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},2020-01-01`);
    const f = fixture(dir, 'p.csv', lines.join('\n'));
    const events: ImportProgress[] = [];
    await importCsv(project.conn, { path: f, kind: 'people' }, (p) => events.push(p));
    const phases = events.map((e) => e.phase).filter((p, i, a) => p !== a[i - 1]);
    expect(phases).toEqual(['scan', 'load', 'check', 'write', 'done']);
    const size = Buffer.byteLength(lines.join('\n'));
    expect(events.filter((e) => e.phase === 'scan').at(-1)).toEqual({ phase: 'scan', bytesDone: size, totalBytes: size });
    expect(events.at(-1)).toEqual({ phase: 'done', rowsDone: 50_000 });
  });
});
