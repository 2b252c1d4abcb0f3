/**
 * Issue #4's results on the sample project against R (test/engine/analysis/make-reference.R,
 * which reads the same sample-data CSVs and implements the analysis definitions independently).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, effectiveConfig } from '../../../electron/engine/analysis/analyze';
import { rebuildResponseTable, responseTableCurrent, surveyItems } from '../../../electron/engine/surveyByResponse';
import { buildPopulation, loadPeople } from '../../../electron/engine/analysis/population';
import { planSurvey, readSurvey } from '../../../electron/engine/analysis/surveyData';
import type { SurveyData } from '../../../electron/engine/analysis/surveyData';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { Project } from '../../../electron/engine/project';
import type { AnalysisResult, LikertDistribution, LikertItem, SegmentResult } from '../../../shared/analysis';
import { tempDir, writeCsv } from '../../helpers';
import { expectAllFinite, expectClose } from '../stats/helpers';
import { copySampleProject, openSampleCopy } from '../../sampleProject';

interface RefCase {
  path: string;
  code: string;
  note?: string;
  expected: unknown;
}
interface Reference {
  generatedBy: string;
  asOf: string;
  config: {
    preDays: number;
    postStartDays: number;
    postEndDays: number;
    horizonsDays: number[];
    minGroupSize: number;
    confidence: number;
    survey: { scaleMin: number; scaleMax: number; reverseItems: string | string[] };
    segmentBy: string[];
  };
  cases: RefCase[];
}

const reference = JSON.parse(readFileSync(join(__dirname, 'reference.json'), 'utf8')) as Reference;
const arr = (x: string | string[]) => (Array.isArray(x) ? x : [x]);

/** Resolves a case path: a.b[0].c, segments[attribute=x][value=y], likert[item=z]. */
function resolve(result: AnalysisResult, path: string): unknown {
  let cur: unknown = result;
  const re = /([A-Za-z0-9]+)|\[(\d+)\]|\[(\w+)=([^\]]*)\]/g;
  for (const m of path.matchAll(re)) {
    if (cur === undefined || cur === null) return cur;
    if (m[1] !== undefined) cur = (cur as Record<string, unknown>)[m[1]];
    else if (m[2] !== undefined) cur = (cur as unknown[])[Number(m[2])];
    else {
      const [key, want] = [m[3]!, m[4]!];
      const list = key === 'value' ? ((cur as { groups: SegmentResult[] }).groups as unknown[]) : (cur as unknown[]);
      cur = list.find((x) => {
        const v = (x as Record<string, unknown>)[key];
        return want === 'null' ? v === null : v === want;
      });
    }
  }
  return cur;
}

