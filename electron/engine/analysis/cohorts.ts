import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalysisConfig, CohortResult, CohortSummary, MeasuredOutcome, Paired, Proportion, RetentionOutcome, TwoGroup } from '../../../shared/analysis';
import { bucketBy, measureCohortRows, splitMeasures } from './measurements';
import type { MeasureKind } from './measurements';
import { buildCohortGroups, cohortComparisonCounts } from './population';
import { PAIRED_KEYS, PROPORTION_KEYS, TWO_GROUP_KEYS, pairedResult, retentionResult, suppressed, suppressedKm, twoGroupResult } from './results';
import { retentionCohortRows, splitRetention } from './retentionData';
import { protectByComplement } from './suppression';
import type { Cell } from './suppression';
import { describeCohort, describePaired, describeProportion, describeTwoGroup, withheldReason } from './words';

const WHAT: Record<MeasureKind, string> = { performance: 'performance rating', survey: 'survey score' };
const EMPTY: number[] = [];

/**
 * Each selected cohort against the comparison group indexed at its start date
 * (buildCohortGroups). One SQL pass per outcome for all cohorts, split by cohort in JS.
 * Participants' results of the cohorts add up to the overall ones, so their small
 * cells get complementary suppression across cohorts (suppression.ts).
 */
export async function cohortResults(
  conn: DuckDBConnection,
  config: AnalysisConfig,
  cohorts: CohortSummary[],
  available: { performance: boolean; survey: boolean; asOf: string | null },
): Promise<CohortResult[]> {
  if (cohorts.length === 0) return [];
  await buildCohortGroups(conn, cohorts);
  const comparisonN = await cohortComparisonCounts(conn);

  const m = config.minGroupSize;
  const reason = withheldReason(config);
  const cell = (n: number, hidden: boolean | undefined): Cell => ({ counts: [n], hidden: hidden === true });

  const measured = async (kind: MeasureKind): Promise<MeasuredOutcome[] | null> => {
    if (!available[kind]) return null;
    const rows = await measureCohortRows(conn, kind, config);
    const buckets = bucketBy(rows.key);
    const splits = cohorts.map((_, ck) => splitMeasures(rows, buckets.get(ck) ?? EMPTY));
    const outs = splits.map((s): MeasuredOutcome => ({
      beforeAfter: pairedResult(s.participants.pairedBefore, s.participants.pairedAfter, config, WHAT[kind]),
      comparison: twoGroupResult(s.participants.after, s.comparison.after, config, WHAT[kind], false),
      did: twoGroupResult(s.participants.change, s.comparison.change, config, WHAT[kind], true),
    }));
    // Complementary suppression over the participants' side (the part that adds up across cohorts).
    const fams = [
      outs.map((o, ck) => cell(splits[ck]!.participants.pairedAfter.length, o.beforeAfter.suppressed)),
      outs.map((o, ck) => cell(splits[ck]!.participants.after.length, o.comparison.suppressed)),
      outs.map((o, ck) => cell(splits[ck]!.participants.change.length, o.did.suppressed)),
    ];
    protectByComplement(fams, m);
    outs.forEach((o, ck) => {
      if (fams[0]![ck]!.hidden) o.beforeAfter = describePaired(suppressed<Paired>(PAIRED_KEYS, reason), WHAT[kind], config);
      if (fams[1]![ck]!.hidden) o.comparison = describeTwoGroup(suppressed<TwoGroup>(TWO_GROUP_KEYS, reason), WHAT[kind], config, false);
      if (fams[2]![ck]!.hidden) o.did = describeTwoGroup(suppressed<TwoGroup>(TWO_GROUP_KEYS, reason), WHAT[kind], config, true);
    });
    return outs;
  };
  const performance = await measured('performance');
  const survey = await measured('survey');

  let retention: RetentionOutcome[] | null = null;
  if (available.asOf) {
    const rows = await retentionCohortRows(conn, available.asOf);
    const buckets = bucketBy(rows.key);
    const splits = cohorts.map((_, ck) => splitRetention(rows, buckets.get(ck) ?? EMPTY));
    const outs = splits.map((s) => retentionResult(s.participants, s.comparison, s.rate, config, true));
    const rateCells = outs.map((r, ck) => cell(splits[ck]!.rate.n1, r.rate12m.suppressed));
    const kmCells = outs.map((r, ck) => cell(splits[ck]!.participants.time.length, r.km.participants.some((p) => p.suppressed)));
    protectByComplement([rateCells, kmCells], m);
    outs.forEach((r, ck) => {
      if (rateCells[ck]!.hidden) r.rate12m = describeProportion(suppressed<Proportion>(PROPORTION_KEYS, reason), config);
      if (kmCells[ck]!.hidden) {
        r.km.participants = suppressedKm(config);
        r.logrank = { chisq: null, df: null, p: null };
      }
    });
    retention = outs;
  }

  return cohorts.map((c, ck) =>
    describeCohort(
      {
        cohort: c.cohort,
        startDate: c.startDate,
        participants: c.participants,
        comparison: comparisonN.get(ck) ?? 0,
        outcomes: { performance: performance?.[ck] ?? null, survey: survey?.[ck] ?? null, retention: retention?.[ck] ?? null },
      },
      config,
    ),
  );
}
