import type { AnalysisConfig, CohortResult, CohortSummary, MeasuredOutcome, Paired, Proportion, RetentionOutcome } from '../../../shared/analysis';
import { collectMeasures } from './measurements';
import type { UnitValues } from './measurements';
import { perMeasured } from '../../../shared/outcomes';
import type { MeasuredKey } from '../../../shared/outcomes';
import { COMPARISON } from './population';
import type { PeopleModel } from './population';
import { PAIRED_KEYS, PROPORTION_KEYS, measuredResult, retentionResult, suppressed, suppressedComparison, suppressedDid, suppressedKm } from './results';
import type { Retention } from './retentionData';
import { protectByComplement } from './suppression';
import type { Cell } from './suppression';
import { describeCohort, describePaired, describeProportion, withheldReason } from './words';

/** Each cohort's units (ck = position in population.cohorts), and its number of comparison people. */
export interface CohortUnitLists {
  units: { from: number; to: number }[];
  comparison: number[];
}

export function cohortUnitLists(model: PeopleModel, cohorts: number): CohortUnitLists {
  const units = Array.from({ length: cohorts }, (_, ck) => ({ from: model.n + model.cohortUnitStart[ck]!, to: model.n + model.cohortUnitStart[ck + 1]! }));
  const comparison = units.map(({ from, to }) => {
    let c = 0;
    for (let u = from; u < to; u++) if (model.unitGrp[u] === COMPARISON) c++;
    return c;
  });
  return { units, comparison };
}

const cell = (n: number, hidden: boolean | undefined): Cell => ({ counts: [n], hidden: hidden === true });

/**
 * One measured outcome per cohort, from the windows filled once for all units. Participants'
 * results of the cohorts add up to the overall ones, so their small cells get complementary
 * suppression across cohorts (suppression.ts).
 */
export function cohortMeasured(config: AnalysisConfig, model: PeopleModel, lists: CohortUnitLists, values: UnitValues, what: string): MeasuredOutcome[] {
  const reason = withheldReason(config);
  const splits = lists.units.map((us) => collectMeasures(values, model, us));
  const outs = splits.map((s) => measuredResult(s, config, what));
  // Complementary suppression over the participants' side (the part that adds up across cohorts).
  const fams = [
    outs.map((o, ck) => cell(splits[ck]!.participants.pairedAfter.length, o.beforeAfter.suppressed)),
    outs.map((o, ck) => cell(splits[ck]!.participants.after.length, o.comparison.suppressed)),
    outs.map((o, ck) => cell(splits[ck]!.participants.change.length, o.did.suppressed)),
  ];
  protectByComplement(fams, config.minGroupSize);
  outs.forEach((o, ck) => {
    if (fams[0]![ck]!.hidden) o.beforeAfter = describePaired(suppressed<Paired>(PAIRED_KEYS, reason), what, config);
    if (fams[1]![ck]!.hidden) o.comparison = suppressedComparison(reason, config, what);
    if (fams[2]![ck]!.hidden) o.did = suppressedDid(reason, config, what);
  });
  return outs;
}

/** Retention per cohort (no full curves: they would not add up safely across cohorts). */
export function cohortRetention(config: AnalysisConfig, lists: CohortUnitLists, retention: Retention): RetentionOutcome[] {
  const reason = withheldReason(config);
  const splits = lists.units.map((us) => retention.split(us));
  const outs = splits.map((s) => retentionResult(s.participants, s.comparison, s.rate, config, true));
  const rateCells = outs.map((r, ck) => cell(splits[ck]!.rate.n1, r.rate12m.suppressed));
  // A cell is withheld for its group size (a horizon withheld for few at risk leaves the group shown).
  const kmCells = outs.map((_, ck) => {
    const n = splits[ck]!.participants.time.length;
    return cell(n, config.horizonsDays.length > 0 && n < config.minGroupSize);
  });
  protectByComplement([rateCells, kmCells], config.minGroupSize);
  outs.forEach((r, ck) => {
    if (rateCells[ck]!.hidden) r.rate12m = describeProportion(suppressed<Proportion>(PROPORTION_KEYS, reason), config);
    if (kmCells[ck]!.hidden) {
      r.km.participants = suppressedKm(config);
      r.logrank = { chisq: null, df: null, p: null };
    }
  });
  return outs;
}

/** Each selected cohort against the comparison group indexed at its start date. */
export function cohortResults(
  config: AnalysisConfig,
  cohorts: CohortSummary[],
  lists: CohortUnitLists,
  outcomes: { measured: { [K in MeasuredKey]: MeasuredOutcome[] | null }; retention: RetentionOutcome[] | null },
): CohortResult[] {
  return cohorts.map((c, ck) =>
    describeCohort(
      {
        cohort: c.cohort,
        startDate: c.startDate,
        participants: c.participants,
        comparison: lists.comparison[ck]!,
        outcomes: { ...perMeasured((m) => outcomes.measured[m.key]?.[ck] ?? null), retention: outcomes.retention?.[ck] ?? null },
      },
      config,
    ),
  );
}
