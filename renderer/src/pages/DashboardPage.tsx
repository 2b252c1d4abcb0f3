/**
 * Dashboard: the four numbers a leader asks for — who took part, whether they stayed,
 * whether their performance and engagement changed more than their colleagues' — each
 * with its confidence interval, the engine's finding in words and a chart.
 */
import type { ReactNode } from 'react';
import type { AnalysisResult } from '../../../shared/analysis';
import { buildDidSpec } from '../../../shared/charts/did';
import { buildKaplanMeierSpec } from '../../../shared/charts/kaplanMeier';
import { AnalysisGate } from '../components/AnalysisGate';
import { HowComputed } from '../components/HowComputed';
import { ChartCard } from '../charts/ChartCard';
import { buildParticipantsSpec } from '../charts/participantsSpec';
import { didHeadline, participantsHeadline, retentionHeadline } from '../analysis/headlines';
import type { Headline } from '../analysis/headlines';
import { pageHref } from '../router';
import { MEASURES } from './measures';

export function DashboardPage() {
  return <AnalysisGate>{(result) => <Dashboard result={result} />}</AnalysisGate>;
}

function HeadlineCard({ id, label, headline: h, chart, more }: { id: string; label: string; headline: Headline; chart: ReactNode; more: { page: string; text: string } }) {
  return (
    <article className={`headline-card tone-${h.state === 'ok' ? h.tone : 'none'}`} aria-labelledby={`h-${id}`} data-testid={`card-${id}`}>
      <header className="headline-head">
        <h2 id={`h-${id}`} className="headline-label">
          {label}
        </h2>
        {h.verdict && <span className={`verdict verdict-${h.state === 'ok' ? h.tone : 'none'}`}>{h.verdict}</span>}
      </header>
      <p className="headline-number">
        <span className={`headline-value${h.state === 'ok' ? '' : ' headline-value-muted'}`} data-testid={`headline-${id}`}>
          {h.value}
        </span>{' '}
        {h.state === 'ok' && <span className="headline-unit">{h.unit}</span>}
      </p>
      {h.detail && <p className="headline-detail">{h.detail}</p>}
      {h.ci && <p className="headline-ci">{h.ci}</p>}
      {h.finding && <p className="headline-finding">{h.finding}</p>}
      {h.sample && <p className="headline-sample">{h.sample}</p>}
      <div className="headline-chart">{chart}</div>
      <a className="more-link" href={pageHref(more.page)}>
        {more.text} →
      </a>
    </article>
  );
}

function Dashboard({ result }: { result: AnalysisResult }) {
  const config = result.config;
  const chartConfig = { minGroupSize: config.minGroupSize, confidence: config.confidence };
  const participants = participantsHeadline(result);
  const retention = retentionHeadline(result);
  const [perfInfo, surveyInfo] = MEASURES as [(typeof MEASURES)[0], (typeof MEASURES)[1]];
  const performance = didHeadline(result, 'performance');
  const survey = didHeadline(result, 'survey');
  const retentionOutcome = result.outcomes.retention;
  const comparisonByCohort = result.byCohort ? Object.fromEntries(result.byCohort.map((c) => [c.cohort, c.comparison])) : undefined;

  return (
    <div className="stack">
      <div className="headline-grid">
        <HeadlineCard
          id="participants"
          label="Participants"
          headline={participants}
          more={{ page: 'cohorts', text: 'Results by cohort' }}
          chart={<ChartCard name="participants-by-cohort" config={chartConfig} overhead={150} build={(o) => buildParticipantsSpec({ cohorts: result.population.cohorts, comparisonByCohort }, o)} />}
        />
        <HeadlineCard
          id="retention"
          label="12-month retention, vs comparison"
          headline={retention}
          more={{ page: 'retention', text: 'Retention details' }}
          chart={
            retentionOutcome ? (
              <ChartCard
                name="retention-kaplan-meier"
                config={chartConfig}
                overhead={170}
                build={(o) => buildKaplanMeierSpec(retentionOutcome, { ...o, title: 'Share still employed since the start', subtitle: [] })}
              />
            ) : null
          }
        />
        <HeadlineCard
          id="performance"
          label="Performance rating, change vs comparison"
          headline={performance}
          more={{ page: 'before-after', text: 'Before and after' }}
          chart={
            result.outcomes.performance ? (
              <ChartCard
                name="performance-difference-in-differences"
                config={chartConfig}
                overhead={150}
                build={(o) => buildDidSpec(result.outcomes.performance, { ...o, ...perfInfo.chart(config), title: 'Mean rating change, both groups', subtitle: [] })}
              />
            ) : null
          }
        />
        <HeadlineCard
          id="survey"
          label="Engagement survey, change vs comparison"
          headline={survey}
          more={{ page: 'survey', text: 'Survey items' }}
          chart={
            result.outcomes.survey ? (
              <ChartCard
                name="survey-difference-in-differences"
                config={chartConfig}
                overhead={150}
                build={(o) => buildDidSpec(result.outcomes.survey, { ...o, ...surveyInfo.chart(config), title: 'Mean survey score change, both groups', subtitle: [] })}
              />
            ) : null
          }
        />
      </div>
      <p className="callout">
        <strong>Read with care:</strong> people chose to join the program, so differences between participants and their colleagues need not be caused by it. The
        change-versus-comparison numbers (difference-in-differences) remove differences that were there before the start, not those that arose for other reasons.
      </p>
      <HowComputed
        items={[
          { title: 'Participants and comparison group', method: participants.method },
          { title: '12-month retention', method: retention.method, caveats: retention.caveats },
          { title: 'Performance rating', method: performance.method, caveats: performance.caveats },
          { title: 'Engagement survey', method: survey.method, caveats: survey.caveats },
        ]}
        extra={[`Intervals are ${Math.round(config.confidence * 100)}% confidence intervals. Groups with fewer than ${config.minGroupSize} people are not shown anywhere.`]}
      />
    </div>
  );
}
