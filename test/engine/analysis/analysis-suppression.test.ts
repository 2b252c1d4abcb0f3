/**
 * Issue #4: primary and secondary suppression of segments and cohorts, and edge cases
 * (empty cohort, a segment without comparison people, no survey data).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../electron/engine/analysis/analyze';
import { protectLevels } from '../../../electron/engine/analysis/likert';
import { protectByComplement } from '../../../electron/engine/analysis/suppression';
import type { Cell } from '../../../electron/engine/analysis/suppression';
import { importCsv } from '../../../electron/engine/import/importCsv';
import { Project } from '../../../electron/engine/project';
import type { AnalysisResult, LikertLevel, SegmentBreakdown, SegmentResult } from '../../../shared/analysis';
import { tempDir, writeCsv } from '../../helpers';
import { expectAllFinite } from '../stats/helpers';

/** Every number anywhere in a value (paths kept for messages). */
function numbers(value: unknown, path = '$', out: [string, number][] = []): [string, number][] {
  if (typeof value === 'number') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => numbers(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) numbers(v, `${path}.${k}`, out);
  return out;
}

/**
 * The differencing attack: for each count reported per segment, total (from the overall
 * result) minus the shown segments = what the hidden segments hold together. It must be
 * 0 or at least minGroupSize, and with people hidden at least two segments must be hidden.
 */
function expectNotRecoverable(r: AnalysisResult, b: SegmentBreakdown, m: number): void {
  const shown = b.groups.filter((g) => !g.suppressed);
  const families: [string, number | null | undefined, (g: SegmentResult) => number | null | undefined][] = [
    ['participants', r.population.participants, (g) => g.participants],
    ['comparison', r.population.comparison, (g) => g.comparison],
    ['rate12m.n1', r.outcomes.retention?.rate12m.n1, (g) => g.rate12m?.n1],
    ['rate12m.n2', r.outcomes.retention?.rate12m.n2, (g) => g.rate12m?.n2],
    ['performanceDid.n1', r.outcomes.performance?.did.n1, (g) => g.performanceDid?.n1],
    ['performanceDid.n2', r.outcomes.performance?.did.n2, (g) => g.performanceDid?.n2],
    ['surveyDid.n1', r.outcomes.survey?.did.n1, (g) => g.surveyDid?.n1],
    ['surveyDid.n2', r.outcomes.survey?.did.n2, (g) => g.surveyDid?.n2],
  ];
  for (const [name, total, get] of families) {
    if (total === null || total === undefined) continue;
    const visible = b.groups.map(get).filter((x): x is number => typeof x === 'number');
    const hidden = total - visible.reduce((s, x) => s + x, 0);
    const hiddenCells = b.groups.length - visible.length;
    expect(hidden === 0 || hidden >= m, `${b.attribute} ${name}: hidden total ${hidden}`).toBe(true);
    if (hidden > 0) expect(hiddenCells, `${b.attribute} ${name}: one hidden cell would be its total`).toBeGreaterThanOrEqual(2);
  }
  expect(shown.length).toBeLessThan(b.groups.length);
}

/** Deterministic 1..5 rating from a number. */
const rating = (i: number, shift = 0) => 1 + ((i * 7 + shift * 3) % 5);

interface Person {
  id: string;
  dept: string;
  role: 'mentee' | 'none';
  cohort?: string;
  start?: string;
  term?: string;
}

