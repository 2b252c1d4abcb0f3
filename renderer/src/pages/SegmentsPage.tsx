/**
 * Segments: the results broken down by a people attribute (department, job level,
 * location, …): bars with CI whiskers per value, and a table. A value with fewer than
 * minGroupSize people reads "fewer than N" everywhere.
 */
import { useState } from 'react';
import type { AnalysisResult, SegmentBreakdown } from '../../../shared/analysis';
import { buildCohortBarsSpec, segmentBars } from '../../../shared/charts/cohortBars';
import { AnalysisGate } from '../components/AnalysisGate';
import { HowComputed } from '../components/HowComputed';
import { Few, StatTable } from '../components/StatTable';
import { ChartCard } from '../charts/ChartCard';
import { useAnalysis } from '../analysis/AnalysisProvider';
import { attributeLabel } from '../analysis/filterModel';
import { effectCell, int } from './resultCells';
import { MEASURED, MEASURED_BY_SUMMARY } from '../../../shared/outcomes';
import type { DidMetric } from '../../../shared/outcomes';

export function SegmentsPage() {
  return <AnalysisGate>{(result) => <Segments result={result} />}</AnalysisGate>;
}

type SegmentMetric = 'retention12m' | DidMetric;

const METRICS: { metric: SegmentMetric; title: string; has(b: SegmentBreakdown): boolean }[] = [
  { metric: 'retention12m', title: '12-month retention', has: (b) => b.groups.some((g) => g.rate12m) },
  ...MEASURED.map((m) => ({ metric: m.did, title: `${m.name}, change vs comparison`, has: (b: SegmentBreakdown) => b.groups.some((g) => g[m.did]) })),
];

function Segments({ result }: { result: AnalysisResult }) {
  const { options } = useAnalysis();
  const offered = new Set(options?.attributes.map((a) => a.column) ?? []);
  const breakdowns = (result.segments ?? []).filter((s) => !options || offered.has(s.attribute) || (result.config.segmentBy ?? []).includes(s.attribute));
  const [chosen, setChosen] = useState<string | null>(null);
  const breakdown = breakdowns.find((b) => b.attribute === chosen) ?? breakdowns[0];
  const config = result.config;
  const chartConfig = { minGroupSize: config.minGroupSize, confidence: config.confidence };
  const min = config.minGroupSize;

  if (!breakdown) {
    return (
      <p className="callout">
        The HRIS export has no attribute to break the results down by. Import one with columns such as department, job level or location (any extra column is kept as
        an attribute).
      </p>
    );
  }
  const label = options?.attributes.find((a) => a.column === breakdown.attribute)?.label ?? attributeLabel(breakdown.attribute);
  const metrics = METRICS.filter((m) => m.has(breakdown));
  const hiddenCount = breakdown.groups.filter((g) => g.suppressed).length;
  const example = breakdown.groups.find((g) => !g.suppressed);
  const didExample = MEASURED_BY_SUMMARY.map((m) => example?.[m.did]).find((d) => d);

  return (
    <div className="stack">
      <section className="card" aria-labelledby="segment-heading">
        <div className="section-head">
          <h2 id="segment-heading">Results by {label.toLowerCase()}</h2>
          <label className="inline-field">
            <span>Break down by</span>
            <select value={breakdown.attribute} onChange={(e) => setChosen(e.target.value)} data-testid="segment-attribute">
              {breakdowns.map((b) => (
                <option key={b.attribute} value={b.attribute}>
                  {options?.attributes.find((a) => a.column === b.attribute)?.label ?? attributeLabel(b.attribute)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted">
          In each {label.toLowerCase()}, participants are compared with colleagues of the same {label.toLowerCase()} who did not take part.
          {hiddenCount > 0 && ` ${hiddenCount} ${hiddenCount === 1 ? 'value has' : 'values have'} fewer than ${min} people and ${hiddenCount === 1 ? 'is' : 'are'} not shown.`}
        </p>
        <StatTable
          caption={`Results by ${label.toLowerCase()}`}
          testId="segment-table"
          columns={[
            { title: label },
            { title: 'Participants', numeric: true },
            { title: 'Comparison', numeric: true },
            { title: '12-month retention (CI)', numeric: true },
            ...MEASURED.map((m) => ({ title: `${m.short}, change vs comparison (CI)`, numeric: true })),
          ]}
          rows={breakdown.groups.map((g) =>
            g.suppressed
              ? [g.value ?? 'Not recorded', ...Array.from({ length: 3 + MEASURED.length }, (_, i) => <Few key={i} min={min} />)]
              : [g.value ?? 'Not recorded', int(g.participants), int(g.comparison), effectCell(g.rate12m, config, true), ...MEASURED.map((m) => effectCell(g[m.did], config))],
          )}
        />
      </section>
      <div className="chart-stack">
        {metrics.map((m) => (
          <section key={`${breakdown.attribute}-${m.metric}`} className="card chart-section" aria-label={`${m.title} by ${label.toLowerCase()}`}>
            <ChartCard
              name={`segments-${breakdown.attribute}-${m.metric}`}
              config={chartConfig}
              overhead={340}
              build={(o) => buildCohortBarsSpec(segmentBars(breakdown, m.metric, min), { ...o, metric: m.metric, groupTitle: label })}
            />
          </section>
        ))}
      </div>
      <HowComputed
        items={[
          { title: `By ${label.toLowerCase()}`, method: breakdown.method, caveats: breakdown.caveats },
          { title: '12-month retention', method: example?.rate12m?.method, caveats: example?.rate12m?.caveats },
          { title: 'Change vs comparison', method: didExample?.method, caveats: didExample?.caveats },
        ]}
        extra={['Many segments mean many comparisons: one of twenty can look clear by chance. Treat a single clear segment as a question to follow up, not as a finding.']}
      />
    </div>
  );
}
