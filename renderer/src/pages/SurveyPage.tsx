/**
 * Survey items: diverging stacked bars per item (before and after for participants, or
 * every answer), and per item the mean, the top-2-box share, the before → after change
 * and its Holm-adjusted p-value.
 */
import { useState } from 'react';
import type { AnalysisResult, LikertItem } from '../../../shared/analysis';
import { buildLikertSpec, mostAnsweredItems } from '../../../shared/charts/likert';
import type { LikertPeriod } from '../../../shared/charts/likert';
import { wholePercent } from '../../../shared/format';
import { AnalysisGate } from '../components/AnalysisGate';
import { Caveats, HowComputed } from '../components/HowComputed';
import { Few, StatTable } from '../components/StatTable';
import { ChartCard } from '../charts/ChartCard';
import { effectCell, int, num, pct, pv } from './resultCells';

export function SurveyPage() {
  return <AnalysisGate needs={['survey']}>{(result) => <Survey result={result} />}</AnalysisGate>;
}

const PERIODS: { value: LikertPeriod; label: string }[] = [
  { value: 'beforeAfter', label: 'Participants, before vs after' },
  { value: 'all', label: 'Every answer' },
];

function Survey({ result }: { result: AnalysisResult }) {
  const [period, setPeriod] = useState<LikertPeriod>('beforeAfter');
  const config = result.config;
  const chartConfig = { minGroupSize: config.minGroupSize, confidence: config.confidence };
  const items = result.likert;
  const min = config.minGroupSize;

  if (!items || !items.length) {
    return <p className="callout">The survey responses have no item scores to break down. Import the survey with one row per answer (item, score) or one column per item.</p>;
  }
  const hidden = (it: LikertItem, d: LikertItem['before']) => it.suppressed || d.suppressed;
  const first = items[0]!;
  const clear = items.filter((it) => !it.suppressed && it.pHolm !== null && it.pHolm < 0.05 && (it.beforeAfter.meanDiff ?? 0) !== 0);

  return (
    <div className="stack">
      <section className="card chart-section" aria-labelledby="likert-heading">
        <div className="section-head">
          <h2 id="likert-heading">Answers per item</h2>
          <div className="segmented" role="radiogroup" aria-label="Which answers">
            {PERIODS.map((p) => (
              <label key={p.value} className={period === p.value ? 'is-on' : undefined}>
                <input type="radio" name="likert-period" value={p.value} checked={period === p.value} onChange={() => setPeriod(p.value)} />
                {p.label}
              </label>
            ))}
          </div>
        </div>
        <p className="muted">
          {clear.length
            ? `${clear.length} of ${items.length} items changed clearly for participants after they joined (Holm-adjusted p below 0.05).`
            : `No item changed clearly for participants after they joined (Holm-adjusted p below 0.05).`}
        </p>
        <ChartCard name={`survey-items-${period}`} config={chartConfig} overhead={300} maxPlotWidth={640} build={(o) => buildLikertSpec(mostAnsweredItems(items), { ...o, period })} />
      </section>

      <section className="card" aria-labelledby="items-heading">
        <h2 id="items-heading">Item by item</h2>
        <StatTable
          caption="Survey items: participants before vs after, and every answer"
          testId="survey-items-table"
          columns={[
            { title: 'Item' },
            { title: 'n before / after', numeric: true },
            { title: 'Mean before', numeric: true },
            { title: 'Mean after', numeric: true },
            { title: `Change (${wholePercent(config.confidence)} CI)`, numeric: true },
            { title: 'Holm p', numeric: true },
            { title: 'Top-2-box before', numeric: true },
            { title: 'Top-2-box after', numeric: true },
            { title: 'Top-2-box, every answer', numeric: true },
            { title: 'Mean, every answer', numeric: true },
          ]}
          rows={items.map((it) => [
            <>
              {it.item}
              {it.reversed && <span className="tag tag-muted">reversed</span>}
            </>,
            hidden(it, it.before) || hidden(it, it.after) ? <Few min={min} /> : (
              <>
                {int(it.before.n)} / {int(it.after.n)}
              </>
            ),
            hidden(it, it.before) ? <Few min={min} /> : num(it.before.mean),
            hidden(it, it.after) ? <Few min={min} /> : num(it.after.mean),
            effectCell(it.beforeAfter, config),
            pv(it.pHolm),
            hidden(it, it.before) ? <Few min={min} /> : pct(it.before.top2Box),
            hidden(it, it.after) ? <Few min={min} /> : pct(it.after.top2Box),
            hidden(it, it.all) ? <Few min={min} /> : pct(it.all.top2Box),
            hidden(it, it.all) ? <Few min={min} /> : num(it.all.mean),
          ])}
        />
        <p className="muted">Means and top-2-box shares are on the scale where higher is better: reversed (negatively worded) items are flipped first.</p>
        <Caveats caveats={first.beforeAfter.caveats} />
      </section>

      <HowComputed items={[{ title: 'Survey items', method: first.method, caveats: first.caveats }, { title: 'Before vs after, per item', method: first.beforeAfter.method, caveats: first.beforeAfter.caveats }]} />
    </div>
  );
}