let compared = 0;
/** Deep comparison: numbers to 1e-6 relative, everything else exactly. */
function compare(actual: unknown, expected: unknown, label: string): void {
  if (typeof expected === 'number' || expected === null) {
    expectClose(actual as number | null, expected as number | null, label);
    compared++;
  } else if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${label}: expected an array`).toBe(true);
    expect((actual as unknown[]).length, `${label}: length`).toBe(expected.length);
    expected.forEach((e, i) => compare((actual as unknown[])[i], e, `${label}[${i}]`));
  } else if (typeof expected === 'object') {
    expect(actual, `${label}: missing`).toBeTypeOf('object');
    for (const [k, e] of Object.entries(expected as Record<string, unknown>)) compare((actual as Record<string, unknown>)[k], e, `${label}.${k}`);
  } else {
    expect(actual, label).toBe(expected);
    compared++;
  }
}

interface RDistribution {
  n: number;
  people: number;
  mean: number;
  top2Box: number;
  levels: { level: number; count: number; share: number; people: number }[];
}

/**
 * A Likert distribution against R's raw counts, with the privacy rule applied (likert.ts
 * protectLevels): levels chosen by 1 … m - 1 people withheld; any other level shown as R
 * has it or withheld with them; on each side of the top-2 split (while the top-2-box share
 * is shown) the withheld levels are none, or two or more holding no answers or at least m
 * people (added up when each person gave one answer, else the largest level's); the mean
 * is withheld with any level.
 */
function compareDistribution(actual: LikertDistribution, expected: RDistribution, m: number, label: string, top: (level: number) => boolean): void {
  if (expected.people < m) {
    expect(actual.suppressed, `${label}: fewer than ${m} people`).toBe(true);
    expect(actual.n, label).toBeNull();
    return;
  }
  compare(actual.n, expected.n, `${label}.n`);
  compare(actual.people, expected.people, `${label}.people`);
  const levels = actual.levels!;
  expect(levels.map((l) => l.level), `${label}.levels`).toEqual(expected.levels.map((l) => l.level));
  expected.levels.forEach((e, i) => {
    const a = levels[i]!;
    if (e.people > 0 && e.people < m) expect(a.suppressed, `${label}.levels[${i}] (${e.people} people)`).toBe(true);
    if (a.suppressed) {
      expect([a.count, a.share], `${label}.levels[${i}] withheld`).toEqual([null, null]);
    } else {
      compare(a.count, e.count, `${label}.levels[${i}].count`);
      compare(a.share, e.share, `${label}.levels[${i}].share`);
    }
  });
  const hidden = expected.levels.filter((_, i) => levels[i]!.suppressed);
  const disjoint = expected.n === expected.people;
  const safe = (side: typeof hidden) => {
    const answers = side.reduce((s, l) => s + l.count, 0);
    const people = disjoint ? side.reduce((s, l) => s + l.people, 0) : Math.max(0, ...side.map((l) => l.people));
    return side.length === 0 || (side.length >= 2 && (answers === 0 || people >= m));
  };
  if (actual.top2Box !== null) {
    compare(actual.top2Box, expected.top2Box, `${label}.top2Box`);
    expect(safe(hidden.filter((l) => top(l.level))) && safe(hidden.filter((l) => !top(l.level))), `${label}: withheld levels recoverable`).toBe(true);
  } else {
    expect(safe(hidden), `${label}: withheld levels recoverable`).toBe(true);
  }
  if (hidden.length) expect(actual.mean, `${label}.mean withheld with a level`).toBeNull();
  else compare(actual.mean, expected.mean, `${label}.mean`);
}

describe('cohort, segment and item results on the sample project match R', () => {
  let project: Project;
  let result: AnalysisResult;
  const m = reference.config.minGroupSize;

  beforeAll(async () => {
    project = await openSampleCopy();
    const c = reference.config;
    result = await analyze(project.conn, {
      preDays: c.preDays,
      postStartDays: c.postStartDays,
      postEndDays: c.postEndDays,
      horizonsDays: c.horizonsDays,
      minGroupSize: c.minGroupSize,
      confidence: c.confidence,
      survey: { scaleMin: c.survey.scaleMin, scaleMax: c.survey.scaleMax, reverseItems: arr(c.survey.reverseItems) },
      segmentBy: c.segmentBy,
    });
  });
  afterAll(() => project.close());

  it('has the cohorts, segments and items R has', () => {
    expect(result.byCohort!.map((c) => c.cohort)).toEqual(['2022 Spring', '2022 Fall', '2023 Spring']);
    expect(result.segments!.map((s) => s.attribute)).toEqual(['department', 'job_level']);
    expect(result.likert!.map((i) => i.item)).toEqual(['ENG1', 'ENG2', 'ENG3', 'ENG4', 'ENG5', 'ENG6', 'ENG7', 'ENG8']);
    expect(result.config.segmentBy).toEqual(['department', 'job_level']);
    expectAllFinite(result);
  });

  it('headline: per-group CIs of the comparison, DiD group means, Kaplan–Meier curves', () => {
    const cases = reference.cases.filter((x) => x.path.startsWith('outcomes'));
    expect(cases.length).toBe(6);
    for (const c of cases) compare(resolve(result, c.path), c.expected, c.path);
  });

  it('per cohort: headcounts, before/after, comparison, DiD, Kaplan–Meier, log-rank, 12-month rate', () => {
    for (const c of reference.cases.filter((x) => x.path.startsWith('byCohort'))) compare(resolve(result, c.path), c.expected, c.path);
  });

  it('per segment: headcounts, 12-month rate and DiD; small groups suppressed with every number null', () => {
    for (const c of reference.cases.filter((x) => x.path.startsWith('segments'))) {
      const seg = resolve(result, c.path.replace(/\.(rate12m|surveyDid|performanceDid)$/, '')) as SegmentResult;
      expect(seg, c.path).toBeDefined();
      const head = reference.cases.find((x) => x.path === c.path.replace(/\.(rate12m|surveyDid|performanceDid)$/, ''))!.expected as {
        participants: number;
        comparison: number;
      };
      if (head.participants < m || head.comparison < m) {
        expect(seg.suppressed, c.path).toBe(true);
        expect(seg.participants).toBeNull();
        expect(seg.comparison).toBeNull();
        continue;
      }
      const actual = resolve(result, c.path) as Record<string, unknown>;
      const e = c.expected as Record<string, number> | null;
      if (e && 'n1' in e && (e.n1! < m || e.n2! < m)) {
        // below minGroupSize in this segment: suppressed, no number left
        expect(actual.suppressed, c.path).toBe(true);
        expect(Object.values(actual).filter((v) => typeof v === 'number'), c.path).toEqual([]);
        continue;
      }
      compare(actual, c.expected, c.path);
    }
  });

  it('Likert items: distributions (small levels withheld), before vs after, Holm across items', () => {
    const { scaleMin, scaleMax, reverseItems } = reference.config.survey;
    let withheld = 0;
    for (const c of reference.cases.filter((x) => x.path.startsWith('likert[item='))) {
      const item = resolve(result, c.path) as LikertItem;
      const e = c.expected as { all: RDistribution; before: RDistribution; after: RDistribution; beforeAfter: unknown };
      const reversed = arr(reverseItems).includes(item.item);
      const top = (level: number) => (reversed ? scaleMin + scaleMax - level : level) >= scaleMax - 1;
      for (const period of ['all', 'before', 'after'] as const) {
        compareDistribution(item[period], e[period], m, `${c.path}.${period}`, top);
        withheld += (item[period].levels ?? []).filter((l) => l.suppressed).length;
      }
      compare(item.beforeAfter, e.beforeAfter, `${c.path}.beforeAfter`);
    }
    // the sample has small level cells: the rule is exercised
    expect(withheld).toBeGreaterThan(0);
    const holm = reference.cases.find((x) => x.path === 'likert[*].pHolm')!.expected as Record<string, number>;
    for (const [item, p] of Object.entries(holm)) compare(result.likert!.find((i) => i.item === item)!.pHolm, p, `likert[item=${item}].pHolm`);
  });

  it('compared every R value', () => {
    // run last: the count of numbers and strings checked against R
    expect(compared).toBeGreaterThan(1000);
    console.log(`analysis-reference: ${compared} values checked against ${reference.generatedBy}`);
  });
});

/** Numbers equal to 1e-12 relative, everything else exactly (two computations of the same result). */
function expectSame(a: unknown, b: unknown, path = '$'): void {
  if (typeof b === 'number' && typeof a === 'number') {
    expect(Object.is(a, b) || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${path}: ${a} vs ${b}`).toBe(true);
  } else if (Array.isArray(b)) {
    expect(Array.isArray(a) && a.length === b.length, `${path}: length`).toBe(true);
    b.forEach((x, i) => expectSame((a as unknown[])[i], x, `${path}[${i}]`));
  } else if (b && typeof b === 'object') {
    expect(Object.keys(a as object).sort(), path).toEqual(Object.keys(b).sort());
    for (const [k, v] of Object.entries(b)) expectSame((a as Record<string, unknown>)[k], v, `${path}.${k}`);
  } else {
    expect(a, path).toBe(b);
  }
}

