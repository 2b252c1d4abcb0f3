/**
 * Retention: Kaplan–Meier curves of participants and the comparison group (with CI bands
 * and numbers at risk), the 12-month retention rates and the log-rank test.
 */
import type { AnalysisResult, KmPoint, RetentionOutcome } from '../../../shared/analysis';
import { buildKaplanMeierSpec } from '../../../shared/charts/kaplanMeier';
import { ciText, fewerThan, fixed, integer, isNum, pText, percent, signed, wholePercent } from '../../../shared/format';
import { AnalysisGate } from '../components/AnalysisGate';
import { Caveats, HowComputed } from '../components/HowComputed';
import { Few, StatTable } from '../components/StatTable';
import { ChartCard } from '../charts/ChartCard';
import { ci, pct } from './resultCells';

export function RetentionPage() {
  return <AnalysisGate needs={['people']}>{(result) => (result.outcomes.retention ? <Retention result={result} retention={result.outcomes.retention} /> : <NoRetention />)}</AnalysisGate>;
}

function NoRetention() {
  return <p className="callout">Retention needs the HRIS export&rsquo;s hire and termination dates and its export (as-of) date.</p>;
}

function Stat({ label, value, detail, testId, tone }: { label: string; value: string; detail?: string; testId?: string; tone?: string }) {
  return (
    <div className={`stat-tile${tone ? ` stat-tile-${tone}` : ''}`}>
      <span className="stat-label">{label}</span>
      <span className="stat-value" data-testid={testId}>
        {value}
      </span>
      {detail && <span className="stat-detail">{detail}</span>}
    </div>
  );
}

function kmCell(p: KmPoint | undefined, min: number) {
  if (!p) return <span className="null-cell">—</span>;
  // Withheld: a small group, or fewer than `min` still at risk at this horizon.
  if (p.suppressed || !isNum(p.atRisk)) return <Few min={min} />;
  if (!isNum(p.survival)) return <span className="null-cell">—</span>;
  return (
    <>
      {percent(p.survival)} <span className="cell-ci">({isNum(p.lower) && isNum(p.upper) ? `${percent(p.lower)}–${percent(p.upper)}` : '–'})</span>
    </>
  );
}

const atRisk = (p: KmPoint | undefined, min: number) => (!p ? '—' : p.suppressed || !isNum(p.atRisk) ? fewerThan(min) : integer(p.atRisk));

function horizon(days: number): string {
  const months = days / (365.25 / 12);
  return Math.abs(months - Math.round(months)) < 0.1 ? `${Math.round(months)} months (${days} days)` : `${days} days`;
}

function Retention({ result, retention }: { result: AnalysisResult; retention: RetentionOutcome }) {
  const config = result.config;
  const chartConfig = { minGroupSize: config.minGroupSize, confidence: config.confidence };
  const rate = retention.rate12m;
  const lr = retention.logrank;
  const hidden = rate.suppressed || !isNum(rate.diff);
  const tone = !hidden && isNum(rate.ciLow) && isNum(rate.ciHigh) && (rate.ciLow > 0 || rate.ciHigh < 0) ? (rate.diff! > 0 ? 'good' : 'bad') : undefined;
  const days = [...new Set([...retention.km.participants, ...retention.km.comparison].map((p) => p.days))].sort((a, b) => a - b);

  return (
    <div className="stack">
      <section className="card" aria-labelledby="rate-heading">
        <h2 id="rate-heading">Still employed 12 months after the start</h2>
        <div className="stat-tiles">
          <Stat label="Participants" value={hidden ? fewerThan(config.minGroupSize) : percent(rate.p1)} detail={hidden ? undefined : `${integer(rate.k1)} of ${integer(rate.n1)}`} testId="rate-participants" />
          <Stat label="Comparison group" value={hidden ? fewerThan(config.minGroupSize) : percent(rate.p2)} detail={hidden ? undefined : `${integer(rate.k2)} of ${integer(rate.n2)}`} />
          <Stat
            label="Difference"
            value={hidden ? '–' : `${signed(rate.diff! * 100, 1)} points`}
            detail={hidden ? undefined : `${ciText(rate.ciLow, rate.ciHigh, config.confidence, (x) => signed(x * 100, 1))} · ${pText(rate.p)}`}
            tone={tone}
            testId="rate-difference"
          />
          <Stat label="Log-rank test (whole curves)" value={isNum(lr.p) ? pText(lr.p) : '–'} detail={isNum(lr.chisq) ? `χ² = ${fixed(lr.chisq)}, df = ${integer(lr.df)}` : undefined} />
        </div>
        {rate.finding && <p className="lead">{rate.finding}</p>}
        <Caveats caveats={rate.caveats} />
      </section>

      <section className="card chart-section" aria-label="Kaplan–Meier retention curves">
        <ChartCard name="retention-kaplan-meier" config={chartConfig} overhead={200} maxPlotWidth={820} build={(o) => buildKaplanMeierSpec(retention, o)} />
      </section>

      <section className="card" aria-labelledby="km-table">
        <h2 id="km-table">Share still employed at each horizon</h2>
        <StatTable
          caption={`Kaplan–Meier estimate with ${wholePercent(config.confidence)} CI, and the number still at risk`}
          columns={[{ title: 'Since the start' }, { title: 'Participants', numeric: true }, { title: 'At risk', numeric: true }, { title: 'Comparison group', numeric: true }, { title: 'At risk', numeric: true }]}
          rows={days.map((d) => {
            const p = retention.km.participants.find((x) => x.days === d);
            const c = retention.km.comparison.find((x) => x.days === d);
            return [horizon(d), kmCell(p, config.minGroupSize), atRisk(p, config.minGroupSize), kmCell(c, config.minGroupSize), atRisk(c, config.minGroupSize)];
          })}
        />
        <p className="muted">
          The 12-month rates above count only people who started at least a year before the export date; the curves use everyone, each followed until they left or
          until the export date. 12-month rate interval: {hidden ? '–' : ci(rate.ciLow, rate.ciHigh, 100, 1)} points; participants {pct(rate.p1)}, comparison {pct(rate.p2)}.
        </p>
      </section>

      <HowComputed
        items={[
          { title: '12-month retention', method: rate.method, caveats: rate.caveats },
          {
            title: 'Kaplan–Meier curves and log-rank test',
            method: `Time runs from each person's index date (participants: their start in the program; comparison: the start of the earliest cohort during which they were employed) to leaving, or to the export date for those still employed. The curves are Kaplan–Meier estimates with ${wholePercent(config.confidence)} log-type confidence intervals (as R survfit); the log-rank test (as R survdiff) asks whether the whole curves differ.`,
          },
        ]}
        extra={[`A curve stops where fewer than ${config.minGroupSize} people remain at risk, to protect privacy.`]}
      />
    </div>
  );
}
