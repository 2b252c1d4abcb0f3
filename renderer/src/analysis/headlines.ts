/**
 * The Dashboard's headline numbers, in words a leader reads at a glance: the number,
 * its confidence interval, a verdict ("Clear improvement" only when the interval
 * excludes zero) and the engine's own finding sentence.
 */
import type { AnalysisResult, Described, Proportion, TwoGroup } from '../../../shared/analysis';
import { ciText, clearlyNonZero, fewerThan, integer, isNum, pText, percent, signed } from '../../../shared/format';
import { OUTCOMES } from '../../../shared/outcomes';
import type { MeasuredKey } from '../../../shared/outcomes';

export type Tone = 'good' | 'bad' | 'neutral';
export type HeadlineState = 'ok' | 'suppressed' | 'missing';

export interface Headline {
  state: HeadlineState;
  /** The big number, e.g. "+6.1", "450"; a message when not ok. */
  value: string;
  /** What the number is in, e.g. "percentage points". */
  unit: string;
  /** One line under the number, e.g. "90.7% vs 84.6%". */
  detail: string;
  /** Who the number is about: "450 participants and 842 colleagues with …". */
  sample?: string;
  /** "95% CI +2.5 to +9.7 points · p = 0.002" */
  ci: string;
  tone: Tone;
  /** "Clear improvement", "No clear difference", … */
  verdict: string;
  finding: string;
  method: string;
  caveats: string[];
}

function tone(low: number | null | undefined, high: number | null | undefined, value: number | null | undefined): Tone {
  if (!clearlyNonZero(low, high) || !isNum(value)) return 'neutral';
  return value > 0 ? 'good' : 'bad';
}

const VERDICT: Record<Tone, string> = { good: 'Clear improvement', bad: 'Clear decline', neutral: 'No clear difference' };

function words(d: Described | null | undefined): Pick<Headline, 'finding' | 'method' | 'caveats'> {
  return { finding: d?.finding ?? '', method: d?.method ?? '', caveats: d?.caveats ?? [] };
}

function notOk(state: Exclude<HeadlineState, 'ok'>, message: string, unit: string, d?: Described | null): Headline {
  return { state, value: message, unit, detail: '', ci: '', tone: 'neutral', verdict: state === 'suppressed' ? 'Hidden to protect privacy' : 'No data yet', ...words(d) };
}

/** A head count, or "fewer than N" for a group too small to show. */
export function headCount(n: number, minGroupSize: number): string {
  return n > 0 && n < minGroupSize ? fewerThan(minGroupSize) : integer(n);
}

export function participantsHeadline(result: AnalysisResult): Headline {
  const { participants, comparison, cohorts } = result.population;
  const min = result.config.minGroupSize;
  const cohortWord = `${integer(cohorts.length)} ${cohorts.length === 1 ? 'cohort' : 'cohorts'}`;
  return {
    state: participants > 0 ? 'ok' : 'missing',
    value: headCount(participants, min),
    unit: participants === 1 ? 'participant' : 'participants',
    detail: `in ${cohortWord}${cohorts.length ? `: ${cohorts.map((c) => c.cohort).join(', ')}` : ''}`,
    ci: `compared with ${headCount(comparison, min)} colleagues who never took part`,
    tone: 'neutral',
    verdict: '',
    finding: 'The comparison group is everyone in the HRIS export who never joined the program and was employed when a cohort started.',
    method:
      'Participants are the mentees of the selected cohorts, each counted once from their earliest start date. The comparison group is everyone in the HRIS export never in the roster who was employed at the start of a selected cohort, counted from the earliest such start.',
    caveats: [],
  };
}

export function retentionHeadline(result: AnalysisResult): Headline {
  const rate: Proportion | undefined = result.outcomes.retention?.rate12m;
  const unit = 'percentage points';
  if (!rate) return notOk('missing', OUTCOMES.retention.missing.action, unit);
  const few = fewerThan(result.config.minGroupSize);
  if (rate.suppressed || !isNum(rate.diff)) return notOk(rate.suppressed ? 'suppressed' : 'missing', rate.suppressed ? few : 'Not enough follow-up', unit, rate);
  const t = tone(rate.ciLow, rate.ciHigh, rate.diff);
  return {
    state: 'ok',
    value: signed(rate.diff * 100, 1),
    unit,
    detail: `${percent(rate.p1)} vs ${percent(rate.p2)} still employed after 12 months`,
    sample: `${integer(rate.n1)} participants and ${integer(rate.n2)} colleagues with a full year since their start`,
    ci: `${ciText(rate.ciLow, rate.ciHigh, result.config.confidence, (x) => signed(x * 100, 1))} points · ${pText(rate.p)}`,
    tone: t,
    verdict: t === 'good' ? 'Clearly higher retention' : t === 'bad' ? 'Clearly lower retention' : VERDICT.neutral,
    ...words(rate),
  };
}

/** Difference-in-differences of a measured outcome (participants' change minus the comparison group's). */
export function didHeadline(result: AnalysisResult, kind: MeasuredKey): Headline {
  const m = OUTCOMES[kind];
  const d: TwoGroup | undefined = result.outcomes[kind]?.did;
  const unit = m.headlineUnit(result.config);
  if (!d) return notOk('missing', m.missing.action, unit);
  const few = fewerThan(result.config.minGroupSize);
  if (d.suppressed || !isNum(d.diff)) return notOk(d.suppressed ? 'suppressed' : 'missing', d.suppressed ? few : 'Not enough measurements', unit, d);
  const t = tone(d.ciLow, d.ciHigh, d.diff);
  return {
    state: 'ok',
    value: signed(d.diff, 2),
    unit,
    detail: `Participants ${signed(d.mean1)}, comparison group ${signed(d.mean2)} since before`,
    sample: `${integer(d.n1)} participants and ${integer(d.n2)} colleagues with a ${m.what} before and after`,
    ci: `${ciText(d.ciLow, d.ciHigh, result.config.confidence)} · ${pText(d.p)}`,
    tone: t,
    verdict: VERDICT[t],
    ...words(d),
  };
}

