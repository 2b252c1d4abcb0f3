import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, Proportion, SegmentBreakdown, SegmentResult, TwoGroup } from '../../../shared/analysis';
import { bucketBy, splitMeasures } from './measurements';
import type { MeasureRows } from './measurements';
import { ATTRS, GROUPS, PARTICIPANTS } from './population';
import { PROPORTION_KEYS, TWO_GROUP_KEYS, rate12mResult, suppressed, twoGroupResult } from './results';
import { splitRetention } from './retentionData';
import type { RetentionRows } from './retentionData';
import { protectByComplement } from './suppression';
import type { Cell } from './suppression';
import { describeProportion, describeSegment, describeSegments, describeTwoGroup, withheldReason } from './words';

export interface SegmentInputs {
  /** Headline measurement and retention rows, with the segment attributes attached (a0, a1, …). */
  performance: MeasureRows | null;
  survey: MeasureRows | null;
  retention: RetentionRows | null;
}

const EMPTY: number[] = [];

/** Segment values in display order: alphabetical (numbers in text compared as numbers), "not recorded" last. */
function byValue(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Results per value of each attribute (issue #4), split in JS from the headline rows
 * (one SQL pass for every attribute). Small groups are suppressed, then
 * complementary cells (suppression.ts) so no hidden group can be recovered.
 */
export async function segmentResults(conn: DuckDBConnection, config: AnalysisConfig, attributes: string[], data: SegmentInputs): Promise<SegmentBreakdown[]> {
  if (attributes.length === 0) return [];
  const cols = attributes.map((_, j) => `a.a${j}`);
  const reader = await conn.runAndReadAll(
    `SELECT g.grp, count(*)::INTEGER AS n, ${cols.join(', ')} FROM ${GROUPS} g LEFT JOIN ${ATTRS} a USING (pid) GROUP BY ALL`,
  );
  const headcounts = reader.getColumnsJS();
  const m = config.minGroupSize;
  const withheld = withheldReason(config);

  return attributes.map((attribute, j) => {
    // Headcounts per value.
    const counts = new Map<string | null, [number, number]>();
    const grp = headcounts[0] ?? [];
    const n = headcounts[1] ?? [];
    const val = (headcounts[2 + j] ?? []) as (string | null)[];
    grp.forEach((g, i) => {
      const v = val[i] ?? null;
      const c = counts.get(v) ?? [0, 0];
      c[Number(g) === PARTICIPANTS ? 0 : 1] += Number(n[i]);
      counts.set(v, c);
    });
    const values = [...counts.keys()].sort(byValue);
    const perf = data.performance ? bucketBy(data.performance.attrs[j]!.map((v) => v ?? null)) : null;
    const surv = data.survey ? bucketBy(data.survey.attrs[j]!.map((v) => v ?? null)) : null;
    const ret = data.retention ? bucketBy(data.retention.attrs[j]!.map((v) => v ?? null)) : null;

    const units = values.map((value) => {
      const [participants, comparison] = counts.get(value)!;
      const did = (rows: MeasureRows | null, buckets: Map<string | null, number[]> | null, what: string) => {
        if (!rows || !buckets) return null;
        const s = splitMeasures(rows, buckets.get(value) ?? EMPTY);
        return { result: twoGroupResult(s.participants.change, s.comparison.change, config, what, true), counts: [s.participants.change.length, s.comparison.change.length] };
      };
      let rate: { result: Proportion; counts: number[] } | null = null;
      if (data.retention && ret) {
        const s = splitRetention(data.retention, ret.get(value) ?? EMPTY);
        rate = { result: rate12mResult(s.rate, config), counts: [s.rate.n1, s.rate.n2] };
      }
      return {
        value,
        participants,
        comparison,
        rate,
        surveyDid: did(data.survey, surv, 'survey score'),
        performanceDid: did(data.performance, perf, 'performance rating'),
      };
    });

    // Primary suppression, then complementary (family 0 = the headcounts: hiding it hides the whole segment).
    const cell = (counts: number[], hidden: boolean): Cell => ({ counts, hidden });
    const head = units.map((u) => cell([u.participants, u.comparison], u.participants < m || u.comparison < m));
    const rateCells = units.map((u) => (u.rate ? cell(u.rate.counts, u.rate.result.suppressed === true) : null));
    const survCells = units.map((u) => (u.surveyDid ? cell(u.surveyDid.counts, u.surveyDid.result.suppressed === true) : null));
    const perfCells = units.map((u) => (u.performanceDid ? cell(u.performanceDid.counts, u.performanceDid.result.suppressed === true) : null));
    head.forEach((c, u) => {
      if (!c.hidden) return;
      for (const fam of [rateCells, survCells, perfCells]) if (fam[u]) fam[u].hidden = true;
    });
    protectByComplement([head, rateCells, survCells, perfCells], m, 0);

    const hiddenTwoGroup = (what: string): TwoGroup => describeTwoGroup(suppressed<TwoGroup>(TWO_GROUP_KEYS, withheld), what, config, true);
    const groups: SegmentResult[] = units.map((u, i) => {
      const rate12m = u.rate ? (rateCells[i]!.hidden ? describeProportion(suppressed<Proportion>(PROPORTION_KEYS, withheld), config) : u.rate.result) : null;
      const surveyDid = u.surveyDid ? (survCells[i]!.hidden ? hiddenTwoGroup('survey score') : u.surveyDid.result) : null;
      const performanceDid = u.performanceDid ? (perfCells[i]!.hidden ? hiddenTwoGroup('performance rating') : u.performanceDid.result) : null;
      const r: SegmentResult = head[i]!.hidden
        ? { value: u.value, suppressed: true, reason: withheld, participants: null, comparison: null, rate12m, surveyDid, performanceDid }
        : { value: u.value, participants: u.participants, comparison: u.comparison, rate12m, surveyDid, performanceDid };
      return describeSegment(r, attribute, config);
    });
    return describeSegments({ attribute, groups }, config);
  });
}
