/**
 * Dashboard: the four numbers a leader asks for — who took part, whether they stayed,
 * whether their performance and engagement changed more than their colleagues' — each
 * with its confidence interval, the engine's finding in words and a chart.
 */
import type { AnalysisResult } from '../../../shared/analysis';
import { buildDidSpec } from '../../../shared/charts/did';
import { buildKaplanMeierSpec } from '../../../shared/charts/kaplanMeier';
import { wholePercent } from '../../../shared/format';
import { AnalysisGate } from '../components/AnalysisGate';
import { HeadlineCard } from '../components/HeadlineCard';
import { HowComputed } from '../components/HowComputed';
import { buildParticipantsSpec } from '../charts/participantsSpec';
import { didHeadline, participantsHeadline, retentionHeadline } from '../analysis/headlines';
import { MEASURES } from './measures';

export function DashboardPage() {
  return <AnalysisGate>{(result) => <Dashboard result={result} />}</AnalysisGate>;
}

function Dashboard({ result }: { result: AnalysisResult }) {
  const config = result.config;
  const chartConfig = { minGroupSize: config.minGroupSize, confidence: config.confidence };
  const participants = participantsHeadline(result);
  const retention = retentionHeadline(result);
  const [perfInfo, surveyInfo] = MEASURES as [(typeof MEASURES)[0], (typeof MEASURES)[1]];
  const performance = didHeadline(result, 'performance');
  const survey = didHeadline(result, 'survey');
  const { retention: retentionOutcome, performance: performanceOutcome, survey: surveyOutcome } = result.outcomes;
  const comparisonByCohort = result.byCohort ? Object.fromEntries(result.byCohort.map((c) => [c.cohort, c.comparison])) : undefined;

  return (
    <div className="stack">
      <div className="headline-grid">
        <HeadlineCard
          id="participants"
          label="Participants"
          headline={participants}
          more={{ page: 'cohorts', text: 'Results by cohort' }}
          chart={{ name: 'participants-by-cohort', config: chartConfig, build: (o) => buildParticipantsSpec({ cohorts: result.population.cohorts, comparisonByCohort }, o) }}
        />
        <HeadlineCard
          id="retention"
          label="12-month retention, vs comparison"
          headline={retention}
          more={{ page: 'retention', text: 'Retention details' }}
          chart={
            retentionOutcome && {
              name: 'retention-kaplan-meier',
              config: chartConfig,
              overhead: 170,
              build: (o) => buildKaplanMeierSpec(retentionOutcome, { ...o, title: 'Share still employed since the start', subtitle: [] }),
            }
          }
        />
        <HeadlineCard
          id="performance"
          label="Performance rating, change vs comparison"
          headline={performance}
          more={{ page: 'before-after', text: 'Before and after' }}
          chart={
            performanceOutcome && {
              name: 'performance-difference-in-differences',
              config: chartConfig,
              build: (o) => buildDidSpec(performanceOutcome, { ...o, ...perfInfo.chart(config), title: 'Mean rating change, both groups', subtitle: [] }),
            }
          }
        />
        <HeadlineCard
          id="survey"
          label="Engagement survey, change vs comparison"
          headline={survey}
          more={{ page: 'survey', text: 'Survey items' }}
          chart={
            surveyOutcome && {
              name: 'survey-difference-in-differences',
              config: chartConfig,
              build: (o) => buildDidSpec(surveyOutcome, { ...o, ...surveyInfo.chart(config), title: 'Mean survey score change, both groups', subtitle: [] }),
            }
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
        extra={[`Intervals are ${wholePercent(config.confidence)} confidence intervals. Groups with fewer than ${config.minGroupSize} people are not shown anywhere.`]}
      />
    </div>
  );
}
