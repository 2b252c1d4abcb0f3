/**
 * Header-level input ("bad input gets a clear message"): repeated and empty
 * header names stay distinct columns, visible in inspection, mapping, import and rejects;
 * broken header lines get their own message naming the file, line and column.
 */
import { describe, expect, it } from 'vitest';
import { Project } from '../../../electron/engine/project';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { inspectFile } from '../../../electron/engine/import/inspect';
import { previewRows } from '../../../renderer/src/import/preview';
import { freshProjectEachTest } from '../../helpers';
import { engineError, fixture, rows } from './helpers';

let dir: string;
let project: Project;

freshProjectEachTest((d, p) => {
  dir = d;
  project = p;
});

describe('repeated and empty header names', () => {
  const REVIEWS = ['Employee ID,Review Date,Score,Comment,score,,Team,', '1,2024-01-31,3,ok,4,x,A,', '2,2024-02-29,9,high,2,y,B,', ''].join('\n');

  it('inspection names every column distinctly and says which are repeated or empty', async () => {
    const ins = await inspectFile(project.conn, { path: fixture(dir, 'reviews.csv', REVIEWS), kind: 'performance' });
    expect(ins.columns).toEqual(['Employee ID', 'Review Date', 'Score_0', 'Comment', 'score_1', 'column5', 'Team', 'column7']);
    expect(ins.warnings).toEqual([
      'reviews.csv, line 1: the header names 2 columns "Score" (columns 3 and 5); they are read as "Score_0" and "score_1", and a mapping must name one of those',
      'reviews.csv, line 1: header cells 6 and 8 are empty; those columns are read as "column5" and "column7"',
    ]);
    // Neither repeated column is guessed for the rating: which one is meant is not known.
    expect(ins.fields.find((f) => f.name === 'rating')?.guess).toBeNull();
    expect(previewRows(ins).rows[0]).toEqual(['1', '2024-01-31', '3', 'ok', '4', 'x', 'A', null]);
  });

  it('a mapping naming the repeated name is refused; naming one of the suffixed names imports it, and rejects use that name', async () => {
    const path = fixture(dir, 'reviews.csv', REVIEWS);
    const err = await engineError(importCsv(project.conn, { path, kind: 'performance', mapping: { columns: { rating: 'Score' } } }));
    expect(err.message).toBe(
      'reviews.csv, line 1: the mapping\'s column "Score" for rating is ambiguous: the header names 2 columns "Score" (columns 3 and 5), read as "Score_0" and "score_1"; name one of those',
    );
    expect(err.toApiError()).toMatchObject({ code: 'bad_mapping', file: 'reviews.csv', line: 1, column: 'Score' });

    const s = await importCsv(project.conn, { path, kind: 'performance', mapping: { columns: { rating: 'Score_0' }, scale: { min: 1, max: 5 } } });
    expect(s).toMatchObject({ rowsRead: 2, rowsLoaded: 1, rowsRejected: 1 });
    expect(s.rejects).toEqual([{ line: 3, column: 'Score_0', value: '9', reason: 'rating outside the scale 1–5' }]);
    expect(s.warnings).toHaveLength(2);
    expect(await rows(project, 'SELECT employee_id, rating, score_1, column5 FROM performance_reviews')).toEqual([{ employee_id: '1', rating: 3, score_1: '4', column5: 'x' }]);

    const other = await importCsv(project.conn, { path, kind: 'performance', mapping: { columns: { rating: 'score_1' } } });
    expect(other.rowsLoaded).toBe(2);
    expect(await rows(project, 'SELECT rating FROM performance_reviews ORDER BY employee_id')).toEqual([{ rating: 4 }, { rating: 2 }]);
  });

  it('repeated names in the survey section and in dateFormats are refused too', async () => {
    const path = fixture(dir, 'survey.csv', 'Employee ID,Date,Q1,Q1,Date\n1,2024-01-01,3,4,2024-01-02\n');
    const items = await engineError(importCsv(project.conn, { path, kind: 'survey', mapping: { columns: { response_date: 'Date_0' }, survey: { layout: 'wide', items: ['Q1'] } } }));
    expect(items.message).toMatch(/^survey\.csv, line 1: the mapping's column "Q1" among the survey items is ambiguous: the header names 2 columns "Q1" \(columns 3 and 4\)/);
    const dates = await engineError(importCsv(project.conn, { path, kind: 'survey', mapping: { dateFormats: { date: 'iso' } } }));
    expect(dates.message).toMatch(/^survey\.csv, line 1: the mapping's column "date" in dateFormats is ambiguous/);
    const s = await importCsv(project.conn, { path, kind: 'survey', mapping: { columns: { response_date: 'Date_1' }, survey: { layout: 'wide', items: ['Q1_0', 'Q1_1'] } } });
    expect(s).toMatchObject({ rowsRead: 1, detected: { items: ['Q1_0', 'Q1_1'] } });
    expect(await rows(project, 'SELECT item, score, response_date FROM survey_responses ORDER BY item')).toEqual([
      { item: 'Q1_0', score: 3, response_date: '2024-01-02' },
      { item: 'Q1_1', score: 4, response_date: '2024-01-02' },
    ]);
  });

  it('a required column written twice is not guessed: the message says why', async () => {
    const path = fixture(dir, 'people.csv', 'Employee ID,Hire Date,Employee ID\n1,2020-01-01,1\n');
    const err = await engineError(importCsv(project.conn, { path, kind: 'people' }));
    expect(err.message).toContain('people.csv, line 1: required column employee_id is missing');
    expect(err.message).toContain('the header names 2 columns "Employee ID" (columns 1 and 3), read as "Employee ID_0" and "Employee ID_1": map one of those');
  });

  it('a generated name never takes a name the header writes', async () => {
    const ins = await inspectFile(project.conn, { path: fixture(dir, 'x.csv', 'a,b,a,A,a_1,,column5\n1,2,3,4,5,6,7\n') });
    expect(ins.columns).toEqual(['a_0', 'b', 'a_2', 'A_3', 'a_1', 'column5_0', 'column5']);
  });
});

describe('a broken header line gets its own message', () => {
  /** The import and the inspection refuse the file with the same message. */
  async function refused(name: string, content: string | Buffer): Promise<string> {
    const path = fixture(dir, name, content);
    const imported = await engineError(importCsv(project.conn, { path, kind: 'people' }));
    const inspected = await engineError(inspectFile(project.conn, { path }));
    expect(inspected.message).toBe(imported.message);
    return imported.message;
  }

  it('a 1 MB header name', async () => {
    const msg = await refused('long-name.csv', `Employee ID,${'x'.repeat(1 << 20)},Hire Date\n1,a,2020-01-01\n`);
    expect(msg).toBe(
      'long-name.csv, line 1, column 2: the header name here is longer than 256 KB (the first 256 KB of the file hold no end of it); a header holds column names, so this does not look like a CSV export',
    );
  });

  it('a header line of more than 256 KB of ordinary names', async () => {
    const header = Array.from({ length: 20_000 }, (_, i) => `question_${String(i).padStart(5, '0')}`).join(';');
    const msg = await refused('very-wide.csv', `${header}\n${Array.from({ length: 20_000 }, () => '1').join(';')}\n`);
    expect(msg).toMatch(/^very-wide\.csv, line 1: the header line is longer than 256 KB \((1[0-9],\d{3}) columns and more\); the app reads header lines of up to 256 KB$/);
  });

  it('a quoted header name that is never closed', async () => {
    expect(await refused('open-quote.csv', 'Employee ID,"Hire Date,Department\n1,2020-01-01,Sales\n2,2020-02-01,HR\n')).toBe(
      'open-quote.csv, line 1, column 2: the header name here starts with a quote that is never closed, so the rest of the file would be read as that one name (a quote inside a quoted name must be doubled: "")',
    );
    // In a big file the name runs past the part that is inspected: that is said too.
    const big = `\n;Employee ID;Hire Date;"Department\n${'1;2020-01-01;Sales\n'.repeat(20_000)}`;
    expect(await refused('open-quote-big.csv', big)).toBe(
      'open-quote-big.csv, line 2, column 4: the header name here starts with a quote that is never closed in the first 256 KB, so the rest of the file would be read as that one name (a quote inside a quoted name must be doubled: "")',
    );
  });

  it('text after the closing quote of a header name', async () => {
    expect(await refused('stray.csv', 'Employee ID,"Hire" Date,Department\n1,2020-01-01,Sales\n')).toBe(
      'stray.csv, line 1, column 2: text follows the closing quote of the header name "Hire" Date (a quote inside a quoted name must be doubled: "")',
    );
  });

  it('a UTF-16 byte-order mark followed by UTF-8 text', async () => {
    const utf8 = Buffer.from('Employee ID,Hire Date,Location\n1,2020-01-01,Zürich\n', 'utf8');
    for (const [name, bom] of [['le.csv', [0xff, 0xfe]], ['be.csv', [0xfe, 0xff]]] as const) {
      expect(await refused(name, Buffer.concat([Buffer.from(bom), utf8]))).toBe(
        `${name}, line 1: the file starts with a UTF-16 byte-order mark, but the text after it is UTF-8, not UTF-16; save the file again as CSV UTF-8 (or remove the first two bytes)`,
      );
    }
  });

  it('only blank lines', async () => {
    expect(await refused('blank.csv', '\n\n  \n')).toBe('blank.csv: the file holds only blank lines, no header');
  });
});
