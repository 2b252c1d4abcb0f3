import type { AnalysisConfig, Proportion, SegmentBreakdown, SegmentResult, TwoGroup } from '../../../shared/analysis';
import { collectMeasures } from './measurements';
import type { UnitValues } from './measurements';
import { PARTICIPANTS } from './population';
import type { PeopleModel } from './population';
import { PROPORTION_KEYS, didResult, rate12mResult, suppressed, suppressedDid } from './results';
import type { RateCounts } from './results';
import type { Retention } from './retentionData';
import { protectByComplement } from './suppression';
import type { Cell } from './suppression';
import { describeProportion, describeSegment, describeSegments, withheldReason } from './words';

export interface SegmentInputs {
  performance: UnitValues | null;
  survey: UnitValues | null;
  retention: Retention | null;
}

const EMPTY: number[] = [];

/** Person indices by attribute value. */
function bucketBy(values: readonly (string | null)[]): Map<string | null, number[]> {
  const out = new Map<string | null, number[]>();
  values.forEach((v, i) => {
    const list = out.get(v);
    if (list) list.push(i);
    else out.set(v, [i]);
  });
  return out;
}

/** Segment values in display order: alphabetical (numbers in text compared as numbers), "not recorded" last. */
function byValue(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.localeCompare(b, 'en', { numeric: true }) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Results per value of each attribute (issue #4), split in JS from the headline units.
 * Small groups are suppressed, then complementary cells (suppression.ts) so no hidden
 * group can be recovered.
 */
export function segmentResults(config: AnalysisConfig, attributes: string[], model: PeopleModel, data: SegmentInputs): SegmentBreakdown[] {
  if (attributes.length === 0) return [];
  const m = config.minGroupSize;
  const withheld = withheldReason(config);
  const rateByPerson = data.retention ? data.retention.rateByPerson() : null;

  return attributes.map((attribute, j) => {
    const buckets = bucketBy(model.attrs[j]!);
    const values = [...buckets.keys()].sort(byValue);
    const units = values.map((value) => {
      const pids = Int32Array.from(buckets.get(value) ?? EMPTY);
      let participants = 0;
      for (const p of pids) if (model.grp[p] === PARTICIPANTS) participants++;
      const comparison = pids.length - participants;
      const did = (vals: UnitValues | null, what: string) => {
        if (!vals) return null;
        const s = collectMeasures(vals, model, pids);
        return { result: didResult(s.participants, s.comparison, config, what), counts: [s.participants.change.length, s.comparison.change.length] };
      };
      let rate: { result: Proportion; counts: number[] } | null = null;
      if (rateByPerson) {
        const c: RateCounts = { n1: 0, k1: 0, n2: 0, k2: 0 };
        for (const p of pids) {
          if (model.grp[p] === PARTICIPANTS) {
            c.n1 += rateByPerson[2 * p]!;
            c.k1 += rateByPerson[2 * p + 1]!;
          } else {
            c.n2 += rateByPerson[2 * p]!;
            c.k2 += rateByPerson[2 * p + 1]!;
          }
        }
        rate = { result: rate12mResult(c, config), counts: [c.n1, c.n2] };
      }
      return {
        value,
        participants,
        comparison,
        rate,
        surveyDid: did(data.survey, 'survey score'),
        performanceDid: did(data.performance, 'performance rating'),
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

    const hiddenTwoGroup = (what: string): TwoGroup => suppressedDid(withheld, config, what);
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
