/**
 * Privacy: raw rejected values only in import_rejects and purgeable, "delete this project's
 * personal data" (gone from the file's bytes too), and small-group suppression enforced in
 * the engine's output.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../electron/engine/db';
import { compactCopyPath } from '../../electron/engine/privacy/personalData';
import { Project } from '../../electron/engine/project';
import { Engine } from '../../electron/engine/service';
import type { AnalysisConfigInput } from '../../shared/api';
import { writeCsv } from '../helpers';
import { occurrences, projectState, SAMPLE_DATA, tempDirs, walBytes } from './helpers';
import { sampleDataHome } from '../sampleProject';

const temp = tempDirs();
afterAll(() => temp.cleanup());

/** Distinctive values that must not survive in the project file. */
const SECRET_ID = 'ZQ7731SECRETEMP';
const SECRET_REJECT = 'SECRET-REJECT-VALUE-4471';

const PEOPLE_CSV = ['Employee ID,Hire Date,Termination Date,Department,Home Address', `${SECRET_ID},2019-03-01,,Finance,12 Lane`, '000102,2018-07-15,2023-01-31,Sales,', '000103,2020-11-02,,Sales,'].join('\n') + '\n';
const REVIEWS_CSV = ['Employee ID,Review Date,Overall Rating', `${SECRET_ID},2024-01-15,4`, `000102,${SECRET_REJECT},3`, '000103,2024-01-15,5', '000104,2024-01-16,not a rating'].join('\n') + '\n';

function newEngine(dir: string): Engine {
  return new Engine({ host: 'direct', dataDir: join(dir, 'home'), sampleDataDir: SAMPLE_DATA });
}

async function ok<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Every (table, column) of the project whose text contains `needle`. */
async function whereIs(project: Project, needle: string): Promise<string[]> {
  const cols = await queryRows<{ t: string; c: string }>(
    project.conn,
    `SELECT table_name AS t, column_name AS c FROM duckdb_columns() WHERE database_name = current_database() AND NOT internal AND data_type IN ('VARCHAR', 'JSON')`,
  );
  const found: string[] = [];
  for (const { t, c } of cols) {
    const [row] = await queryRows<{ n: number }>(
      project.conn,
      `SELECT count(*) AS n FROM "${t.replaceAll('"', '""')}" WHERE CAST("${c.replaceAll('"', '""')}" AS VARCHAR) LIKE ?`,
      [`%${needle}%`],
    );
    if ((row?.n ?? 0) > 0) found.push(`${t}.${c}`);
  }
  return found;
}