describe('survey reading: packed answer masks and the generic queries agree', () => {
  let project: Project;
  beforeAll(async () => {
    project = await openSampleCopy();
  });
  afterAll(() => project.close());

  it('reads the sample survey packed, and the generic reading gives the same values and Likert input', async () => {
    const config = effectiveConfig({ survey: { reverseItems: arr(reference.config.survey.reverseItems) } });
    const population = await buildPopulation(project.conn, config);
    const model = await loadPeople(project.conn, population, []);
    const items = await surveyItems(project.conn);
    const packed = await readSurvey(project.conn, model, config, items);
    const generic = await readSurvey(project.conn, model, config, items, { generic: true });
    expect(packed.path).toBe('packed');
    expect(generic.path).toBe('generic');
    expectSame(Array.from(packed.values.before), Array.from(generic.values.before));
    expectSame(Array.from(packed.values.after), Array.from(generic.values.after));
    const sorted = (m: Map<number, number>) => [...m].sort((x, y) => x[0] - y[0]);
    const byScore = (d: SurveyData) =>
      d.likert.all.map((t) => (t ? { people: t.people, byScore: sorted(t.byScore), peopleByScore: sorted(t.peopleByScore) } : null));
    expect(byScore(packed)).toEqual(byScore(generic));
    const chosen = (d: SurveyData) => ({
      before: d.likert.before.map((t) => ({ people: t.people, byScore: sorted(t.byScore), peopleByScore: sorted(t.peopleByScore) })),
      after: d.likert.after.map((t) => ({ people: t.people, byScore: sorted(t.byScore), peopleByScore: sorted(t.peopleByScore) })),
      pairs: d.likert.pairs.map((p) => [Array.from(p.before), Array.from(p.after)]),
    });
    expect(chosen(packed)).toEqual(chosen(generic));
    expect(chosen(packed).pairs.some(([b]) => b!.length > 0)).toBe(true);
  });

  it('gives the same analysis either way', async () => {
    const input = { survey: { reverseItems: arr(reference.config.survey.reverseItems) }, segmentBy: reference.config.segmentBy };
    const a = await analyze(project.conn, input);
    const b = await analyze(project.conn, input, { survey: { generic: true } });
    expectSame(a, b);
  });

  it('falls back to the generic reading for answers that are not whole levels, or repeated within a response', async () => {
    const dir = tempDir();
    const p = await Project.open(join(dir, 'odd.duckdb'));
    try {
      const people = ['employee_id,hire_date', ...Array.from({ length: 12 }, (_, i) => `E${i},2019-01-01`)];
      const roster = ['employee_id,role,cohort,start_date', ...Array.from({ length: 6 }, (_, i) => `E${i},mentee,A,2022-01-10`)];
      const answers = (score: (i: number) => string) => [
        'response_id,employee_id,response_date,item,score',
        ...Array.from({ length: 12 }, (_, i) => [`B${i},E${i},2021-11-01,Q1,${score(i)}`, `B${i},E${i},2021-11-01,Q2,3`, `A${i},E${i},2022-11-01,Q1,4`, `A${i},E${i},2022-11-01,Q2,${1 + (i % 5)}`]).flat(),
      ];
      await importCsv(p.conn, { path: writeCsv(dir, 'people.csv', people.join('\n') + '\n'), kind: 'people', asOf: '2024-06-30' });
      await importCsv(p.conn, { path: writeCsv(dir, 'roster.csv', roster.join('\n') + '\n'), kind: 'roster' });
      const config = effectiveConfig({ minGroupSize: 2 });
      const read = async () => {
        const population = await buildPopulation(p.conn, config);
        const model = await loadPeople(p.conn, population, []);
        return readSurvey(p.conn, model, config, await surveyItems(p.conn));
      };
      await importCsv(p.conn, { path: writeCsv(dir, 's1.csv', answers((i) => String(1 + (i % 5))).join('\n') + '\n'), kind: 'survey' });
      expect((await read()).path).toBe('packed');
      // a half level
      await importCsv(p.conn, { path: writeCsv(dir, 's2.csv', answers((i) => (i === 3 ? '2.5' : String(1 + (i % 5)))).join('\n') + '\n'), kind: 'survey', mode: 'replace' });
      expect(await responseTableCurrent(p.conn, await surveyItems(p.conn)), 'the table knows').toEqual({ min: 1, max: 5, whole: false });
      expect((await read()).path).toBe('generic');
      const a = await analyze(p.conn, { minGroupSize: 2 });
      expectSame(a, await analyze(p.conn, { minGroupSize: 2 }, { survey: { generic: true } }));
      expect(a.likert![0]!.all.n).toBe(24);
      // the same answer twice in one response
      const dup = answers((i) => String(1 + (i % 5)));
      dup.push('B0,E0,2021-11-01,Q1,1');
      await importCsv(p.conn, { path: writeCsv(dir, 's3.csv', dup.join('\n') + '\n'), kind: 'survey', mode: 'replace' });
      expect((await read()).path).toBe('generic');
      expect(await responseTableCurrent(p.conn, await surveyItems(p.conn)), 'no survey_by_response: an item answered twice').toBeNull();
      const b = await analyze(p.conn, { minGroupSize: 2 });
      expectSame(b, await analyze(p.conn, { minGroupSize: 2 }, { survey: { generic: true } }));
      expect(b.likert![0]!.all.n).toBe(25);
    } finally {
      await p.close();
    }
  });
});

