/** The report's sections. Each one works with whatever data the project has, and says what is missing. */
import type { AnalysisConfig, LikertItem, MeasuredOutcome, Paired, Proportion, SegmentBreakdown, TwoGroup } from '../../../shared/analysis';
import { buildBeforeAfterSpec, buildCohortBarsSpec, buildDidSpec, buildKaplanMeierSpec, buildLikertSpec, mostAnsweredItems, segmentBars } from '../../../shared/charts';
import type { BeforeAfterRow, KaplanMeierInput } from '../../../shared/charts';
import type { TopLevelSpec } from 'vega-lite';
import type { ReportSection } from '../../../shared/report';
import type { Cell, Doc } from './doc';
import { ciText, df, fixed, integer, isNum, pCell, pText, percent, points, range, rangePoints, signed, wholePercent } from '../../../shared/format';
import { longDate } from './longDate';
import { escapeHtml } from './print';
import { MEASURED, MEASURED_BY_SUMMARY, OUTCOMES } from '../../../shared/outcomes';
import type { DidMetric, MeasuredDeclaration } from '../../../shared/outcomes';

const NO_PARTICIPANTS = 'No participants: the roster has no mentees in the selected cohorts. Import the program roster to evaluate the program.';
const noParticipants = (cfg: AnalysisConfig): string =>
  rangeWords(cfg)
    ? `No participants: no mentee of the selected cohorts has an index date ${rangeWords(cfg)}. Widen or clear the date range to evaluate the program.`
    : NO_PARTICIPANTS;

/** "from 1 June 2022 to 31 December 2023" (or an open end); null without a date range. */
function rangeWords(cfg: AnalysisConfig): string | null {
  const { from, to } = cfg.dateRange;
  if (from && to) return `from ${longDate(from)} to ${longDate(to)}`;
  if (from) return `on or after ${longDate(from)}`;
  if (to) return `on or before ${longDate(to)}`;
  return null;
}

/** The filters and date range in a sentence; null when everyone is included. */
function selectionNote(cfg: AnalysisConfig): string | null {
  const filters = Object.entries(cfg.filters).filter(([, v]) => v.length);
  const range = rangeWords(cfg);
  if (!filters.length && !range) return null;
  const who = filters.length ? `people with ${filters.map(([k, v]) => `${k} ${v.join(' or ')}`).join('; ')}` : 'people';
  const when = range ? ` whose index date falls ${range} (cohorts that started outside that range are left out)` : '';
  return `Only ${who}${when} are included.`;
}

const esc = escapeHtml;
const p = (text: string) => `<p>${esc(text)}</p>`;
/** Blocks that must share a page (a heading and its figure). */
const keep = (...parts: string[]) => `<div class="keep">${parts.join('\n')}</div>`;

type Verdict = 'up' | 'down' | 'none';
function verdictOf(low: number | null | undefined, high: number | null | undefined): Verdict {
  if (isNum(low) && low > 0) return 'up';
  if (isNum(high) && high < 0) return 'down';
  return 'none';
}
function verdictTag(v: Verdict, words: Record<Verdict, string>): string {
  return `<span class="verdict ${v}">${esc(words[v])}</span>`;
}

const isShownTwo = (r: TwoGroup | null | undefined): boolean => !!r && !r.suppressed && isNum(r.diff);
const isShownPaired = (r: Paired | null | undefined): boolean => !!r && !r.suppressed && isNum(r.meanDiff);
const isShownProp = (r: Proportion | null | undefined): boolean => !!r && !r.suppressed && isNum(r.diff);

/** A chart of bands (one per item) with less room per band: a long item list then still fits a page. */
function compact(spec: TopLevelSpec, step: number): TopLevelSpec {
  const h = (spec as { height?: unknown }).height;
  return h && typeof h === 'object' && 'step' in h ? ({ ...spec, height: { step } } as TopLevelSpec) : spec;
}

/** Groups too small to show get "fewer than N" in place of every number. */
function few(doc: Doc, n: number): Cell[] {
  return Array.from({ length: n }, () => doc.few);
}

function caveatList(caveats: readonly string[] | undefined): string {
  if (!caveats?.length) return '';
  return `<div class="caveats"><strong>Caveats.</strong> ${caveats.map((c) => esc(c)).join(' ')}</div>`;
}

function unique(xs: (string | undefined)[]): string[] {
  return [...new Set(xs.filter((x): x is string => !!x))];
}

function cohortWords(doc: Doc): string {
  const c = doc.result.population.cohorts;
  if (!c.length) return 'no cohorts';
  const names = c.map((x) => x.cohort);
  return `${c.length} cohort${c.length === 1 ? '' : 's'} (${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]})`;
}

// ---------------------------------------------------------------------------------------------
// 1. Executive summary

function card(label: string, value: string, detail: string, missing = false): string {
  return `<div class="card${missing ? ' missing' : ''}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div><div class="detail">${esc(detail)}</div></div>`;
}

