/**
 * Issue #4's results on the sample project against R (test/analysis/make-reference.R,
 * which reads the same sample-data CSVs and implements DESIGN §3 independently).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../electron/engine/analysis/analyze';
import { importCsv } from '../../electron/engine/import/importCsv';
import { Project } from '../../electron/engine/project';
import { SAMPLE_FILES } from '../../electron/engine/sampleFiles';
import type { AnalysisResult, SegmentResult } from '../../shared/analysis';
import type { ImportKind } from '../../shared/domain';
import { tempDir } from '../helpers';
import { expectAllFinite, expectClose } from '../stats/helpers';

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

const reference = JSON.parse(readFileSync(join(__dirname, '..', 'analysis', 'reference.json'), 'utf8')) as Reference;
const sampleDir = join(__dirname, '..', '..', 'sample-data');
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
/** Deep comparison: numbers to 1e-6 relative (DESIGN §4), everything else exactly. */
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

describe('issue #4 results on the sample project match R', () => {
  let project: Project;
  let result: AnalysisResult;
  const m = reference.config.minGroupSize;

  beforeAll(async () => {
    project = await Project.open(join(tempDir(), 'sample.duckdb'));
    for (const [kind, file] of Object.entries(SAMPLE_FILES) as [ImportKind, string][]) {
      await importCsv(project.conn, { path: join(sampleDir, file), kind, ...(kind === 'people' ? { asOf: reference.asOf } : {}) });
    }
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

  it('Likert items: distributions, before vs after, Holm across items', () => {
    for (const c of reference.cases.filter((x) => x.path.startsWith('likert[item='))) compare(resolve(result, c.path), c.expected, c.path);
    const holm = reference.cases.find((x) => x.path === 'likert[*].pHolm')!.expected as Record<string, number>;
    for (const [item, p] of Object.entries(holm)) compare(result.likert!.find((i) => i.item === item)!.pHolm, p, `likert[item=${item}].pHolm`);
  });

  it('compared every R value', () => {
    // run last: the count of numbers and strings checked against R
    expect(compared).toBeGreaterThan(1000);
    console.log(`analysis-reference: ${compared} values checked against ${reference.generatedBy}`);
  });
});
