import type { AnalysisConfig, Proportion, SegmentBreakdown, SegmentDids, SegmentResult } from '../../../shared/analysis';
import { MEASURED_BY_SUMMARY } from '../../../shared/outcomes';
import type { MeasuredKey } from '../../../shared/outcomes';
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
  measured: { [K in MeasuredKey]: UnitValues | null };
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
 * Results per value of each attribute, split in JS from the headline units.
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
      return { value, participants, comparison, rate, dids: MEASURED_BY_SUMMARY.map((o) => did(data.measured[o.key], o.what)) };
    });

    // Primary suppression, then complementary. Family 0 is the headcounts: hiding it hides the
    // whole segment. The families' order (retention, then the summary's measured outcomes) is
    // part of which cells the complementary pass picks.
    const cell = (counts: number[], hidden: boolean): Cell => ({ counts, hidden });
    const head = units.map((u) => cell([u.participants, u.comparison], u.participants < m || u.comparison < m));
    const rateCells = units.map((u) => (u.rate ? cell(u.rate.counts, u.rate.result.suppressed === true) : null));
    const didCells = MEASURED_BY_SUMMARY.map((_, k) =>
      units.map((u) => {
        const d = u.dids[k];
        return d ? cell(d.counts, d.result.suppressed === true) : null;
      }),
    );
    head.forEach((c, u) => {
      if (!c.hidden) return;
      for (const fam of [rateCells, ...didCells]) if (fam[u]) fam[u].hidden = true;
    });
    protectByComplement([head, rateCells, ...didCells], m, 0);

    const groups: SegmentResult[] = units.map((u, i) => {
      const rate12m = u.rate ? (rateCells[i]!.hidden ? describeProportion(suppressed<Proportion>(PROPORTION_KEYS, withheld), config) : u.rate.result) : null;
      const dids = {} as SegmentDids;
      MEASURED_BY_SUMMARY.forEach((o, k) => {
        const d = u.dids[k];
        dids[o.did] = d ? (didCells[k]![i]!.hidden ? suppressedDid(withheld, config, o.what) : d.result) : null;
      });
      const r: SegmentResult = head[i]!.hidden
        ? { value: u.value, suppressed: true, reason: withheld, participants: null, comparison: null, rate12m, ...dids }
        : { value: u.value, participants: u.participants, comparison: u.comparison, rate12m, ...dids };
      return describeSegment(r, attribute, config);
    });
    return describeSegments({ attribute, groups }, config);
  });
}