describe('privacy actions of the contract', () => {
  let dir: string;
  let engine: Engine;
  let path: string;

  beforeAll(async () => {
    dir = temp.make('mi-privacy-');
    engine = newEngine(dir);
    path = join(dir, 'team.duckdb');
    await ok(engine.api.openProject({ path }));
    await ok(engine.api.importFile({ file: { path: writeCsv(dir, 'hris.csv', PEOPLE_CSV) }, kind: 'people', asOf: '2025-01-31' }));
    const reviews = await ok(engine.api.importFile({ file: { path: writeCsv(dir, 'reviews.csv', REVIEWS_CSV) }, kind: 'performance' }));
    expect(reviews.rowsRejected).toBe(2);
    // a survey: its import also writes the derived survey_by_response, employee IDs included
    await ok(engine.api.importFile({ file: { path: writeCsv(dir, 'survey.csv', `Employee ID,Date,Q1,Q2\n${SECRET_ID},2024-02-01,4,5\n`) }, kind: 'survey' }));
    await ok(engine.api.saveAnalysisSettings({ config: { minGroupSize: 7 } }));
  });

  afterAll(async () => {
    await engine?.closeProject();
  });

  it('keeps the raw rejected values only in import_rejects', async () => {
    await engine.closeProject();
    const project = await Project.open(path);
    try {
      expect(await whereIs(project, SECRET_REJECT)).toEqual(['import_rejects.value']);
      expect(await whereIs(project, 'not a rating')).toEqual(['import_rejects.value']);
      // No reject tables of DuckDB's own (reject_scans / reject_errors) in the project file.
      const tables = await queryRows<{ name: string }>(project.conn, `SELECT table_name AS name FROM duckdb_tables() WHERE NOT temporary`);
      expect(tables.map((t) => t.name).filter((n) => /reject/.test(n))).toEqual(['import_rejects']);
    } finally {
      await project.close();
    }
    // Small files are stored uncompressed: the value is in the file's bytes (the check below means something).
    expect(occurrences(path, SECRET_REJECT)).toBeGreaterThan(0);
    await ok(engine.api.openProject({ path }));
  });

  it('purgeRejects sets the raw values to NULL, keeps line, column and reason, and leaves no trace in the file', async () => {
    const purged = await ok(engine.api.purgeRejects({}));
    expect(purged).toEqual({ purged: 2 });
    const rejects = await ok(engine.api.previewTable({ table: 'import_rejects' }));
    const col = (name: string) => rejects.columns.indexOf(name);
    expect(rejects.rows.map((r) => [r[col('line')], r[col('column')], r[col('value')]])).toEqual([
      [3, 'Review Date', null],
      [5, 'Overall Rating', null],
    ]);
    for (const r of rejects.rows) expect(String(r[col('reason')])).not.toBe('');
    expect(await ok(engine.api.purgeRejects({}))).toEqual({ purged: 0 });
    await engine.closeProject();
    expect(walBytes(path)).toBe(0);
    expect(occurrences(path, SECRET_REJECT)).toBe(0);
    expect(occurrences(path, 'not a rating')).toBe(0);
    await ok(engine.api.openProject({ path }));
  });

  it('deletePersonalData needs confirm: "DELETE"', async () => {
    for (const payload of [{}, { confirm: 'delete' }, { confirm: true }, { confirm: 'DELETE', also: 1 }]) {
      expect(await engine.call('deletePersonalData', payload)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    const tables = await ok(engine.api.listTables({}));
    expect(tables.find((t) => t.name === 'people')?.rows).toBe(3);
  });

  it('deletePersonalData empties every data table and the imports log, keeps the settings, and leaves no ID in the file', async () => {
    expect(occurrences(path, SECRET_ID)).toBeGreaterThan(0);
    await ok(engine.api.openProject({ path }));

    const res = await ok(engine.api.deletePersonalData({ confirm: 'DELETE' }));
    expect(res.rowsDeleted).toMatchObject({ people: 3, performance_reviews: 2, imports: 3, import_rejects: 2, roster: 0, survey_responses: 2, survey_by_response: 1 });
    expect(Object.keys(res.rowsDeleted)).not.toContain('project_settings');
    expect(res.project.tables.every((t) => t.rows === 0)).toBe(true);
    expect(await ok(engine.api.getAnalysisSettings({}))).toEqual({ minGroupSize: 7 });
    await engine.closeProject();

    expect(walBytes(path)).toBe(0);
    expect(occurrences(path, SECRET_ID)).toBe(0);
    expect(occurrences(path, 'hris.csv')).toBe(0);
    const state = await projectState(path);
    for (const [table, rows] of Object.entries(state.tables)) {
      if (table !== 'project_settings') expect(rows, table).toBe(0);
    }
    const reopened = await Project.open(path);
    try {
      expect(await reopened.getSetting<{ rowsDeleted: Record<string, number> }>('personal_data_deleted')).toMatchObject({ rowsDeleted: { people: 3 } });
      // Attribute columns added by the import went with the data.
      const cols = await queryRows<{ column_name: string }>(reopened.conn, 'SELECT column_name FROM (DESCRIBE people)');
      expect(cols.map((c) => c.column_name)).not.toContain('home_address');
    } finally {
      await reopened.close();
    }
    expect(occurrences(path, SECRET_ID)).toBe(0);
  });

  it('leaves a project that imports again, and no temporary copy beside it', async () => {
    await ok(engine.api.openProject({ path }));
    const again = await ok(engine.api.importFile({ file: { path: join(dir, 'hris.csv') }, kind: 'people', asOf: '2025-01-31' }));
    expect(again).toMatchObject({ rowsLoaded: 3, importId: 1 });
    await expect(import('node:fs').then((fs) => fs.existsSync(compactCopyPath(path)))).resolves.toBe(false);
  });
});

/**
 * Group sizes of a result: the statistics of an object holding one of these come from that
 * group. (Headcounts alone — population.participants, population.cohorts[].participants,
 * byCohort[].participants/comparison — are not statistics of a group and are not checked
 * here; see electron/SECURITY.md. A Kaplan–Meier reading is shown only with at least
 * minGroupSize at risk, and a withheld one has no number, atRisk included.)
 */
const GROUP_SIZE_KEYS = new Set(['n', 'n1', 'n2', 'people']);
/** A segment (SegmentResult) reports its participants and comparison: both are group sizes. */
const isSegment = (o: Record<string, unknown>) => 'value' in o && ('surveyDid' in o || 'performanceDid' in o || 'rate12m' in o);
/** Structural numbers a suppressed result may keep: which horizon or scale level it is about. */
const STRUCTURAL_KEYS = new Set(['days', 'level', 'schemaVersion']);

interface Violation {
  path: string;
  why: string;
}

/**
 * Walks an analyze result: a suppressed result holds no number (besides structural ones),
 * and a result that is shown has no group under minGroupSize behind it.
 */
function suppressionViolations(result: unknown, m: number): Violation[] & { shown: number } {
  const out = Object.assign([] as Violation[], { shown: 0 });
  const numbersIn = (node: unknown, path: string, found: string[]) => {
    if (typeof node === 'number') found.push(path);
    else if (Array.isArray(node)) node.forEach((x, i) => numbersIn(x, `${path}[${i}]`, found));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) if (!STRUCTURAL_KEYS.has(k)) numbersIn(v, `${path}.${k}`, found);
    }
  };
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (obj.suppressed === true) {
      const found: string[] = [];
      numbersIn(obj, path, found);
      for (const p of found) out.push({ path: p, why: 'a number inside a suppressed result' });
      return;
    }
    // A shown Kaplan–Meier reading has at least m people still at risk (issue 18 item 8).
    if ('days' in obj && 'survival' in obj && typeof obj.atRisk === 'number' && obj.atRisk < m) out.push({ path: `${path}.atRisk`, why: 'a reading with fewer than minGroupSize at risk' });
    const sizeKeys = isSegment(obj) ? new Set([...GROUP_SIZE_KEYS, 'participants', 'comparison']) : GROUP_SIZE_KEYS;
    for (const [k, v] of Object.entries(obj)) {
      if (sizeKeys.has(k) && typeof v === 'number' && v >= m) out.shown++;
      if (sizeKeys.has(k) && typeof v === 'number' && v < m) out.push({ path: `${path}.${k}`, why: `a result shown for a group of ${v} < ${m}` });
      walk(v, `${path}.${k}`);
    }
  };
  walk(result, '$');
  return out;
}

