/**
 * Cohorts: each selected cohort against the comparison group of its own start date —
 * bars with CI whiskers per metric, and a table with every cohort's numbers.
 */
import type { AnalysisResult, CohortResult } from '../../../shared/analysis';
import { buildCohortBarsSpec } from '../../../shared/charts/cohortBars';
import type { CohortMetric } from '../../../shared/charts/cohortBars';
import { AnalysisGate } from '../components/AnalysisGate';
import { HowComputed } from '../components/HowComputed';
import { Few, StatTable } from '../components/StatTable';
import { ChartCard } from '../charts/ChartCard';
import { effectCell, int } from './resultCells';
import { MEASURED } from '../../../shared/outcomes';

export function CohortsPage() {
  return <AnalysisGate>{(result) => <Cohorts result={result} />}</AnalysisGate>;
}

const METRICS: { metric: CohortMetric; title: string; has(c: CohortResult): boolean }[] = [
  { metric: 'retention12m', title: '12-month retention', has: (c) => !!c.outcomes.retention },
  ...MEASURED.map((m) => ({ metric: m.did, title: `${m.name}, change vs comparison`, has: (c: CohortResult) => !!c.outcomes[m.key] })),
  ...MEASURED.map((m) => ({ metric: m.change, title: `Participants' ${m.what}, before → after`, has: (c: CohortResult) => !!c.outcomes[m.key] })),
];

function Cohorts({ result }: { result: AnalysisResult }) {
  const config = result.config;
  const chartConfig = { minGroupSize: config.minGroupSize, confidence: config.confidence };
  const cohorts = result.byCohort;
  const few = (n: number) => n > 0 && n < config.minGroupSize;

  if (!cohorts) {
    return (
      <div className="stack">
        <p className="callout">This engine does not break results down by cohort yet; the table lists the cohorts and their sizes.</p>
        <StatTable
          caption="Cohorts"
          columns={[{ title: 'Cohort' }, { title: 'Start date' }, { title: 'Participants', numeric: true }]}
          rows={result.population.cohorts.map((c) => [c.cohort, c.startDate, few(c.participants) ? <Few min={config.minGroupSize} /> : int(c.participants)])}
        />
      </div>
    );
  }

  const metrics = METRICS.filter((m) => cohorts.some(m.has));
  const first = cohorts[0];
  return (
    <div className="stack">
      <section className="card" aria-labelledby="cohort-table">
        <h2 id="cohort-table">Every cohort against its comparison group</h2>
        <p className="muted">
          Each cohort&rsquo;s mentees are compared with colleagues who never took part and were employed on that cohort&rsquo;s start date. Bold intervals exclude zero:
          a clear difference.
        </p>
        <StatTable
          caption="Results per cohort"
          testId="cohort-table"
          columns={[
            { title: 'Cohort' },
            { title: 'Start date' },
            { title: 'Participants', numeric: true },
            { title: 'Comparison', numeric: true },
            { title: '12-month retention (CI)', numeric: true },
            ...MEASURED.map((m) => ({ title: `${m.short}, change vs comparison (CI)`, numeric: true })),
          ]}
          rows={cohorts.map((c) => [
            c.cohort,
            c.startDate,
            few(c.participants) ? <Few min={config.minGroupSize} /> : int(c.participants),
            few(c.comparison) ? <Few min={config.minGroupSize} /> : int(c.comparison),
            effectCell(c.outcomes.retention?.rate12m, config, true),
            ...MEASURED.map((m) => effectCell(c.outcomes[m.key]?.did, config)),
          ])}
        />
      </section>
      <div className="chart-stack">
        {metrics.map((m) => (
          <section key={m.metric} className="card chart-section" aria-label={m.title}>
            <ChartCard name={`cohorts-${m.metric}`} config={chartConfig} overhead={320} build={(o) => buildCohortBarsSpec(cohorts, { ...o, metric: m.metric })} />
          </section>
        ))}
      </div>
      <HowComputed
        items={[
          { title: 'Cohorts', method: first?.method, caveats: first?.caveats },
          { title: '12-month retention', method: first?.outcomes.retention?.rate12m.method, caveats: first?.outcomes.retention?.rate12m.caveats },
          ...MEASURED.map((m) => ({ title: m.name, method: first?.outcomes[m.key]?.did.method, caveats: first?.outcomes[m.key]?.did.caveats })),
        ]}
        extra={['Small cohorts give wide intervals: compare cohorts by their intervals, not by their point estimates alone.']}
      />
    </div>
  );
}