/** A small project: departments with given participant/comparison counts, reviews before and after. */
async function buildProject(dir: string, people: Person[], withSurvey = false): Promise<Project> {
  const project = await Project.open(join(dir, 'p.duckdb'));
  const hris = ['employee_id,hire_date,termination_date,department'];
  const roster = ['employee_id,role,cohort,start_date'];
  const reviews = ['employee_id,review_date,rating'];
  const survey = ['employee_id,response_date,item,score'];
  people.forEach((p, i) => {
    hris.push(`${p.id},2018-01-01,${p.term ?? ''},${p.dept}`);
    if (p.role === 'mentee') roster.push(`${p.id},mentee,${p.cohort ?? 'A'},${p.start ?? '2022-01-10'}`);
    const start = p.start ?? '2022-01-10';
    const year = Number(start.slice(0, 4));
    reviews.push(`${p.id},${year - 1}-12-01,${rating(i)}`, `${p.id},${year}-12-01,${rating(i, p.role === 'mentee' ? 2 : 1)}`);
    if (withSurvey) {
      for (const item of ['Q1', 'Q2']) survey.push(`${p.id},${year - 1}-11-01,${item},${rating(i + 1)}`, `${p.id},${year}-11-01,${item},${rating(i + 2, 1)}`);
    }
  });
  // a mentor, so the roster has both roles
  hris.push('M001,2015-01-01,,Leadership');
  roster.push('M001,mentor,A,2022-01-10');
  await importCsv(project.conn, { path: writeCsv(dir, 'people.csv', hris.join('\n') + '\n'), kind: 'people', asOf: '2024-06-30' });
  await importCsv(project.conn, { path: writeCsv(dir, 'roster.csv', roster.join('\n') + '\n'), kind: 'roster' });
  await importCsv(project.conn, { path: writeCsv(dir, 'reviews.csv', reviews.join('\n') + '\n'), kind: 'performance' });
  if (withSurvey) await importCsv(project.conn, { path: writeCsv(dir, 'survey.csv', survey.join('\n') + '\n'), kind: 'survey' });
  return project;
}

function department(name: string, participants: number, comparison: number, opts: Partial<Person> = {}): Person[] {
  const out: Person[] = [];
  for (let i = 0; i < participants; i++) out.push({ id: `${name}-p${i}`, dept: name, role: 'mentee', ...opts, ...(i % 4 === 3 ? { term: '2022-09-30' } : {}) });
  for (let i = 0; i < comparison; i++) out.push({ id: `${name}-c${i}`, dept: name, role: 'none', ...(i % 3 === 2 ? { term: '2022-06-30' } : {}) });
  return out;
}

