import { fixed, pText, percent, signed, signedPoints, wholePercent } from '../../../shared/format';
import type { AnalysisConfig, CohortResult, LikertItem, Paired, Proportion, SegmentBreakdown, SegmentResult, TwoGroup } from '../../../shared/analysis';

const SELECTION = 'People chose to join the program, so differences between participants and others need not be caused by it.';
const REGRESSION = 'Scores that start unusually low or high tend to move toward the average on their own (regression to the mean).';
const NO_CONTROL = 'A before/after change also contains whatever changed for everyone over the same period.';
const PARALLEL = 'Difference-in-differences assumes both groups would have changed alike without the program.';
const SMALL_N = 30;

function smallN(n: number | null, caveats: string[]): void {
  if (n !== null && n < SMALL_N) caveats.push(`Small group (n = ${n}): estimates are imprecise.`);
}

export function describePaired(r: Paired, what: string, config: AnalysisConfig): Paired {
  const method = `Participants' ${what} in the ${config.preDays} days before their start compared with ${config.postStartDays}–${config.postEndDays} days after: paired t-test with a ${wholePercent(config.confidence)} confidence interval, Cohen's dz, and a Wilcoxon signed-rank test.`;
  const caveats = [REGRESSION, NO_CONTROL];
  if (r.suppressed || r.meanDiff === null || r.meanBefore === null || r.meanAfter === null) {
    return { ...r, method, finding: `Not reported: ${r.reason ?? 'not enough data'}.`, caveats };
  }
  smallN(r.n, caveats);
  const ci = r.ciLow !== null && r.ciHigh !== null ? ` (${wholePercent(config.confidence)} CI ${signed(r.ciLow)} to ${signed(r.ciHigh)})` : '';
  const p = r.p !== null ? `, ${pText(r.p)}` : '';
  return {
    ...r,
    method,
    finding: `Participants' mean ${what} went from ${fixed(r.meanBefore)} to ${fixed(r.meanAfter)}, ${signed(r.meanDiff)}${ci}${p}, n = ${r.n}.`,
    caveats,
  };
}

export function describeTwoGroup(r: TwoGroup, what: string, config: AnalysisConfig, did: boolean): TwoGroup {
  const method = did
    ? `Change in ${what} (after minus before) of participants against the comparison group: Welch two-sample t-test on change scores (difference-in-differences) with a ${wholePercent(config.confidence)} confidence interval, Hedges' g and a Mann–Whitney test.`
    : `${what[0]!.toUpperCase()}${what.slice(1)} after the start date, participants against the comparison group: Welch two-sample t-test with a ${wholePercent(config.confidence)} confidence interval, Hedges' g and a Mann–Whitney test.`;
  const caveats = did ? [SELECTION, PARALLEL] : [SELECTION];
  if (r.suppressed || r.diff === null || r.mean1 === null || r.mean2 === null) {
    return { ...r, method, finding: `Not reported: ${r.reason ?? 'not enough data'}.`, caveats };
  }
  smallN(Math.min(r.n1 ?? 0, r.n2 ?? 0), caveats);
  const ci = r.ciLow !== null && r.ciHigh !== null ? ` (${wholePercent(config.confidence)} CI ${signed(r.ciLow)} to ${signed(r.ciHigh)})` : '';
  const p = r.p !== null ? `, ${pText(r.p)}` : '';
  const finding = did
    ? `Participants' ${what} changed by ${signed(r.mean1)} against ${signed(r.mean2)} for the comparison group: a difference of ${signed(r.diff)}${ci}${p}.`
    : `Mean ${what} after the start: ${fixed(r.mean1)} for participants (n = ${r.n1}) vs ${fixed(r.mean2)} for the comparison group (n = ${r.n2}), ${signed(r.diff)}${ci}${p}.`;
  return { ...r, method, finding, caveats };
}

export function describeProportion(r: Proportion, config: AnalysisConfig): Proportion {
  const method = `Share still employed 365 days after their index date, among people whose index is at least a year before the export date; two-sample test of proportions without continuity correction (R prop.test) with a ${wholePercent(config.confidence)} confidence interval for the difference.`;
  const caveats = [SELECTION];
  if (r.suppressed || r.p1 === null || r.p2 === null || r.diff === null) {
    return { ...r, method, finding: `Not reported: ${r.reason ?? 'not enough data'}.`, caveats };
  }
  smallN(Math.min(r.n1 ?? 0, r.n2 ?? 0), caveats);
  const ci = r.ciLow !== null && r.ciHigh !== null ? ` (${wholePercent(config.confidence)} CI ${signedPoints(r.ciLow)} to ${signedPoints(r.ciHigh)})` : '';
  return {
    ...r,
    method,
    finding: `12-month retention: ${percent(r.p1)} of participants vs ${percent(r.p2)} of the comparison group, ${signedPoints(r.diff)} points${ci}.`,
    caveats,
  };
}

/** Reason given for every withheld cell of a breakdown: the same words for primary and secondary suppression, so the reason itself reveals nothing. */
export function withheldReason(config: AnalysisConfig): string {
  return `fewer than ${config.minGroupSize} people in a group, or withheld so that such a group cannot be worked out from the other figures`;
}