describe('small-group suppression in the engine', () => {
  let engine: Engine;

  beforeAll(async () => {
    const dir = temp.make('mi-suppress-');
    sampleDataHome(join(dir, 'home'));
    engine = newEngine(dir);
    await ok(engine.api.openSampleProject({}));
  });

  afterAll(async () => {
    await engine?.closeProject();
  });

  const cases: [string, AnalysisConfigInput, boolean][] = [
    ['minGroupSize 150 (some cohorts, segments and horizons fall below it)', { minGroupSize: 150 }, true],
    ['minGroupSize 400, three segment attributes', { minGroupSize: 400, segmentBy: ['department', 'job_level', 'location'] }, true],
    ['minGroupSize larger than any group', { minGroupSize: 1_000_000 }, false],
  ];

  it.each(cases)('%s: no number in the output comes from a group under the threshold', async (_name, config, someShown) => {
    const result = await ok(engine.api.analyze({ config }));
    const m = config.minGroupSize!;
    const bad = suppressionViolations({ ...result, config: undefined }, m);
    expect([...bad], JSON.stringify(bad.slice(0, 20), null, 1)).toEqual([]);
    // Not vacuous: something was suppressed, and (below the extreme threshold) something shown.
    expect(JSON.stringify(result)).toContain('"suppressed":true');
    expect(bad.shown > 0).toBe(someShown);
  });

  it('the walk finds a shown small group and a number inside a suppressed result', () => {
    const fake = {
      outcomes: {
        a: { n: 3, meanBefore: 1, meanAfter: 2 },
        b: { suppressed: true, n1: null, n2: null, mean1: 3.5 },
        km: [{ suppressed: true, days: 365, survival: null, atRisk: 0 }, { days: 730, survival: 0.8, atRisk: 4 }],
      },
    };
    expect(suppressionViolations(fake, 5).map((v) => v.path)).toEqual(['$.outcomes.a.n', '$.outcomes.b.mean1', '$.outcomes.km[0].atRisk', '$.outcomes.km[1].atRisk']);
  });
});