describe('segment suppression', () => {
  let project: Project;
  let result: AnalysisResult;
  beforeAll(async () => {
    // Sales 20/30, Ops 12/25, Legal 3/10 (too few participants), Design 8/20
    project = await buildProject(tempDir(), [
      ...department('Sales', 20, 30),
      ...department('Ops', 12, 25),
      ...department('Legal', 3, 10),
      ...department('Design', 8, 20),
    ]);
    result = await analyze(project.conn, { segmentBy: ['department'] });
  });
  afterAll(() => project.close());

  it('hides the small segment and the next-smallest, with every number null and the same reason', () => {
    const [dept] = result.segments!;
    expect(dept!.attribute).toBe('department');
    expect(dept!.groups.map((g) => g.value)).toEqual(['Design', 'Legal', 'Ops', 'Sales']);
    const by = Object.fromEntries(dept!.groups.map((g) => [g.value, g]));
    expect(by.Legal!.suppressed).toBe(true);
    expect(by.Design!.suppressed).toBe(true);
    expect(by.Ops!.suppressed).toBeUndefined();
    expect(by.Sales!.suppressed).toBeUndefined();
    for (const g of [by.Legal!, by.Design!]) {
      expect(numbers(g)).toEqual([]);
      expect(g.participants).toBeNull();
      expect(g.rate12m!.suppressed).toBe(true);
      expect(g.performanceDid!.suppressed).toBe(true);
    }
    // the reason does not tell a primary from a secondary suppression
    expect(by.Legal!.reason).toBe(by.Design!.reason);
    expect(by.Ops).toMatchObject({ participants: 12, comparison: 25 });
    expect(by.Ops!.performanceDid!.n1).toBe(12);
    expect(dept!.method).toMatch(/fewer than 5 people is not shown/);
    expect(dept!.method).toMatch(/smallest one shown/);
    expectAllFinite(result);
  });

  it('leaves nothing that gives the hidden segments back by subtraction', () => {
    expectNotRecoverable(result, result.segments![0]!, 5);
    // the two hidden segments together: 3 + 8 participants
    expect(result.population.participants - 20 - 12).toBe(11);
  });

  it('protects sub-results too: a cell small only in one result is paired with another', async () => {
    // with minGroupSize 9, Design (8 participants) is hidden at once; Ops (12) has 12 ≥ 9 but only
    // 9 of its participants stay a year; rates and DiD follow the same rule
    const r = await analyze(project.conn, { segmentBy: ['department'], minGroupSize: 9 });
    expectNotRecoverable(r, r.segments![0]!, 9);
  });

  it('suppresses a segment without comparison people (null + reason, never NaN)', async () => {
    const dir = tempDir();
    const p = await buildProject(dir, [...department('Sales', 20, 30), ...department('Ops', 12, 25), ...department('Solo', 6, 0)]);
    try {
      const r = await analyze(p.conn, { segmentBy: ['department'], minGroupSize: 1 });
      const solo = r.segments![0]!.groups.find((g) => g.value === 'Solo')!;
      expect(solo.suppressed).toBe(true);
      expect(solo.reason).toMatch(/fewer than 1 people/);
      expect(numbers(solo)).toEqual([]);
      expectNotRecoverable(r, r.segments![0]!, 1);
      expectAllFinite(r);
    } finally {
      await p.close();
    }
  });

  it('refuses an attribute the people data does not have', async () => {
    await expect(analyze(project.conn, { segmentBy: ['shoe_size'] })).rejects.toThrow(/shoe_size/);
    await expect(analyze(project.conn, { segmentBy: ['termination_date'] })).rejects.toThrow(/termination_date/);
  });

  it('defaults to department, and to no segments when nobody has one', async () => {
    const r = await analyze(project.conn);
    expect(r.config.segmentBy).toEqual(['department']);
    expect(r.segments!.map((s) => s.attribute)).toEqual(['department']);
    const none = await analyze(project.conn, { segmentBy: [] });
    expect(none.segments).toEqual([]);
  });
});