function didCard(doc: Doc, m: MeasuredDeclaration): string {
  const o = doc.result.outcomes[m.key];
  const label = `${m.label}: difference-in-differences`;
  if (!o) return card(label, '–', `No ${m.missing.data} imported`, true);
  const d = o.did;
  if (!isShownTwo(d)) return card(label, '–', `Not shown: ${d.reason ?? `${doc.fewText} people in a group`}`, true);
  return card(label, signed(d.diff), `${ciText(d.ciLow, d.ciHigh, doc.cfg.confidence)}; ${integer(d.n1)} participants vs ${integer(d.n2)} comparison people with both measurements`);
}

function retentionCard(doc: Doc): string {
  const r = doc.result.outcomes.retention;
  const label = '12-month retention: participants − comparison';
  if (!r) return card(label, '–', `No ${OUTCOMES.retention.missing.data} imported`, true);
  const x = r.rate12m;
  if (!isShownProp(x)) return card(label, '–', `Not shown: ${x.reason ?? `${doc.fewText} people in a group`}`, true);
  return card(label, points(x.diff), `${percent(x.p1)} of participants vs ${percent(x.p2)} of the comparison group still employed; ${wholePercent(doc.cfg.confidence)} CI ${rangePoints(x.ciLow, x.ciHigh)} points`);
}

async function summary(doc: Doc): Promise<string> {
  const { result, meta } = doc;
  const pop = result.population;
  const org = meta.organisation ? `${meta.organisation}’s` : 'the organisation’s';
  const out: string[] = [];
  out.push(
    `<p class="lead">This report evaluates ${esc(org)} mentorship program. It follows ${esc(integer(pop.participants))} participants in ${esc(cohortWords(doc))} and compares them with ${esc(integer(pop.comparison))} colleagues who never took part, on retention, engagement survey scores and performance ratings.</p>`,
  );
  const note = selectionNote(doc.cfg);
  if (note) out.push(doc.note(`<strong>Filters.</strong> ${esc(note)}`));
  if (!pop.participants) out.push(doc.missing(noParticipants(doc.cfg)));
  out.push(
    `<div class="cards">${card('Participants', integer(pop.participants), `in ${cohortWords(doc)}; ${integer(pop.comparison)} people in the comparison group`)}${retentionCard(doc)}${MEASURED_BY_SUMMARY.map((m) => didCard(doc, m)).join('')}</div>`,
  );

  out.push('<h2>Headline findings</h2>');
  const items: string[] = [];
  const r = result.outcomes.retention;
  if (r) {
    const v = verdictOf(r.rate12m.ciLow, r.rate12m.ciHigh);
    items.push(`<li><strong>Retention.</strong> ${esc(r.rate12m.finding ?? '')} ${isShownProp(r.rate12m) ? verdictTag(v, { up: 'Clearly higher', down: 'Clearly lower', none: 'No clear difference' }) : ''}</li>`);
  } else {
    items.push(`<li><strong>Retention.</strong> ${esc(OUTCOMES.retention.missing.report)}</li>`);
  }
  for (const m of MEASURED_BY_SUMMARY) {
    const o = result.outcomes[m.key];
    if (!o) {
      items.push(`<li><strong>${esc(m.label)}.</strong> ${esc(m.missing.report)}</li>`);
      continue;
    }
    const v = verdictOf(o.did.ciLow, o.did.ciHigh);
    items.push(
      `<li><strong>${esc(m.label)}.</strong> ${esc(o.did.finding ?? '')} ${isShownTwo(o.did) ? verdictTag(v, { up: 'Clearly more improvement', down: 'Clearly less improvement', none: 'No clear difference' }) : ''}</li>`,
    );
  }
  out.push(`<ul class="findings">${items.join('\n')}</ul>`);
  out.push(
    p(
      'Difference-in-differences is the report’s main estimate for survey scores and performance ratings: it compares how much each group changed from before to after the start, so differences between the people who joined and those who did not cancel out as long as they stay the same over time. A difference is called clear when its ' +
        `${wholePercent(doc.cfg.confidence)} confidence interval does not include zero.`,
    ),
  );
  out.push(cannotClaim(doc));
  return out.join('\n');
}

function cannotClaim(doc: Doc): string {
  return `<div class="box"><h2>What this evaluation cannot show</h2><ul>
<li><strong>No random assignment.</strong> Participants chose to join the program (or were chosen for it); nobody was assigned at random. People who sign up can differ from colleagues who do not, in motivation, engagement, manager support or career plans, so the differences in this report need not have been caused by the program.</li>
<li><strong>The comparison group is not a control group.</strong> It is colleagues who never took part and were employed when a cohort started. Difference-in-differences removes differences that stay constant over time, but assumes both groups would have changed alike without the program.</li>
<li><strong>Before/after changes are not effects.</strong> They also contain whatever changed for everyone over the same period, and scores that start unusually low or high drift back toward the average on their own.</li>
<li><strong>Small groups are not shown.</strong> Any group of fewer than ${doc.cfg.minGroupSize} people is left out to protect privacy.</li>
</ul></div>`;
}