describe('survey_by_response: the responses grouped once per import', () => {
  let dir: string;
  let project: Project;
  const input = { survey: { reverseItems: arr(reference.config.survey.reverseItems) }, segmentBy: reference.config.segmentBy };
  const plan = async () => planSurvey(project.conn, effectiveConfig(input), await surveyItems(project.conn));
  beforeAll(async () => {
    dir = tempDir();
    project = await Project.open(copySampleProject(join(dir, 'sample.duckdb')));
  });
  afterAll(() => project.close());

  it('is built by the survey import and read by the analysis, which equals grouping the answers itself', async () => {
    expect((await plan()).byResponse).toBe(true);
    const a = await analyze(project.conn, input);
    expectSame(a, await analyze(project.conn, input, { survey: { byAnswers: true } }));
    expectSame(a, await analyze(project.conn, input, { survey: { byAnswers: true, generic: true } }));
    expectSame(a, await analyze(project.conn, input, { survey: { generic: true } }));
    // and R's numbers still hold (the reference tests above read the table too)
    expect(a.outcomes.survey!.beforeAfter.n).toBeGreaterThan(0);
  });

  it('is not used once the survey rows change another way (deleted, edited) until the next survey import', async () => {
    const fresh = await analyze(project.conn, input, { survey: { byAnswers: true } });
    await project.conn.run("UPDATE survey_responses SET score = 6 - score WHERE employee_id = (SELECT min(employee_id) FROM survey_responses)");
    expect((await plan()).byResponse).toBe(false);
    const edited = await analyze(project.conn, input);
    expectSame(edited, await analyze(project.conn, input, { survey: { byAnswers: true } }));
    expect(JSON.stringify(edited.outcomes.survey)).not.toBe(JSON.stringify(fresh.outcomes.survey));
    await project.conn.run("UPDATE survey_responses SET score = 6 - score WHERE employee_id = (SELECT min(employee_id) FROM survey_responses)");
    expect((await plan()).byResponse, 'the same rows again').toBe(true);
    await project.conn.run('DELETE FROM survey_responses WHERE rowid = (SELECT min(rowid) FROM survey_responses)');
    expect((await plan()).byResponse).toBe(false);
    await rebuildResponseTable(project.conn);
    expect((await plan()).byResponse).toBe(true);
    expectSame(await analyze(project.conn, input), await analyze(project.conn, input, { survey: { byAnswers: true } }));
  });

  it('sets answer bits across several masks (15 items × 5 levels = 75 cells) as grouping the answers does', async () => {
    const p = await Project.open(join(dir, 'masks.duckdb'));
    try {
      const people = ['employee_id,hire_date', ...Array.from({ length: 12 }, (_, i) => `E${i},2019-01-01`)];
      const roster = ['employee_id,role,cohort,start_date', ...Array.from({ length: 6 }, (_, i) => `E${i},mentee,A,2022-01-10`)];
      const items = Array.from({ length: 15 }, (_, k) => `Q${k + 1}`);
      const answers = [
        'response_id,employee_id,response_date,item,score',
        ...Array.from({ length: 12 }, (_, i) => items.flatMap((q, k) => [`B${i},E${i},2021-11-01,${q},${1 + ((i + k) % 5)}`, `A${i},E${i},2022-11-01,${q},${1 + ((i * k) % 5)}`])).flat(),
      ];
      await importCsv(p.conn, { path: writeCsv(dir, 'mp.csv', people.join('\n') + '\n'), kind: 'people', asOf: '2024-06-30' });
      await importCsv(p.conn, { path: writeCsv(dir, 'mr.csv', roster.join('\n') + '\n'), kind: 'roster' });
      await importCsv(p.conn, { path: writeCsv(dir, 'ms.csv', answers.join('\n') + '\n'), kind: 'survey' });
      const config = { minGroupSize: 2, survey: { reverseItems: ['Q13'] } };
      const planned = await planSurvey(p.conn, effectiveConfig(config), await surveyItems(p.conn));
      expect(planned).toMatchObject({ masks: 2, byResponse: true });
      const population = await buildPopulation(p.conn, effectiveConfig(config));
      const model = await loadPeople(p.conn, population, []);
      expect((await readSurvey(p.conn, model, effectiveConfig(config), await surveyItems(p.conn))).path, 'the masks hold every answer').toBe('packed');
      const a = await analyze(p.conn, config);
      expect(a.likert!.map((l) => l.all.n)).toEqual(items.map(() => 24));
      expectSame(a, await analyze(p.conn, config, { survey: { byAnswers: true } }));
      expectSame(a, await analyze(p.conn, config, { survey: { byAnswers: true, generic: true } }));
    } finally {
      await p.close();
    }
  });

  it('is not kept for a survey of more than 128 items (one column each)', async () => {
    const p = await Project.open(join(dir, 'many.duckdb'));
    try {
      const items = Array.from({ length: 129 }, (_, k) => `Q${k + 1}`);
      const csv = ['employee_id,response_date,' + items.join(','), `E1,2024-01-02,${items.map(() => '3').join(',')}`];
      await importCsv(p.conn, { path: writeCsv(dir, 'wide129.csv', csv.join('\n') + '\n'), kind: 'survey', mapping: { scale: { min: 1, max: 5 } } });
      expect(await surveyItems(p.conn)).toHaveLength(129);
      expect(await responseTableCurrent(p.conn, await surveyItems(p.conn))).toBeNull();
      await importCsv(p.conn, { path: writeCsv(dir, 'wide128.csv', csv.map((l) => l.split(',').slice(0, 130).join(',')).join('\n') + '\n'), kind: 'survey', mapping: { scale: { min: 1, max: 5 } }, mode: 'replace' });
      expect(await responseTableCurrent(p.conn, await surveyItems(p.conn))).toEqual({ min: 3, max: 3, whole: true });
    } finally {
      await p.close();
    }
  });
});
