/**
 * The app's mapping step on the engine side: inspectFile, validateImport (a dry
 * run that leaves the project unchanged), import jobs (status and cancel answer while the
 * import runs) and mapping templates.
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import { Engine } from '../../../electron/engine/service';
import { previewRows } from '../../../renderer/src/import/preview';
import { tempDir, writeCsv } from '../../helpers';

const sampleDataDir = join(__dirname, '..', '..', '..', 'sample-data');
const sample = (f: string) => ({ path: join(sampleDataDir, f) });

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const AMBIGUOUS_CSV = [
  'Worker ID;Joined On;Program;Participant Type;Cohort',
  '00101;03/04/2024;Lead;Mentee;A',
  '00102;05/06/2024;Lead;Mentor;A',
  '00103;07/08/2024;Lead;Protégé;A',
  '00104;not a date;Lead;Mentee;A',
  '00105;01/02/2024;Lead;Buddy;A',
].join('\r\n') + '\r\n';

describe('import inspection, dry run, jobs and templates', () => {
  let engine: Engine;
  let api: Api;
  let dir: string;

  beforeEach(async () => {
    dir = tempDir();
    engine = new Engine({ host: 'direct', dataDir: join(dir, 'home'), sampleDataDir });
    api = engine.api;
    value(await api.openProject({ path: join(dir, 'p.duckdb') }));
  });
  afterEach(async () => {
    await engine.closeProject();
  });

  it('inspects each sample file: kind, format, mapping guesses and dates', async () => {
    const expected = {
      'program_roster.csv': 'roster',
      'hris_export.csv': 'people',
      'engagement_survey.csv': 'survey',
      'performance_reviews.csv': 'performance',
    } as const;
    for (const [file, kind] of Object.entries(expected)) {
      const ins = value(await api.inspectFile({ file: sample(file) }));
      expect(ins.guessedKind, file).toBe(kind);
      expect(ins.kind).toBe(kind);
      expect(ins.detected).toMatchObject({ encoding: 'utf-8', delimiter: ',', headerRowsToSkip: 0 });
      expect(previewRows(ins).rows.length).toBe(100);
      for (const f of ins.fields.filter((x) => x.required && x.name !== 'item' && x.name !== 'score')) expect(f.guess, `${file} ${f.name}`).not.toBeNull();
      expect(previewRows(ins).rows[0]![0]).toMatch(/^0\d+$|^R_/);
    }
    const perf = value(await api.inspectFile({ file: sample('performance_reviews.csv') }));
    expect(perf.dates.find((d) => d.column === 'Review Date')).toMatchObject({ field: 'review_date', format: '%m/%d/%Y', ambiguous: false });
    const survey = value(await api.inspectFile({ file: sample('engagement_survey.csv') }));
    expect(survey.survey?.layout).toBe('long');
    expect(survey.fields.find((f) => f.name === 'item')?.guess).toBe('Question');
  });

  it('flags an ambiguous date column, guesses synonyms and lists text roles', async () => {
    const path = writeCsv(dir, 'matches.csv', AMBIGUOUS_CSV);
    const ins = value(await api.inspectFile({ file: { path } }));
    expect(ins.guessedKind).toBe('roster');
    expect(ins.detected).toMatchObject({ delimiter: ';', lineEndings: 'crlf', headerRowsToSkip: 0 });
    expect(ins.fields.find((f) => f.name === 'employee_id')?.guess).toBe('Worker ID');
    expect(ins.fields.find((f) => f.name === 'role')?.guess).toBe('Participant Type');
    expect(ins.fields.find((f) => f.name === 'start_date')?.guess).toBe('Joined On');
    const d = ins.dates.find((x) => x.column === 'Joined On')!;
    expect(d).toMatchObject({ field: 'start_date', ambiguous: true, format: null });
    expect(d.candidates).toEqual(expect.arrayContaining(['%m/%d/%Y', '%d/%m/%Y']));
    expect(ins.textValues.find((t) => t.field === 'role')?.values).toEqual(expect.arrayContaining(['Mentee', 'Mentor', 'Protégé', 'Buddy']));
    // Without a choice the import refuses; with one it runs.
    const refused = await api.validateImport({ file: { path }, kind: 'roster', mapping: { columns: { start_date: 'Joined On' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ambiguous_date' } });
  });

  it('detects Qualtrics extra header rows and a wide survey', async () => {
    const path = writeCsv(dir, 'qualtrics.csv', [
      'ResponseId,ExternalReference,RecordedDate,Q1,Q2,Q3',
      'Response ID,External Data Reference,Recorded Date,I feel valued,I would recommend,I plan to stay',
      '{"ImportId":"_recordId"},{"ImportId":"externalDataReference"},{"ImportId":"recordedDate"},{"ImportId":"QID1"},{"ImportId":"QID2"},{"ImportId":"QID3"}',
      'R_1,00042,2024-05-01 10:00:00,4,5,Agree',
      'R_2,00043,2024-05-02 11:00:00,3,2,Disagree',
    ].join('\n') + '\n');
    const ins = value(await api.inspectFile({ file: { path }, kind: 'survey' }));
    expect(ins.detected.headerRowsToSkip).toBe(2);
    expect(ins.survey?.layout).toBe('wide');
    expect(ins.survey?.itemCandidates).toEqual(['Q1', 'Q2', 'Q3']);
    expect(ins.textValues.find((t) => t.field === 'score')?.values.sort()).toEqual(['Agree', 'Disagree']);
    expect(ins.fields.find((f) => f.name === 'response_date')?.guess).toBe('RecordedDate');
    // The page's mapping for it: wide items, a value map for the text answers, the header rows.
    const v = value(
      await api.validateImport({
        file: { path },
        kind: 'survey',
        mapping: {
          columns: { employee_id: 'ExternalReference', response_date: 'RecordedDate', response_id: 'ResponseId' },
          survey: { layout: 'wide', items: ['Q1', 'Q2', 'Q3'] },
          values: { score: { Agree: 4, Disagree: 2 } },
          headerRowsToSkip: ins.detected.headerRowsToSkip,
          scale: { min: 1, max: 5 },
        },
      }),
    );
    expect(v).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0, itemScores: { loaded: 6, rejected: 0 }, detected: { surveyLayout: 'wide', items: ['Q1', 'Q2', 'Q3'], headerRowsSkipped: 2 } });
  });

  it('validateImport counts and rejects without changing the project', async () => {
    const path = writeCsv(dir, 'matches.csv', AMBIGUOUS_CSV);
    const before = value(await api.listTables({}));
    const mapping = { columns: { start_date: 'Joined On', cohort: 'Cohort' }, dateFormats: { 'Joined On': '%d/%m/%Y' } };
    const v = value(await api.validateImport({ file: { path }, kind: 'roster', mapping }));
    expect(v).toMatchObject({ rowsRead: 5, rowsLoaded: 3, rowsRejected: 2 });
    expect(v.rejects.map((r) => r.line)).toEqual([5, 6]);
    expect(v.rejectReasons.map((r) => r.reason).sort()).toEqual(['unknown role (expected mentee or mentor)', 'unparseable date (expected DD/MM/YYYY)']);
    expect(v.detected?.dateFormats).toEqual({ 'Joined On': '%d/%m/%Y' });
    // A role word the engine does not know, mapped by the user.
    const withRoles = value(await api.validateImport({ file: { path }, kind: 'roster', mapping: { ...mapping, roles: { buddy: 'mentor' } } }));
    expect(withRoles).toMatchObject({ rowsLoaded: 4, rowsRejected: 1 });
    expect(await api.validateImport({ file: { path }, kind: 'roster', mapping: { ...mapping, roles: { Buddy: 'boss' as 'mentor' } } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(value(await api.listTables({}))).toEqual(before);
    expect(value(await api.listImports({}))).toEqual([]);
    // The real import writes what the dry run promised.
    const done = value(await api.importFile({ file: { path }, kind: 'roster', mapping }));
    expect(done).toMatchObject({ rowsLoaded: 3, rowsRejected: 2 });
    const rows = value(await api.previewTable({ table: 'roster' }));
    expect(rows.rows[0]).toContain('2024-04-03');
  });

  it('runs an import job; status answers while it runs, and cancel leaves the project unchanged', async () => {
    const path = join(dir, 'big.csv');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(path);
      out.on('error', reject);
      out.write('Employee ID,Submitted At,Question,Score\n');
      let chunk = '';
      for (let i = 0; i < 1_500_000; i++) {
        chunk += `${String(i % 5000).padStart(6, '0')},2024-03-${String((i % 28) + 1).padStart(2, '0')},Q${i % 10},${(i % 5) + 1}\n`;
        if (chunk.length > 1 << 20) {
          out.write(chunk);
          chunk = '';
        }
      }
      out.end(chunk, () => resolve());
    });
    const before = value(await api.listTables({}));
    const { jobId } = value(await api.startImport({ file: { path }, kind: 'survey', mapping: { scale: { min: 1, max: 5 } } }));
    // Status answers while the job runs: had it waited behind the import, it would read 'done'.
    const s1 = value(await api.importStatus({ jobId }));
    expect(s1.state).toBe('running');
    await new Promise((r) => setTimeout(r, 300));
    expect(value(await api.importStatus({ jobId })).state).toBe('running');
    expect(value(await api.cancelImport({ jobId }))).toEqual({ cancelled: true });
    await expect.poll(async () => value(await api.importStatus({ jobId })).state, { timeout: 30_000 }).toBe('cancelled');
    expect(value(await api.importStatus({ jobId })).error?.code).toBe('cancelled');
    expect(value(await api.listTables({}))).toEqual(before);

    // Run to the end: done, with the result.
    const again = value(await api.startImport({ file: { path }, kind: 'survey', mapping: { scale: { min: 1, max: 5 } } }));
    await expect.poll(async () => value(await api.importStatus({ jobId: again.jobId })).state, { timeout: 120_000, interval: 200 }).toBe('done');
    const end = value(await api.importStatus({ jobId: again.jobId }));
    expect(end.result).toMatchObject({ rowsRead: 1_500_000, rowsLoaded: 1_500_000 });
    expect(end.rowsPerSecond).toBeGreaterThan(0);
    expect(value(await api.importStatus({ jobId: again.jobId })).progress.phase).toBe('done');
    expect(await api.importStatus({ jobId: 'ab'.repeat(16) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  }, 180_000);

  it('previews a big table in file order although the bulk insert does not keep it', async () => {
    const rows = 400_000;
    const lines = ['Employee ID,Submitted At,Question,Score'];
    for (let i = 0; i < rows; i++) lines.push(`${String(i % 7919).padStart(6, '0')},2024-03-${String((i % 28) + 1).padStart(2, '0')},Q${i % 10},${(i % 5) + 1}`);
    const path = writeCsv(dir, 'long.csv', lines.join('\n') + '\n');
    expect(value(await api.importFile({ file: { path }, kind: 'survey' }))).toMatchObject({ rowsLoaded: rows });
    for (const offset of [0, 123_000, 399_950]) {
      const page = value(await api.previewTable({ table: 'survey_responses', offset, limit: 50 }));
      const line = page.columns.indexOf('source_line');
      expect(page.rows.map((r) => Number(r[line]))).toEqual(Array.from({ length: 50 }, (_, k) => offset + k + 2));
    }
  });

  it('saves, lists and deletes mapping templates in the project', async () => {
    const mapping = { columns: { employee_id: 'Worker ID' }, dateFormats: { 'Joined On': '%d/%m/%Y' }, headerRowsToSkip: 0 };
    value(await api.saveMappingTemplate({ name: 'Workday roster', kind: 'roster', mapping }));
    value(await api.saveMappingTemplate({ name: 'Lattice reviews', kind: 'performance', mapping: { values: { rating: { Exceeds: 4 } } } }));
    value(await api.saveMappingTemplate({ name: 'Workday roster', kind: 'roster', mapping: { ...mapping, headerRowsToSkip: 1 } }));
    const all = value(await api.listMappingTemplates({}));
    expect(all.map((t) => t.name)).toEqual(['Lattice reviews', 'Workday roster']);
    expect(value(await api.listMappingTemplates({ kind: 'roster' }))[0]?.mapping.headerRowsToSkip).toBe(1);
    expect(value(await api.deleteMappingTemplate({ name: 'Lattice reviews' }))).toEqual({ deleted: true });
    expect(value(await api.deleteMappingTemplate({ name: 'nope' }))).toEqual({ deleted: false });
    // Stored in the project file.
    await engine.closeProject();
    value(await api.openProject({ path: join(dir, 'p.duckdb') }));
    expect(value(await api.listMappingTemplates({})).map((t) => t.name)).toEqual(['Workday roster']);
  });
});