const SUPPRESSION_RULE = (m: number) =>
  `A group of fewer than ${m} people is not shown. Because the groups add up to the overall result, one more group is then withheld as well (the smallest one shown), and more if needed, until at least two groups are withheld and together hold at least ${m} people: subtracting the shown groups from the total reveals only that combined figure, never one group. Withheld results show no numbers, not even their sizes.`;

export function describeCohort(c: CohortResult, config: AnalysisConfig): CohortResult {
  const method = `Mentees of cohort ${c.cohort}, each from their own start date in it, against people never in the program who were employed on the cohort's start date (${c.startDate}), measured from that date (the overall results instead index each comparison person at the earliest selected cohort start at which they were employed). Before/after windows, tests and retention definitions as for the overall results (${wholePercent(config.confidence)} confidence).`;
  const caveats = [SELECTION];
  if (c.participants < SMALL_N) caveats.push(`Small cohort (${c.participants} participants): estimates are imprecise.`);
  caveats.push(`Results withheld for small groups follow this rule: ${SUPPRESSION_RULE(config.minGroupSize)}`);
  return { ...c, method, finding: `${c.cohort} (from ${c.startDate}): ${c.participants} participants against ${c.comparison} comparison people.`, caveats };
}

export function describeSegments(b: SegmentBreakdown, config: AnalysisConfig): SegmentBreakdown {
  const shown = b.groups.filter((g) => !g.suppressed).length;
  return {
    ...b,
    method: `Participants and comparison people split by their ${b.attribute} (taken from the people data; "not recorded" is a group of its own). In each group: 12-month retention of participants against the comparison group (R prop.test without continuity correction) and difference-in-differences of the survey score and the performance rating (Welch t-test on change scores), with ${wholePercent(config.confidence)} confidence intervals. ${SUPPRESSION_RULE(config.minGroupSize)}`,
    finding: `${shown} of ${b.groups.length} groups of ${b.attribute} are large enough to show.`,
    caveats: [
      SELECTION,
      'Many groups are compared at once, so some differences will look notable by chance; the intervals are not adjusted for multiple comparisons.',
    ],
  };
}

export function describeSegment(s: SegmentResult, attribute: string, config: AnalysisConfig): SegmentResult {
  const label = s.value ?? 'not recorded';
  if (s.suppressed || s.participants === null || s.comparison === null) {
    return { ...s, finding: `${attribute} ${label}: not reported (${s.reason ?? withheldReason(config)}).` };
  }
  const caveats: string[] = [];
  smallN(Math.min(s.participants, s.comparison), caveats);
  return { ...s, finding: `${attribute} ${label}: ${s.participants} participants and ${s.comparison} comparison people.`, caveats };
}

export function describeLikertItem(it: LikertItem, config: AnalysisConfig): LikertItem {
  const { scaleMin, scaleMax } = config.survey;
  const method = `Answers to ${it.item} on the ${scaleMin}–${scaleMax} scale: counts and shares per level as answered${it.reversed ? ' (this item is negatively worded and reverse-coded: the mean and top-2-box use s′ = ' + (scaleMin + scaleMax) + ' − s, so higher is better)' : ''}; the mean and the top-2-box share (the two best levels) on the scale where higher is better. "All" counts every answer of the participants and the comparison group; "before" and "after" are participants' answers to the item on the latest day they answered it in the ${config.preDays} days before their start and on the earliest day ${config.postStartDays}–${config.postEndDays} days after (several answers on that day count as their mean in the test). Before vs after: paired t-test on each participant's item score (${wholePercent(config.confidence)} CI) and Wilcoxon signed-rank test; p-values adjusted across items by Holm's method. A level chosen by fewer than ${config.minGroupSize} answers is withheld, together with as many other levels as needed (and the mean, and if need be the top-2-box share) so that it cannot be worked out from the rest.`;
  const caveats = [REGRESSION, NO_CONTROL, 'Single items are less reliable than the combined survey score.'];
  if (it.suppressed) return { ...it, method, finding: `${it.item}: not reported (${it.reason ?? 'not enough answers'}).`, caveats };
  const parts: string[] = [];
  if (it.all.mean !== null && it.all.top2Box !== null) parts.push(`mean ${fixed(it.all.mean)}, ${wholePercent(it.all.top2Box)} in the top two levels across ${it.all.n} answers`);
  const ba = it.beforeAfter;
  if (!ba.suppressed && ba.meanBefore !== null && ba.meanAfter !== null && ba.meanDiff !== null) {
    const p = ba.p !== null ? `, ${pText(ba.p)}` : '';
    const holm = it.pHolm !== null ? `, Holm-adjusted ${pText(it.pHolm)}` : '';
    parts.push(`participants went from ${fixed(ba.meanBefore)} to ${fixed(ba.meanAfter)} (${signed(ba.meanDiff)}${p}${holm}, n = ${ba.n})`);
  } else {
    parts.push(`before vs after not reported (${ba.reason ?? 'not enough data'})`);
  }
  return { ...it, method, finding: `${it.item}: ${parts.join('; ')}.`, caveats };
}