// ---------------------------------------------------------------------------------------------
// 2. The program and its population

async function population(doc: Doc): Promise<string> {
  const { result, cfg } = doc;
  const pop = result.population;
  const out: string[] = [];
  const selected = cfg.cohorts.length ? ` in the selected cohorts (${cfg.cohorts.join(', ')})` : '';
  out.push(
    p(
      `Participants are the employees listed as mentees in the program roster${selected}. Each is followed from their start date in the program, their index date; someone in several cohorts counts once, from the earliest. Mentors are in neither group.`,
    ),
  );
  out.push(
    p(
      'The comparison group is everyone in the HRIS export who was never in the roster and was employed when a cohort started; each is followed from the earliest such cohort start. Nobody in it chose, or was chosen, to take part — which is exactly why the two groups can differ in ways the data do not show.',
    ),
  );
  const note = selectionNote(cfg);
  if (note) out.push(doc.note(`<strong>Filters.</strong> ${esc(note)}`));
  if (!pop.participants) out.push(doc.missing(noParticipants(cfg)));

  const byCohort = new Map((result.byCohort ?? []).map((c) => [c.cohort, c]));
  const hasComp = byCohort.size > 0;
  const rows: Cell[][] = pop.cohorts.map((c) => {
    const bc = byCohort.get(c.cohort);
    return [c.cohort, c.startDate, integer(c.participants), ...(hasComp ? [bc ? integer(bc.comparison) : null] : [])];
  });
  rows.push(['All cohorts', pop.cohorts[0]?.startDate ?? '–', integer(pop.participants), ...(hasComp ? [integer(pop.comparison)] : [])]);
  out.push(
    doc.table({
      caption: 'Cohorts of the program',
      head: ['Cohort', 'Start date', 'Participants', ...(hasComp ? ['Comparison group'] : [])],
      align: ['n', 'n', 'r', 'r'],
      rows,
      rowClass: rows.map((_, i) => (i === rows.length - 1 ? 'total' : undefined)),
      notes: [
        'Start date: the earliest start date among the cohort’s mentees.',
        ...(hasComp
          ? [
              'Comparison group per cohort: people never in the program who were employed on the cohort’s start date; the same person can be in several cohorts’ comparison groups, so the total counts each person once.',
            ]
          : []),
      ],
    }),
  );

  // Who has measurements: the n behind every result.
  const mRows: Cell[][] = [];
  for (const m of MEASURED) {
    const o = result.outcomes[m.key];
    if (!o) {
      mRows.push([m.label, { html: '<span class="muted">not imported</span>' }, null, null]);
      continue;
    }
    mRows.push([
      m.label,
      isNum(o.beforeAfter.n) ? integer(o.beforeAfter.n) : doc.few,
      isNum(o.comparison.n1) && isNum(o.comparison.n2) ? `${integer(o.comparison.n1)} / ${integer(o.comparison.n2)}` : doc.few,
      isNum(o.did.n1) && isNum(o.did.n2) ? `${integer(o.did.n1)} / ${integer(o.did.n2)}` : doc.few,
    ]);
  }
  const r = result.outcomes.retention;
  mRows.push([
    'Retention (12 months of follow-up)',
    { html: '<span class="muted">—</span>' },
    r ? (isNum(r.rate12m.n1) && isNum(r.rate12m.n2) ? `${integer(r.rate12m.n1)} / ${integer(r.rate12m.n2)}` : doc.few) : { html: '<span class="muted">not imported</span>' },
    { html: '<span class="muted">—</span>' },
  ]);
  out.push('<h2>Who is measured</h2>');
  out.push(
    p(
      `Not everyone has every measurement. A measurement counts as “before” when it is the latest in the ${cfg.preDays} days before the index date, and as “after” when it is the earliest ${cfg.postStartDays}–${cfg.postEndDays} days after it.`,
    ),
  );
  out.push(
    doc.table({
      caption: 'People behind each result',
      head: ['Outcome', 'Participants with before and after', 'With an after value (participants / comparison)', 'With before and after (participants / comparison)'],
      align: ['l', 'r', 'r', 'r'],
      rows: mRows,
    }),
  );
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// 3. Before and after

async function beforeAfter(doc: Doc): Promise<string> {
  const { result, cfg } = doc;
  const out: string[] = [];
  out.push(
    p(
      `For each participant, the latest measurement in the ${cfg.preDays} days before their start is compared with the earliest one ${cfg.postStartDays}–${cfg.postEndDays} days after it (several on the same day count as their mean). Only participants with both are included. This compares participants with themselves; the next section compares them with colleagues over the same time.`,
    ),
  );
  const rows: Cell[][] = [];
  const caveats: string[] = [];
  for (const m of MEASURED) {
    const h2 = `<h2>${esc(m.label)}</h2>`;
    const o = result.outcomes[m.key];
    if (!o) {
      out.push(keep(h2, doc.missing(m.missing.report)));
      rows.push([m.label, { html: '<span class="muted">not imported</span>' }, null, null, null, null, null, null, null]);
      continue;
    }
    const groups: BeforeAfterRow[] = [{ label: 'All participants', result: o.beforeAfter }];
    for (const c of result.byCohort ?? []) groups.push({ label: c.cohort, result: c.outcomes[m.key]?.beforeAfter });
    const spec = buildBeforeAfterSpec(groups.length > 1 ? groups : o.beforeAfter, { ...doc.chartBase(), measure: m.what, unit: m.reportUnit(cfg) });
    out.push(keep(h2, await doc.figure(spec)));
    if (o.beforeAfter.finding) out.push(p(o.beforeAfter.finding));
    caveats.push(...(o.beforeAfter.caveats ?? []));
    const b = o.beforeAfter;
    rows.push(
      isShownPaired(b)
        ? [m.label, integer(b.n), fixed(b.meanBefore), fixed(b.meanAfter), signed(b.meanDiff), range(b.ciLow, b.ciHigh), `${fixed(b.t)} (${df(b.df)})`, pCell(b.p), fixed(b.cohenDz), pCell(b.wilcoxonP)]
        : [m.label, doc.few, ...few(doc, 8)],
    );
  }
  out.push('<h2>Summary of the before/after tests</h2>');
  out.push(
    doc.table({
      caption: 'Participants before and after joining (paired tests)',
      head: ['Outcome', 'n', 'Mean before', 'Mean after', 'Change', `${wholePercent(cfg.confidence)} CI`, 't (df)', 'p', 'Cohen’s dz', 'p (Wilcoxon)'],
      align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      rows,
      notes: ['Paired t-test on each participant’s after − before; Cohen’s dz = mean change / SD of the changes; Wilcoxon signed-rank test with continuity correction.'],
    }),
  );
  out.push(caveatList(unique(caveats)));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// 4. Participants and the comparison group, difference-in-differences

function twoGroupRow(doc: Doc, analysis: string, r: TwoGroup, signedMeans: boolean): Cell[] {
  if (!isShownTwo(r)) return [analysis, doc.few, doc.few, ...few(doc, 5)];
  const f = signedMeans ? signed : fixed;
  return [analysis, `${f(r.mean1)} (${integer(r.n1)})`, `${f(r.mean2)} (${integer(r.n2)})`, signed(r.diff), range(r.ciLow, r.ciHigh), pCell(r.p), fixed(r.hedgesG), pCell(r.mannWhitneyP)];
}

function cohortEffectCell(doc: Doc, r: TwoGroup | Proportion | null | undefined, inPoints: boolean): Cell {
  if (!r) return { html: '<span class="muted">no data</span>' };
  if (r.suppressed || !isNum(r.diff)) return doc.few;
  return inPoints ? `${points(r.diff)} (${rangePoints(r.ciLow, r.ciHigh)})` : `${signed(r.diff)} (${range(r.ciLow, r.ciHigh)})`;
}

async function comparison(doc: Doc): Promise<string> {
  const { result, cfg } = doc;
  const out: string[] = [];
  out.push(
    p(
      'Two comparisons with colleagues who never took part. First, each group’s level after the start. Second, how much each group changed from before to after the start: the difference between the two changes (difference-in-differences) is the report’s main estimate, because differences between the groups that stay the same over time cancel out.',
    ),
  );
  const rows: Cell[][] = [];
  const rowClass: (string | undefined)[] = [];
  const caveats: string[] = [];
  for (const m of MEASURED) {
    const h2 = `<h2>${esc(m.label)}</h2>`;
    const o: MeasuredOutcome | null = result.outcomes[m.key];
    if (!o) {
      out.push(keep(h2, doc.missing(m.missing.report)));
      continue;
    }
    out.push(keep(h2, await doc.figure(buildDidSpec(o, { ...doc.chartBase(), measure: m.what, unit: m.reportUnit(cfg) }))));
    const lines = [o.did.finding, o.comparison.finding].filter((x): x is string => !!x);
    out.push(`<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`);
    caveats.push(...(o.did.caveats ?? []), ...(o.comparison.caveats ?? []));
    rows.push([{ html: esc(m.label), span: 8 }]);
    rowClass.push('group');
    rows.push(twoGroupRow(doc, 'Mean after the start', o.comparison, false));
    rows.push(twoGroupRow(doc, 'Mean change (DiD)', o.did, true));
    rowClass.push(undefined, undefined);
  }
  if (rows.length) {
    out.push(
      doc.table({
        caption: 'Participants against the comparison group (Welch two-sample t-tests)',
        head: ['', 'Participants (n)', 'Comparison group (n)', 'Difference', `${wholePercent(cfg.confidence)} CI`, 'p', 'Hedges’ g', 'p (Mann–Whitney)'],
        align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
        rows,
        rowClass,
        notes: [
          'Mean after the start: the after values. Mean change: after − before, for people with both; the difference of the two mean changes is the difference-in-differences (DiD). Difference = participants − comparison group.',
        ],
      }),
    );
  }

  const cohorts = result.byCohort ?? [];
  if (cohorts.length > 1) {
    const intro = p(
      'Each cohort against the people never in the program who were employed on its start date. Cohorts are smaller than the whole program, so their intervals are wider; differences between cohorts can be chance.',
    );
    const metric = MEASURED_BY_SUMMARY.find((m) => result.outcomes[m.key])?.did ?? (result.outcomes.retention ? 'retention12m' : null);
    out.push(keep('<h2>By cohort</h2>', intro, metric ? await doc.figure(buildCohortBarsSpec(cohorts, { ...doc.chartBase(400), metric })) : ''));
    out.push(
      doc.table({
        caption: `Results by cohort: difference with its ${wholePercent(cfg.confidence)} CI`,
        head: ['Cohort', 'Start date', 'Participants', ...MEASURED_BY_SUMMARY.map((m) => `${m.name} (DiD)`), '12-month retention'],
        align: ['n', 'n', 'r', 'r', 'r', 'r'],
        rows: cohorts.map((c) => [
          c.cohort,
          c.startDate,
          integer(c.participants),
          ...MEASURED_BY_SUMMARY.map((m) => cohortEffectCell(doc, c.outcomes[m.key]?.did, false)),
          cohortEffectCell(doc, c.outcomes.retention?.rate12m, true),
        ]),
        notes: [`DiD: difference-in-differences. Retention: participants − comparison group, in percentage points. “${esc(doc.fewText)}”: not shown to protect privacy.`],
      }),
    );
  }
  out.push(caveatList(unique(caveats)));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// 5. Retention

async function retention(doc: Doc): Promise<string> {
  const { result, cfg } = doc;
  const r = result.outcomes.retention;
  const out: string[] = [];
  const asOf = doc.asOfDate();
  out.push(
    p(
      `Time from the index date to leaving the organisation (any termination), or to the date of the HRIS export${asOf ? ` (${longDate(asOf)})` : ''} for people still employed. The Kaplan–Meier estimate of the share still employed uses everyone, including people followed for less than the full period.`,
    ),
  );
  if (!r) {
    out.push(doc.missing(OUTCOMES.retention.missing.report));
    return out.join('\n');
  }
  out.push(await doc.figure(buildKaplanMeierSpec(r as KaplanMeierInput, doc.chartBase())));

  const pc = wholePercent(cfg.confidence);
  const rows: Cell[][] = cfg.horizonsDays.map((days, i) => {
    const a = r.km.participants[i];
    const b = r.km.comparison[i];
    const cell = (k: typeof a): Cell[] => {
      // Withheld: the group is small, or fewer than minGroupSize are still at risk (none included).
      if (!k || k.suppressed || !isNum(k.atRisk)) return [doc.few, doc.few];
      if (!isNum(k.survival)) return [{ html: '<span class="muted">not available</span>' }, integer(k.atRisk)];
      return [`${percent(k.survival)} (${range(k.lower, k.upper, (x) => percent(x))})`, integer(k.atRisk)];
    };
    return [`${integer(days)} days (${fixed(days / 30.4375, 0)} months)`, ...cell(a), ...cell(b)];
  });
  out.push(
    doc.table({
      caption: `Share still employed (Kaplan–Meier, ${pc} CI) and number still at risk`,
      head: ['Time since start', 'Participants', 'At risk', 'Comparison group', 'At risk'],
      align: ['l', 'r', 'r', 'r', 'r'],
      rows,
    }),
  );
  const lr = r.logrank;
  if (isNum(lr.p)) {
    out.push(
      p(
        `Log-rank test of the two curves over the whole follow-up: χ² = ${fixed(lr.chisq)}, df = ${df(lr.df)}, ${pText(lr.p)}. ${lr.p < 1 - cfg.confidence ? 'The curves differ clearly.' : `Over the whole follow-up, the curves do not differ clearly (p ≥ ${fixed(1 - cfg.confidence)}).`}`,
      ),
    );
  }

  out.push('<h2>12-month retention</h2>');
  const x = r.rate12m;
  out.push(
    p(
      'Among people whose index date is at least a year before the export date: the share not terminated within 365 days of it (someone who left on day 365 or earlier counts as left).',
    ),
  );
  if (x.finding) out.push(p(x.finding));
  out.push(
    doc.table({
      caption: '12-month retention, participants against the comparison group',
      head: ['Group', 'People followed 12 months', 'Still employed', 'Retention'],
      align: ['l', 'r', 'r', 'r'],
      rows: isShownProp(x)
        ? [
            ['Participants', integer(x.n1), integer(x.k1), percent(x.p1)],
            ['Comparison group', integer(x.n2), integer(x.k2), percent(x.p2)],
            ['Difference', '', '', { html: `${esc(points(x.diff))}` }],
          ]
        : [
            ['Participants', doc.few, doc.few, doc.few],
            ['Comparison group', doc.few, doc.few, doc.few],
          ],
      rowClass: isShownProp(x) ? [undefined, undefined, 'total'] : undefined,
      notes: isShownProp(x) ? [`${pc} CI of the difference ${esc(rangePoints(x.ciLow, x.ciHigh))} points; χ² = ${esc(fixed(x.chisq))} (1 df), ${esc(pText(x.p))} (test of two proportions without continuity correction).`] : [],
    }),
  );
  out.push(caveatList(x.caveats));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// 6. Survey items

async function survey(doc: Doc): Promise<string> {
  const { result, cfg } = doc;
  const items: LikertItem[] = result.likert ?? [];
  const out: string[] = [];
  if (!result.outcomes.survey || !items.length) {
    out.push(doc.missing(OUTCOMES.survey.missing.report));
    return out.join('\n');
  }
  const reversed = items.filter((i) => i.reversed).map((i) => i.item);
  out.push(
    p(
      `The answers to each survey item, their share in the two most favourable levels (top-2-box), and participants’ answers before and after joining (same windows as above). ${
        reversed.length ? `Negatively worded items (${reversed.join(', ')}) are reverse-coded: the chart flips them so that right is always favourable, and their means use the reversed score. ` : ''
      }Items are tested one by one, so their p-values are adjusted for the number of items (Holm).`,
    ),
  );
  // Thousands of items: the chart draws those with most answers, the table below lists every one.
  const charted = mostAnsweredItems(items);
  if (charted.length < items.length) out.push(p(`The chart shows the ${integer(charted.length)} items with most answers; the table lists all ${integer(items.length)}.`));
  out.push(await doc.figure(compact(buildLikertSpec(charted, { ...doc.chartBase(440), period: 'beforeAfter' }), 34)));
  const rows: Cell[][] = items.map((it) => {
    const label = it.reversed ? `${it.item} (reversed)` : it.item;
    if (it.suppressed) return [label, ...few(doc, 6)];
    const a = it.all;
    const ba = it.beforeAfter;
    const all: Cell[] = a.suppressed || !isNum(a.n) ? [doc.few, doc.few, doc.few] : [integer(a.n), fixed(a.mean), percent(a.top2Box, 0)];
    const change: Cell[] = isShownPaired(ba)
      ? [`${fixed(ba.meanBefore)} → ${fixed(ba.meanAfter)} (${integer(ba.n)})`, `${signed(ba.meanDiff)} (${range(ba.ciLow, ba.ciHigh)})`, pCell(it.pHolm)]
      : [doc.few, doc.few, doc.few];
    return [label, ...all, ...change];
  });
  out.push(
    doc.table({
      caption: 'Survey items',
      head: ['Item', 'Answers', 'Mean', 'Top-2-box', 'Participants before → after (n)', `Change (${wholePercent(cfg.confidence)} CI)`, 'p (Holm)'],
      align: ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
      rows,
      long: rows.length > 14,
      notes: [
        `Answers, mean and top-2-box: every answer of participants and the comparison group, on the ${cfg.survey.scaleMin}–${cfg.survey.scaleMax} scale where higher is better. Change: paired t-test of participants’ item score; p adjusted across items by Holm’s method.`,
      ],
    }),
  );
  out.push(caveatList(unique(items.flatMap((i) => i.caveats ?? []))));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// 7. Segments

async function segments(doc: Doc): Promise<string> {
  const { result, cfg } = doc;
  const list: SegmentBreakdown[] = result.segments ?? [];
  const out: string[] = [];
  if (!list.length) {
    out.push(doc.missing('No group attribute (such as department) was available in the imported people data, so this report has no results by group.'));
    return out.join('\n');
  }
  out.push(
    p(
      `The main results within groups of people, by ${list.map((s) => s.attribute).join(' and by ')}. Groups are smaller than the whole program, so their intervals are wider; and with many groups, some will look different by chance.`,
    ),
  );
  for (const b of list) {
    const h2 = `<h2>By ${esc(b.attribute)}</h2>`;
    const metric: 'retention12m' | DidMetric | null = result.outcomes.retention ? 'retention12m' : (MEASURED_BY_SUMMARY.find((m) => result.outcomes[m.key])?.did ?? null);
    const attr = b.attribute[0]!.toUpperCase() + b.attribute.slice(1);
    out.push(
      metric && b.groups.some((g) => !g.suppressed)
        ? keep(h2, await doc.figure(buildCohortBarsSpec(segmentBars(b, metric, cfg.minGroupSize), { ...doc.chartBase(400), metric, groupTitle: attr })))
        : h2,
    );
    const rows: Cell[][] = b.groups.map((g) => {
      const label = g.value ?? 'Not recorded';
      if (g.suppressed) return [label, ...few(doc, 3 + MEASURED.length)];
      return [
        label,
        isNum(g.participants) ? integer(g.participants) : doc.few,
        isNum(g.comparison) ? integer(g.comparison) : doc.few,
        cohortEffectCell(doc, g.rate12m, true),
        ...MEASURED_BY_SUMMARY.map((m) => cohortEffectCell(doc, g[m.did], false)),
      ];
    });
    out.push(
      doc.table({
        caption: `Results by ${b.attribute}: difference with its ${wholePercent(cfg.confidence)} CI`,
        head: [attr, 'Participants', 'Comparison group', '12-month retention', ...MEASURED_BY_SUMMARY.map((m) => `${m.name} (DiD)`)],
        align: ['l', 'r', 'r', 'r', 'r', 'r'],
        rows,
        long: rows.length > 12,
        notes: [
          `Retention in percentage points, participants − comparison group; DiD: difference-in-differences. “${esc(doc.fewText)}”: a group of fewer than ${cfg.minGroupSize} people, or one withheld so that such a group cannot be worked out from the other figures.`,
        ],
      }),
    );
  }
  out.push(caveatList(unique(list.flatMap((s) => s.caveats ?? []))));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Appendix: methods and caveats

async function methods(doc: Doc): Promise<string> {
  const { result, cfg } = doc;
  const out: string[] = [];
  const pc = wholePercent(cfg.confidence);
  const asOf = doc.asOfDate();
  const defs: [string, string][] = [
    ['Participants', `Employees with a roster row of role “mentee”${cfg.cohorts.length ? ` in the cohorts ${cfg.cohorts.join(', ')}` : ' in any cohort'}. Mentors are in neither group.`],
    ['Index date', 'A participant’s start date in the program (the earliest, for someone in several cohorts). A comparison person’s: the earliest cohort start at which they were employed.'],
    ['Cohort start', 'The earliest start date among the cohort’s mentees.'],
    ['Comparison group', 'People never in the roster who were employed (hired on or before, and not terminated by) at least one cohort start. People employed at none are left out.'],
    ['Before', `The latest measurement in the ${cfg.preDays} days before the index date (days −${cfg.preDays} to −1).`],
    ['After', `The earliest measurement ${cfg.postStartDays} to ${cfg.postEndDays} days after the index date. Several measurements on that day count as their mean.`],
    [
      'Survey score',
      `The mean of a response’s item scores on the ${cfg.survey.scaleMin}–${cfg.survey.scaleMax} scale${
        cfg.survey.reverseItems.length ? `; reverse-coded items (${cfg.survey.reverseItems.join(', ')}) are flipped as s′\u00a0=\u00a0${cfg.survey.scaleMin + cfg.survey.scaleMax}\u00a0−\u00a0s` : ''
      }.`,
    ],
    ['Retention', `Days from the index date to termination (an event) or to the export date${asOf ? ` ${asOf}` : ''} (censored). Survival read at ${cfg.horizonsDays.join(', ')} days.`],
    ['12-month retention', 'Among people whose index date is at least 365 days before the export date: the share not terminated within 365 days of it.'],
    ['Confidence', `${pc} confidence intervals; a result is called clear when its interval excludes zero.`],
    ['Privacy', `Any group or cell with fewer than ${cfg.minGroupSize} people is not shown (“${doc.fewText}”), everywhere: screen, exports and this report.`],
    ['Filters', Object.keys(cfg.filters).length ? Object.entries(cfg.filters).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; ') : 'None: everyone in the data.'],
    ['Date range', rangeWords(cfg) ? `Index dates ${rangeWords(cfg)}: cohorts that started outside it are left out; each cohort that started in it counts whole, with all its mentees; comparison people are indexed at the earliest cohort start in the range at which they were employed.` : 'None: every cohort start.'],
    ['Groups', cfg.segmentBy?.length ? `Results by ${cfg.segmentBy.join(', ')}.` : 'None.'],
  ];
  out.push('<h2>Definitions and settings</h2>');
  out.push(doc.table({ caption: 'Definitions and the settings used', head: ['Term', 'Definition'], rows: defs.map(([k, v]) => [k, v]), className: 'defs', long: true }));

  out.push('<h2>Statistical methods</h2>');
  out.push(
    p(
      'Every number matches the R function named beside it (to a relative 1e-6); anyone with the same data can reproduce it. x and y are the participants’ and the comparison group’s values; before and after are paired per participant.',
    ),
  );
  const code = (s: string) => ({ html: `<code>${esc(s)}</code>` });
  const conf = cfg.confidence === 0.95 ? '' : `, conf.level = ${cfg.confidence}`;
  const mRows: Cell[][] = [
    ['Before/after', 'Paired t-test on after − before, with its confidence interval; Cohen’s dz = mean / SD of the differences.', code(`t.test(after, before, paired = TRUE${conf})`)],
    ['', 'Wilcoxon signed-rank test, normal approximation with continuity correction.', code('wilcox.test(after, before, paired = TRUE, exact = FALSE, correct = TRUE)')],
    ['Participants vs comparison', 'Welch two-sample t-test on the after values; Hedges’ g (pooled SD, small-sample factor 1 − 3/(4(n1 + n2) − 9)).', code(`t.test(x, y${conf})`)],
    ['', 'Mann–Whitney (Wilcoxon rank-sum) test.', code('wilcox.test(x, y, exact = FALSE, correct = TRUE)')],
    ['Difference-in-differences', 'Welch two-sample t-test on the change scores (after − before) of participants against the comparison group.', code(`t.test(after_x - before_x, after_y - before_y${conf})`)],
    ['Retention curves', 'Kaplan–Meier estimate per group with log-type confidence intervals, read at the horizons.', code(`summary(survfit(Surv(time, event) ~ group), times = c(${cfg.horizonsDays.join(', ')}))`)],
    ['', 'Log-rank test of the two curves.', code('survdiff(Surv(time, event) ~ group)')],
    ['12-month retention', 'Test of two proportions without continuity correction, with the confidence interval of the difference.', code(`prop.test(c(k1, k2), c(n1, n2), correct = FALSE${conf})`)],
    ['Survey items', 'Paired t-test and Wilcoxon test per item; p-values adjusted across items.', code('p.adjust(p, method = "holm")')],
  ];
  out.push(doc.table({ caption: 'Methods and their R equivalents', head: ['Analysis', 'Method', 'R equivalent'], rows: mRows, long: true }));

  out.push('<h2>Caveats</h2>');
  const o = result.outcomes;
  const all = unique([
    ...MEASURED.map((m) => o[m.key]).flatMap((m) => (m ? [...(m.beforeAfter.caveats ?? []), ...(m.comparison.caveats ?? []), ...(m.did.caveats ?? [])] : [])),
    ...(o.retention?.rate12m.caveats ?? []),
    ...(result.segments ?? []).flatMap((s) => s.caveats ?? []),
  ]);
  out.push(
    `<ul>${[
      ...(all.length ? all : ['Participants were not randomly assigned: they chose to join (or were chosen), so this report shows associations, not proof that the program caused them.']),
      'Results rest on the data as exported: rows that could not be read are listed in Appendix “Data sources” and left out.',
    ]
      .map((c) => `<li>${esc(c)}</li>`)
      .join('')}</ul>`,
  );
  const withheld = (result.byCohort ?? []).flatMap((c) => c.caveats ?? []).find((c) => c.startsWith('Results withheld'));
  if (withheld) out.push(doc.note(`<strong>Privacy.</strong> ${esc(withheld)}`));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Appendix: data sources

const KIND_NAMES: Record<string, string> = { people: 'People (HRIS)', roster: 'Program roster', survey: 'Survey responses', performance: 'Performance reviews' };

async function sources(doc: Doc): Promise<string> {
  const { meta } = doc;
  const out: string[] = [];
  const list = meta.dataSources;
  if (!list.length) {
    out.push(doc.missing('No data has been imported into this project.'));
    return out.join('\n');
  }
  out.push(
    p(
      'The files imported into the project, in import order. The SHA-256 fingerprint identifies each file exactly: anyone holding a file can check that this report was made from it (for example with sha256sum). Rejected rows could not be read (a missing ID, a date that is not a date…); the project keeps their line numbers and reasons.',
    ),
  );
  out.push(
    doc.table({
      caption: 'Imported files',
      head: ['#', 'Data', 'File and SHA-256', 'Imported', 'Rows read', 'Loaded', 'Rejected'],
      align: ['r', 'l', 'l', 'n', 'r', 'r', 'r'],
      rows: list.map((d) => [
        String(d.importId),
        { html: `${esc(KIND_NAMES[d.kind] ?? d.kind)}${d.asOfDate ? `<div class="small muted nowrap">as of ${esc(d.asOfDate)}</div>` : ''}` },
        { html: `${esc(d.fileName)}<div class="hash">${esc(d.sha256)}</div>` },
        d.importedAt.slice(0, 16),
        integer(d.rowsRead),
        integer(d.rowsLoaded),
        integer(d.rowsRejected),
      ]),
      long: list.length > 8,
    }),
  );
  out.push(p(`Report generated on ${longDate(meta.generatedAt)} by ${meta.software ?? 'Mentor Impact'}.`));
  return out.join('\n');
}

export const SECTION_BUILDERS: Record<ReportSection, (doc: Doc) => Promise<string>> = {
  summary,
  population,
  beforeAfter,
  comparison,
  retention,
  survey,
  segments,
  methods,
  sources,
};