describe('cohort results: suppression and edge cases', () => {
  let project: Project;
  beforeAll(async () => {
    project = await buildProject(
      tempDir(),
      [
        ...department('Sales', 20, 30),
        ...department('Ops', 3, 10, { cohort: 'B', start: '2023-01-09' }),
        ...department('Design', 6, 10, { cohort: 'C', start: '2023-05-01' }),
      ],
      true,
    );
  });
  afterAll(() => project.close());

  it('gives each cohort its own comparison group, at the cohort start', async () => {
    const r = await analyze(project.conn);
    expect(r.byCohort!.map((c) => [c.cohort, c.startDate, c.participants])).toEqual([
      ['A', '2022-01-10', 20],
      ['B', '2023-01-09', 3],
      ['C', '2023-05-01', 6],
    ]);
    // comparison people still employed at each start (a third of them left on 2022-06-30)
    expect(r.byCohort!.map((c) => c.comparison)).toEqual([50, 34, 34]);
    expect(r.byCohort![0]!.method).toMatch(/employed on the cohort's start date \(2022-01-10\)/);
    expectAllFinite(r);
  });

  it('hides a small cohort result and the next-smallest one, so the overall result cannot be split', async () => {
    const r = await analyze(project.conn);
    const [a, b, c] = r.byCohort!;
    // B has 3 participants: everything hidden; C (6) is hidden as its complement
    for (const kind of ['performance', 'survey'] as const) {
      expect(b!.outcomes[kind]!.beforeAfter.suppressed).toBe(true);
      expect(c!.outcomes[kind]!.beforeAfter.suppressed, `${kind} C`).toBe(true);
      expect(c!.outcomes[kind]!.beforeAfter.reason).toBe(b!.outcomes[kind]!.beforeAfter.reason);
      expect(a!.outcomes[kind]!.beforeAfter.n).toBe(20);
      // overall minus the shown cohort = 9 people, never one cohort alone
      expect(r.outcomes[kind]!.beforeAfter.n! - a!.outcomes[kind]!.beforeAfter.n!).toBe(9);
    }
    // of B only the comparison group's survival (34 people) and the horizons remain
    expect(numbers(b!.outcomes).filter(([p]) => !/km\.comparison|\.days$|\.atRisk$/.test(p))).toEqual([]);
    expect(b!.outcomes.retention!.km.participants.every((p) => p.suppressed && p.survival === null)).toBe(true);
    expect(c!.outcomes.retention!.km.participants.every((p) => p.suppressed && p.survival === null)).toBe(true);
    expect(b!.outcomes.retention!.logrank).toEqual({ chisq: null, df: null, p: null });
  });

  it('reports an empty cohort with nulls and reasons, never NaN', async () => {
    // filtered to Sales, cohorts B and C have no participants
    const r = await analyze(project.conn, { filters: { department: ['Sales'] }, minGroupSize: 1 });
    const b = r.byCohort!.find((c) => c.cohort === 'B')!;
    expect(b.participants).toBe(0);
    for (const kind of ['performance', 'survey'] as const) {
      const o = b.outcomes[kind]!;
      expect(o.beforeAfter.n).toBeNull();
      expect(o.beforeAfter.reason).toBeTruthy();
      expect(o.did.diff).toBeNull();
      expect(o.did.reason).toBeTruthy();
    }
    expect(b.outcomes.retention!.rate12m.p1).toBeNull();
    expect(b.outcomes.retention!.rate12m.reason).toBeTruthy();
    expectAllFinite(r);
  });

  it('gives Likert items only when survey data exist', async () => {
    const r = await analyze(project.conn);
    expect(r.likert!.map((i) => i.item)).toEqual(['Q1', 'Q2']);
    const q1 = r.likert![0]!;
    expect(q1.all.levels!.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
    // no level withheld here (every level has 0 or at least 5 answers), so the levels add up to n
    expect(q1.all.levels!.every((l) => !l.suppressed)).toBe(true);
    expect(q1.all.n).toBe(q1.all.levels!.reduce((s, l) => s + l.count!, 0));
    expect(q1.pHolm === null || q1.pHolm >= q1.beforeAfter.p!).toBe(true);
    const dir = tempDir();
    const p = await buildProject(dir, department('Sales', 10, 10));
    try {
      const none = await analyze(p.conn);
      expect(none.likert).toBeUndefined();
      expect(none.segments![0]!.groups[0]!.surveyDid).toBeNull();
    } finally {
      await p.close();
    }
  });
});

describe('protectByComplement', () => {
  const cells = (...xs: [number[], boolean][]): Cell[] => xs.map(([counts, hidden]) => ({ counts, hidden }));

  it('adds the smallest shown cell to a single hidden one', () => {
    const fam = cells([[3, 10], true], [[8, 20], false], [[20, 30], false], [[12, 25], false]);
    protectByComplement([fam], 5);
    expect(fam.map((c) => c.hidden)).toEqual([true, true, false, false]);
  });

  it('picks by the group that is short (here the comparison side)', () => {
    const fam = cells([[30, 2], true], [[6, 50], false], [[40, 9], false]);
    protectByComplement([fam], 5);
    expect(fam.map((c) => c.hidden)).toEqual([true, false, true]);
  });

  it('never leaves one hidden cell with people alone; leaves empty cells and enough hidden people alone', () => {
    const empty = cells([[0, 0], true], [[8, 20], false]);
    protectByComplement([empty], 5);
    expect(empty.map((c) => c.hidden)).toEqual([true, false]);
    const single = cells([[0, 40], true], [[8, 20], false], [[9, 30], false]);
    protectByComplement([single], 5);
    expect(single.map((c) => c.hidden)).toEqual([true, true, false]);
    const two = cells([[3, 10], true], [[4, 10], true], [[9, 9], false]);
    protectByComplement([two], 5);
    expect(two.map((c) => c.hidden)).toEqual([true, true, false]);
    const short = cells([[1, 10], true], [[2, 10], true], [[9, 9], false], [[7, 7], false]);
    protectByComplement([short], 5);
    expect(short.map((c) => c.hidden)).toEqual([true, true, false, true]);
  });

  it('hides whole units through the headcount family and re-checks the others', () => {
    const head = cells([[3, 10], true], [[8, 20], false], [[20, 30], false]);
    const did = cells([[0, 5], true], [[6, 15], false], [[18, 25], false]);
    protectByComplement([head, did], 5, 0);
    expect(head.map((c) => c.hidden)).toEqual([true, true, false]);
    expect(did.map((c) => c.hidden)).toEqual([true, true, false]);
  });
});

describe('Likert levels: small cells withheld so that n and the top-2-box cannot give them back', () => {
  const levels = (...counts: number[]): LikertLevel[] => {
    const n = counts.reduce((s, c) => s + c, 0);
    return counts.map((count, i) => ({ level: i + 1, count, share: count / n }));
  };
  const top = (level: number) => level >= 4;
  /** one answer per person */
  const protect = (ls: LikertLevel[], m: number) => protectLevels(ls, ls.map((l) => l.count!), true, top, m);
  const hidden = (ls: LikertLevel[]) => ls.filter((l) => l.suppressed).map((l) => l.level);

  it('withholds a small level and the smallest other on its side of the top-2 split', () => {
    const ls = levels(4, 23, 119, 151, 93);
    expect(protect(ls, 5)).toEqual({ top2Hidden: false, anyHidden: true });
    expect(hidden(ls)).toEqual([1, 2]);
    expect(ls[0]).toEqual({ level: 1, count: null, share: null, suppressed: true });
    expect(ls[2]!.count).toBe(119);
  });

  it('withholds both top levels for a small top level', () => {
    const ls = levels(50, 50, 50, 3, 40);
    expect(protect(ls, 5).top2Hidden).toBe(false);
    expect(hidden(ls)).toEqual([4, 5]);
  });

  it('withholds the top-2-box share when its side cannot be protected', () => {
    const ls = levels(50, 50, 50, 1, 2);
    expect(protect(ls, 5)).toEqual({ top2Hidden: true, anyHidden: true });
    // the two small top levels hold 3 answers together: one more level (the first of the smallest) joins them
    expect(hidden(ls)).toEqual([1, 4, 5]);
  });

  it('counts people, not answers: a level of many answers from few people is withheld', () => {
    const ls = levels(12, 40, 60, 70, 50);
    // 12 answers at level 1 from 3 people (several survey waves each); levels overlap in people
    expect(protectLevels(ls, [3, 20, 30, 30, 25], false, top, 5).anyHidden).toBe(true);
    expect(hidden(ls)).toEqual([1, 2]);
  });

  it('leaves empty and large levels alone', () => {
    const ls = levels(0, 10, 30, 40, 0);
    expect(protect(ls, 5)).toEqual({ top2Hidden: false, anyHidden: false });
    expect(hidden(ls)).toEqual([]);
  });

  it('on the sample-like small project: no shown level below minGroupSize, mean withheld with a level', async () => {
    const dir = tempDir();
    const p = await buildProject(dir, [...department('Sales', 20, 30), ...department('Ops', 12, 25)], true);
    try {
      const r = await analyze(p.conn);
      for (const it of r.likert!) {
        for (const d of [it.all, it.before, it.after]) {
          for (const l of d.levels ?? []) {
            if (!l.suppressed) expect(l.count === 0 || l.count! >= 5, `${it.item} level ${l.level}: ${l.count}`).toBe(true);
          }
          if (d.levels?.some((l) => l.suppressed)) expect(d.mean).toBeNull();
        }
      }
      expectAllFinite(r);
    } finally {
      await p.close();
    }
  });
});
