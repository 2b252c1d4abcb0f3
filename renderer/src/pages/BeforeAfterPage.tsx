/**
 * Before/after: for each measured outcome, participants' mean before → after (paired),
 * then the same change against the comparison group (difference-in-differences) and
 * the groups' means after the start — with the statistics table, the words and caveats.
 */
import type { AnalysisResult, MeasuredOutcome } from '../../../shared/analysis';
import { buildBeforeAfterSpec } from '../../../shared/charts/beforeAfter';
import { buildDidSpec } from '../../../shared/charts/did';
import { buildGroupMeansSpec } from '../../../shared/charts/groupMeans';
import { AnalysisGate } from '../components/AnalysisGate';
import { EmptyState } from '../components/EmptyState';
import { Caveats, HowComputed } from '../components/HowComputed';
import { StatTable } from '../components/StatTable';
import { ChartCard } from '../charts/ChartCard';
import { goTo } from '../router';
import { MEASURED, measureChart } from '../../../shared/outcomes';
import type { MeasuredDeclaration } from '../../../shared/outcomes';
import { pairedColumns, pairedRow, twoGroupTable } from './resultCells';

export function BeforeAfterPage() {
  return <AnalysisGate needs={['measures']}>{(result) => <BeforeAfter result={result} />}</AnalysisGate>;
}

function BeforeAfter({ result }: { result: AnalysisResult }) {
  return (
    <div className="stack">
      {MEASURED.map((m) => {
        const outcome = result.outcomes[m.key];
        return outcome ? (
          <MeasureSection key={m.key} info={m} outcome={outcome} result={result} />
        ) : (
          <EmptyState
            key={m.key}
            title={`No ${m.what} data`}
            actions={
              <button type="button" className="btn" onClick={() => goTo('import')}>
                {m.missing.action}
              </button>
            }
          >
            Import {m.content} to compare participants&rsquo; {m.what} before and after they joined.
          </EmptyState>
        );
      })}
    </div>
  );
}

function MeasureSection({ info, outcome, result }: { info: MeasuredDeclaration; outcome: MeasuredOutcome; result: AnalysisResult }) {
  const config = result.config;
  const chartConfig = { minGroupSize: config.minGroupSize, confidence: config.confidence };
  const opts = measureChart(info, config);
  const scaleDomain = info.domain(config);
  const ba = outcome.beforeAfter;
  return (
    <section className="card section-card" aria-labelledby={`sec-${info.key}`} data-testid={`section-${info.key}`}>
      <h2 id={`sec-${info.key}`} className="section-heading">
        {info.label}
      </h2>
      {ba.finding && <p className="lead">{ba.finding}</p>}

      <h3 className="block-title">Participants before and after they joined</h3>
      <div className="chart-row">
        <ChartCard name={`${info.key}-before-after`} config={chartConfig} overhead={140} build={(o) => buildBeforeAfterSpec(ba, { ...o, ...opts, domain: scaleDomain })} />
      </div>
      <StatTable caption={`${info.label}: participants before vs after (paired t-test)`} columns={pairedColumns(config)} rows={[pairedRow('Participants', ba, config)]} testId={`paired-${info.key}`} />
      <Caveats caveats={ba.caveats} />

      <h3 className="block-title">Against colleagues who did not take part</h3>
      {outcome.did.finding && <p>{outcome.did.finding}</p>}
      <div className="chart-grid">
        <ChartCard name={`${info.key}-difference-in-differences`} config={chartConfig} overhead={150} build={(o) => buildDidSpec(outcome, { ...o, ...opts })} />
        <ChartCard name={`${info.key}-group-means`} config={chartConfig} overhead={190} build={(o) => buildGroupMeansSpec(outcome.comparison, { ...o, ...opts })} />
      </div>
      <StatTable
        caption={`${info.label}: participants against the comparison group (Welch t-test)`}
        fit
        {...twoGroupTable(
          [
            { label: 'Change since before (difference-in-differences)', result: outcome.did, signedMeans: true },
            { label: 'Level after the start', result: outcome.comparison },
          ],
          config,
        )}
      />
      {outcome.comparison.finding && <p className="muted">{outcome.comparison.finding}</p>}
      <Caveats caveats={[...(outcome.did.caveats ?? []), ...(outcome.comparison.caveats ?? [])]} />
      <HowComputed
        items={[
          { title: 'Before and after', method: ba.method, caveats: ba.caveats },
          { title: 'Difference-in-differences', method: outcome.did.method, caveats: outcome.did.caveats },
          { title: 'After the start, both groups', method: outcome.comparison.method, caveats: outcome.comparison.caveats },
        ]}
      />
    </section>
  );
}
